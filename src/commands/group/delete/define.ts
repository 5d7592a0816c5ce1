// `kfk group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete', 'delete consumer groups (they must be empty)', (cmd) => cmd
  .option('--group <id>', 'consumer group; repeatable or comma-separated', collect)
  .option('--all-groups', 'every consumer group of the cluster (those with members are refused)')
  .addOption(new Option('--kafka-errors', "kafka-consumer-groups' exit code when a group was not deleted (0)").hideHelp()),
  examples('kfk group delete --group old-billing', 'kfk group delete --group old-billing,old-audit'));
