// `kfk group list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'list consumer groups, classic and consumer (KIP-848) alike (--type/--state add columns; with values they filter)',
    flags: (cmd) =>
      cmd
        .option('--state [states]', 'show the STATE column; with a value, only groups in these states (Stable, Empty, ...)')
        .option('--type [types]', 'show the TYPE column; with a value, only groups of these types (classic, consumer)'),
    help: examples('kfk group list', 'kfk group list --type --state', 'kfk group list --type consumer', 'kfk group list --state Empty -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
