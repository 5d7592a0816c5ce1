// `kfk schema delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';
import { schemaCommand } from '../define.js';

export function define(parent: AnyCommand) {
  return schemaCommand(parent, 'delete', {
    description: 'delete a subject (or one version of it); prints the versions deleted',
    flags: (cmd) =>
      cmd
        .requiredOption('--subject <subject>', 'the subject')
        .option('--version <version>', 'only this version (a number or latest)')
        .option('--permanent', 'hard delete (after a soft delete)'),
    help: examples('kfk schema delete --subject orders-value', 'kfk schema delete --subject orders-value --version 2'),
  });
}

export type Flags = FlagsOf<typeof define>;
