// `kfk local stop`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return parent
    .command('stop')
    .description('stop the local cluster (only processes kfk started)')
    .addHelpText('after', examples('kfk local stop'));
}
