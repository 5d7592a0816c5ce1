// `kfk local logs`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return parent
    .command('logs')
    .description('print the broker log(s)')
    .option('-n, --lines <n>', 'last N lines per broker', '50')
    .addHelpText('after', examples('kfk local logs -n 200'));
}
