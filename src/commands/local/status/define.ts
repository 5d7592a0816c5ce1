// `kfk local status`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand } from '../../../cli/commander.js';
import { examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return parent
    .command('status')
    .description('show whether the local cluster runs, and where (exit 1 when it does not)')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk local status', 'kfk local status -o json'));
}
