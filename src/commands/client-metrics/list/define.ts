// `kfk client-metrics list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('list', 'the names of the client metrics subscriptions (kafka-client-metrics --list)', (cmd) => cmd
  // kafka-client-metrics --list prints an empty line when there are none (set by the drop-in).
  .addOption(new Option('--kafka-text').hideHelp()),
  examples('kfk client-metrics list', 'kfk client-metrics list -o json'));
