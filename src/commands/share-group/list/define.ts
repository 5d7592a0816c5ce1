// `kfk share-group list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'the share groups of the cluster (--state: with their state; --state S[,S]: only those)',
    flags: (cmd) => cmd.option('--state [states]', 'add the STATE column; with a value, only groups in these states (Stable, Empty, Dead)'),
    help: examples('kfk share-group list', 'kfk share-group list --state Stable'),
  });
}

export type Flags = FlagsOf<typeof define>;
