// `kfk cluster api-versions`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand(
  'api-versions',
  'the APIs each broker, or with --bootstrap-controller each controller, offers and their versions (kafka-cluster api-versions, kafka-broker-api-versions)',
  (cmd) =>
    cmd
      .addOption(bootstrapControllerFlag())
      // kfk-kafka-broker-api-versions: the brokers in that tool's order (its HashMap of nodes).
      .addOption(new Option('--broker-api-versions-order').hideHelp()),
  examples('kfk cluster api-versions', 'kfk cluster api-versions -o table', 'kfk cluster api-versions --bootstrap-controller ctl1:9093 -o json'),
);
