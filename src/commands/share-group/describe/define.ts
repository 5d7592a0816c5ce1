// `kfk share-group describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, groupsFlags, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', "a share group's START-OFFSET and LAG per partition, its members or its state", (cmd) =>
  groupsFlags(cmd, 'share group', 'every share group')
    .option('--offsets', 'start offsets and lag per partition (the default)')
    .option('--members', 'members, their hosts and assignments')
    .option('--state', 'coordinator, state and member count')
    .addOption(new Option('--kafka-errors', "kafka-share-groups' wording of a missing group and its exit code").hideHelp())
    .addOption(new Option('--kafka-verbose', "kafka-share-groups --verbose: its columns, without kfk's client log").hideHelp()),
  "\nWith --verbose, also Kafka's verbose columns: LEADER-EPOCH of the offsets, MEMBER-EPOCH of the members,\nGROUP-EPOCH and ASSIGNMENT-EPOCH of the state.\n" +
    examples('kfk share-group describe --group workers', 'kfk share-group describe --group workers --members --verbose', 'kfk share-group describe --all-groups --state -o json'));
