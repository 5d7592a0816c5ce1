// `kfk schema register`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';
import { schemaCommand, schemaFileFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return schemaCommand(parent, 'register', {
    description: 'register a schema under a subject and print its id (the same id when it is registered already)',
    flags: (cmd) =>
      schemaFileFlags(
        cmd
          .requiredOption('--subject <subject>', 'the subject')
          .requiredOption('--schema-file <file>', 'the schema: .avsc, .proto or .json')
      ),
    help: examples('kfk schema register --subject orders-value --schema-file order.avsc', 'kfk schema register --subject pay-value --schema-file pay.proto --reference common.proto=common:1'),
  });
}

export type Flags = FlagsOf<typeof define>;
