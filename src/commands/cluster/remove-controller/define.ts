// `kfk cluster remove-controller`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('remove-controller', 'remove a voter from a dynamic KRaft quorum (kafka-metadata-quorum remove-controller, KIP-853)', (cmd) => cmd
  .addOption(bootstrapControllerFlag())
  .requiredOption('--controller-id <id>', 'the node id of the controller')
  .requiredOption('--controller-directory-id <id>', 'its metadata directory id (kfk cluster quorum lists it)')
  .option('--dry-run', 'print what would be done, do nothing')
  .option('--unregister', 'also unregister the controller from the cluster metadata once it has left the voters'),
  examples('kfk cluster remove-controller --bootstrap-controller ctl1:9093 --controller-id 4 --controller-directory-id IvRMpdxuRoWGV2Kyqi6Zbg', 'kfk cluster remove-controller --bootstrap-controller ctl1:9093 -o text --controller-id 4 --controller-directory-id IvRMpdxuRoWGV2Kyqi6Zbg --unregister'));
