// `kfk topic delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete', 'delete topics', (cmd) => cmd
  .requiredOption('--topic <name|regex>', 'topic name or regular expression')
  .option('--if-exists', 'succeed quietly if no topic matches')
  .option('--dry-run', 'show what would be deleted, delete nothing'),
  examples('kfk topic delete --topic orders', "kfk topic delete --topic 'tmp-.*' --dry-run"));
