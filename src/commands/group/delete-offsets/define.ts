// `kfk group delete-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete-offsets', 'delete a group\'s committed offsets for topics or partitions', (cmd) => cmd
  .requiredOption('--group <id>', 'consumer group')
  .requiredOption('--topic <topic[:partitions]>', 'topic or topic:0,1; repeatable', collect)
  .addOption(new Option('--kafka-errors', "kafka-consumer-groups' report of a failure (its Error line on stdout, exit 0)").hideHelp()),
  examples('kfk group delete-offsets --group billing --topic orders'));
