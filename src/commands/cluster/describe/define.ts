// `kfk cluster describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'cluster id, controller, and brokers with host:port and rack',
  examples('kfk cluster describe', 'kfk cluster describe -o json'));
