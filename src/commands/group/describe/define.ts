// `kfk group describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'per-partition CURRENT-OFFSET, LOG-END-OFFSET and LAG of groups, with their members', (cmd) => cmd
  .option('--group <id>', 'consumer group; repeatable or comma-separated', collect)
  .option('--all-groups', 'every consumer group of the cluster')
  .option('--offsets', 'partition offsets and lag (the default)')
  .option('--members', 'members, their hosts and partition counts')
  .option('--state', 'coordinator, assignment strategy, state and member count')
  .addOption(new Option('--kafka-errors', "kafka-consumer-groups' wording of a failure and its exit code").hideHelp())
  .addOption(new Option('--kafka-verbose', "kafka-consumer-groups --verbose: its columns, without kfk's client log").hideHelp()),
  '\nSeveral groups (or --all-groups) are described one after the other, sorted by name, as\n' +
    'kafka-consumer-groups does; -o json gives an array of them then (one --group: the group alone).\n' +
    'With --verbose, also Kafka\'s verbose columns: LEADER-EPOCH of the offsets; epochs and current and target\n' +
    'assignments of the members; GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH of the state.\n' +
    examples('kfk group describe --group billing', 'kfk group describe --group billing --members --verbose', 'kfk group describe --group billing -o json | jq .totalLag', 'kfk group describe --all-groups --state'));
