// `kfk group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'delete', {
    description: 'delete consumer groups (they must be empty)',
    flags: (cmd) => cmd.requiredOption('--group <id>', 'consumer group; repeatable or comma-separated', collect),
    help: examples('kfk group delete --group old-billing'),
  });
}

export type Flags = FlagsOf<typeof define>;
