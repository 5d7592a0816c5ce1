// `kfk group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('delete'))
    .description('delete consumer groups (they must be empty)')
    .requiredOption('--group <id>', 'consumer group; repeatable or comma-separated', collect)
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk group delete --group old-billing'));
}

export type Flags = FlagsOf<typeof define>;
