// `kfk schema get`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples } from '../../../cli/flags.js';
import { schemaCommand } from '../define.js';

export const define = schemaCommand('get', "print a schema: a subject's version (default latest) or a schema id", (cmd) => cmd
  .option('--subject <subject>', 'the subject')
  .option('--version <version>', 'the version of the subject, or latest', 'latest')
  .option('--id <id>', 'the schema id (instead of --subject)'),
  examples('kfk schema get --subject orders-value', 'kfk schema get --id 1 -o json'));
