// `kfk transaction list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('list'))
    .description('every transactional id, its coordinator, producer id and state (kafka-transactions list)')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk transaction list', 'kfk transaction list -o json'));
}

export type Flags = FlagsOf<typeof define>;
