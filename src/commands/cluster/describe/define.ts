// `kfk cluster describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'describe', {
    description: 'cluster id, controller, and brokers with host:port and rack',
    help: examples('kfk cluster describe', 'kfk cluster describe -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
