// `kfk cluster unregister`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('unregister', "remove a broker's registration from the cluster metadata (kafka-cluster unregister; a decommissioned broker)", (cmd) => cmd.addOption(bootstrapControllerFlag()).requiredOption('--id <id>', 'the node id of the broker'),
  examples('kfk cluster unregister --id 4', 'kfk cluster unregister --bootstrap-controller ctl1:9093 --id 4'));
