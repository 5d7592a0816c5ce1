// `kfk __complete topics|groups` (hidden): names for the completion scripts, from the configured
// cluster, quickly or not at all. The work is in ./run.ts, loaded when the command runs.
import { Argument, type AnyCommand, type ArgsOf, type FlagsOf } from '../../cli/commander.js';
import { connectionFlags, examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  return connectionFlags(program.command('__complete', { hidden: true }))
    .description('print topic or group names for shell completion')
    .addHelpText('after', examples('kfk __complete topics --bootstrap-server localhost:9092'))
    .addArgument(new Argument('<kind>').choices(['topics', 'groups']));
}

/** The flags, and the <kind> argument under its name. */
export type Flags = FlagsOf<typeof define> & { kind: ArgsOf<typeof define>[0] };
