// `kfk schema list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';
import { schemaCommand } from '../define.js';

export function define(parent: AnyCommand) {
  return schemaCommand(parent, 'list', {
    description: 'list subjects (with --subject: its versions)',
    flags: (cmd) =>
      cmd
        .option('--subject <subject>', 'list the versions of this subject')
        .option('--deleted', 'include soft-deleted subjects'),
    help: examples('kfk schema list', 'kfk schema list --subject orders-value -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
