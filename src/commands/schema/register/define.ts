// `kfk schema register`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples } from '../../../cli/flags.js';
import { schemaCommand, schemaFileFlags } from '../define.js';

export const define = schemaCommand('register', 'register a schema under a subject and print its id (the same id when it is registered already)', (cmd) =>
  schemaFileFlags(
    cmd
      .requiredOption('--subject <subject>', 'the subject')
      .requiredOption('--schema-file <file>', 'the schema: .avsc, .proto or .json')
  ),
  examples('kfk schema register --subject orders-value --schema-file order.avsc', 'kfk schema register --subject pay-value --schema-file pay.proto --reference common.proto=common:1'));
