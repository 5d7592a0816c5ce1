// `kfk schema compatibility`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';
import { schemaCommand, schemaFileFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return schemaCommand(parent, 'compatibility', {
    description: "test a schema against a subject's version under the subject's compatibility level (exit 1 when incompatible)",
    flags: (cmd) =>
      schemaFileFlags(
        cmd
          .requiredOption('--subject <subject>', 'the subject')
          .requiredOption('--schema-file <file>', 'the schema to test')
          .option('--version <version>', 'the version to test against', 'latest')
      ),
    help: examples('kfk schema compatibility --subject orders-value --schema-file order-v2.avsc'),
  });
}

export type Flags = FlagsOf<typeof define>;
