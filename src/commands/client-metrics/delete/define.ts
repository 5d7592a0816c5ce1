// `kfk client-metrics delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommandWithoutOutput } from '../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('delete', 'remove a client metrics subscription: every config it has (kafka-client-metrics --delete)', (cmd) => cmd
  .option('--name <name>', 'the subscription'),
  examples('kfk client-metrics delete --name producers'));
