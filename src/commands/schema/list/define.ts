// `kfk schema list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';
import { REGISTRY_FLAG } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'list subjects (with --subject: its versions)',
    flags: (cmd) =>
      cmd
        .option(...REGISTRY_FLAG)
        .option('--subject <subject>', 'list the versions of this subject')
        .option('--deleted', 'include soft-deleted subjects'),
    help: examples('kfk schema list', 'kfk schema list --subject orders-value -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
