// `kfk streams-group list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand(
  'list',
  'the streams groups of the cluster (--state: with their state; --state S[,S]: only those)',
  (cmd) => cmd.option('--state [states]', 'add the STATE column; with a value, only groups in these states (Empty, Stable, Assigning, Dead, NotReady, Reconciling)'),
  examples('kfk streams-group list', 'kfk streams-group list --state Stable'),
);
