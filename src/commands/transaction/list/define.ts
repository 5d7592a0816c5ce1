// `kfk transaction list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'every transactional id, its coordinator, producer id and state (kafka-transactions list)',
    help: examples('kfk transaction list', 'kfk transaction list -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
