// `kfk cluster id`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('id', "the cluster's id (kafka-cluster cluster-id)", (cmd) => cmd.addOption(bootstrapControllerFlag()),
  examples('kfk cluster id', 'kfk cluster id --bootstrap-controller ctl1:9093 -o json'));
