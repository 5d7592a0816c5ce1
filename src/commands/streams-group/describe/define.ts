// `kfk streams-group describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, groupsFlags, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand(
  'describe',
  "a streams group's OFFSET-LAG per input partition, its members and their tasks, or its state",
  (cmd) =>
    groupsFlags(cmd, 'streams group (application.id)', 'every streams group')
      .option('--offsets', 'lag per input partition of the active tasks (the default)')
      .option('--members', 'members, their processes and tasks')
      .option('--state', 'coordinator, assignor, state and member count')
      .addOption(new Option('--kafka-errors', "kafka-streams-groups' wording of a missing group and of a group without members").hideHelp())
      .addOption(new Option('--kafka-verbose', "kafka-streams-groups --verbose: its columns, without kfk's client log").hideHelp()),
  "\nWith --verbose, also Kafka's verbose columns: CURRENT-OFFSET, LEADER-EPOCH and LOG-END-OFFSET of the offsets;\nthe epochs, protocol and target tasks of the members; GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH of the state.\n" +
    examples('kfk streams-group describe --group orders-app', 'kfk streams-group describe --group orders-app --members --verbose', 'kfk streams-group describe --all-groups --state -o json'),
);
