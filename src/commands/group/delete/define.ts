// `kfk group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete', 'delete consumer groups (they must be empty)', (cmd) => cmd.requiredOption('--group <id>', 'consumer group; repeatable or comma-separated', collect),
  examples('kfk group delete --group old-billing'));
