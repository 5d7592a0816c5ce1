// `kfk client-metrics describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'the configs of a client metrics subscription, or of every one (kafka-client-metrics --describe)', (cmd) => cmd
  .option('--name <name>', 'the subscription; without it, every one the cluster lists'),
  examples('kfk client-metrics describe', 'kfk client-metrics describe --name producers -o json'));
