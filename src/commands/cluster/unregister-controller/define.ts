// `kfk cluster unregister-controller`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('unregister-controller', "remove a controller's registration from the cluster metadata (kafka-cluster unregister-controller, Kafka 4.4; a controller that has left the quorum)", (cmd) => cmd.addOption(bootstrapControllerFlag()).requiredOption('--id <id>', 'the node id of the controller'),
  examples('kfk cluster unregister-controller --id 4', 'kfk cluster unregister-controller --bootstrap-controller ctl1:9093 --id 4'));
