// `kfk group list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('list'))
    .description('list consumer groups (--state adds the state; --state S[,S] filters)')
    .option('--state [states]', 'show the STATE column; with a value, only groups in these states (Stable, Empty, ...)')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk group list', 'kfk group list --state', 'kfk group list --state Empty -o json'));
}

export type Flags = FlagsOf<typeof define>;
