// `kfk schema delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples } from '../../../cli/flags.js';
import { schemaCommand } from '../define.js';

export const define = schemaCommand('delete', 'delete a subject (or one version of it); prints the versions deleted', (cmd) => cmd
  .requiredOption('--subject <subject>', 'the subject')
  .option('--version <version>', 'only this version (a number or latest)')
  .option('--permanent', 'hard delete (after a soft delete)'),
  examples('kfk schema delete --subject orders-value', 'kfk schema delete --subject orders-value --version 2'));
