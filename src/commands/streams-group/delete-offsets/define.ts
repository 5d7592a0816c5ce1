// `kfk streams-group delete-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand(
  'delete-offsets',
  "delete a streams group's committed offsets of input topics or partitions",
  (cmd) =>
    cmd
      .requiredOption('--group <id>', 'streams group (application.id)')
      .option('--topic <topic[:partitions]>', 'input topic or topic:0,1; repeatable', collect)
      .option('--all-topics', 'every source topic of the group (not its repartition topics) that has committed offsets')
      .addOption(new Option('--kafka-errors', "kafka-streams-groups' report of a failure (its Error line on stdout, exit 0)").hideHelp()),
  examples('kfk streams-group delete-offsets --group orders-app --topic orders', 'kfk streams-group delete-offsets --group orders-app --all-topics'),
);
