// `kfk schema compatibility`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples } from '../../../cli/flags.js';
import { schemaCommand, schemaFileFlags } from '../define.js';

export const define = schemaCommand('compatibility', "test a schema against a subject's version under the subject's compatibility level (exit 1 when incompatible)", (cmd) =>
  schemaFileFlags(
    cmd
      .requiredOption('--subject <subject>', 'the subject')
      .requiredOption('--schema-file <file>', 'the schema to test')
      .option('--version <version>', 'the version to test against', 'latest')
  ),
  examples('kfk schema compatibility --subject orders-value --schema-file order-v2.avsc'));
