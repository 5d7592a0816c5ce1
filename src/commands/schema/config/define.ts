// `kfk schema config`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';
import { schemaCommand } from '../define.js';

const LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'];

export const define = schemaCommand('config', 'print (or set) the compatibility level, global or of a subject', (cmd) => cmd
  .option('--subject <subject>', "the subject (default: the registry's global level)")
  .addOption(new Option('--set-compatibility <level>', 'set the level').choices(LEVELS)),
  examples('kfk schema config', 'kfk schema config --subject orders-value --set-compatibility FULL'));
