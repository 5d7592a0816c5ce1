// `kfk cluster add-controller`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('add-controller', 'make a controller a voter of a dynamic KRaft quorum, from its server.properties (kafka-metadata-quorum add-controller, KIP-853)', (cmd) => cmd
  .addOption(bootstrapControllerFlag())
  .requiredOption('--controller-config <file>', "the new controller's server.properties (node.id, listeners, its formatted metadata log dir)")
  .option('--dry-run', 'print what would be done, do nothing'),
  examples('kfk cluster add-controller --bootstrap-controller ctl1:9093 --controller-config controller-4.properties'));
