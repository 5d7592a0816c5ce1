// `kfk schema list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples } from '../../../cli/flags.js';
import { schemaCommand } from '../define.js';

export const define = schemaCommand('list', 'list subjects (with --subject: its versions)', (cmd) => cmd
  .option('--subject <subject>', 'list the versions of this subject')
  .option('--deleted', 'include soft-deleted subjects'),
  examples('kfk schema list', 'kfk schema list --subject orders-value -o json'));
