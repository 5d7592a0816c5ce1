// `kfk topic list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('list', 'list topic names, sorted, one per line', (cmd) => cmd
  .option('--topic <regex>', 'only topics matching this regular expression')
  .option('--exclude-internal', 'leave out internal topics'),
  examples('kfk topic list', "kfk topic list --topic 'orders.*'"));
