// `kfk group list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('list', 'list consumer groups, classic and consumer (KIP-848) alike (--type/--state add columns; with values they filter)', (cmd) => cmd
  .option('--state [states]', 'show the STATE column; with a value, only groups in these states (Stable, Empty, ...)')
  .option('--type [types]', 'show the TYPE column; with a value, only groups of these types (classic, consumer)'),
  examples('kfk group list', 'kfk group list --type --state', 'kfk group list --type consumer', 'kfk group list --state Empty -o json'));
