// `kfk transaction describe-producers`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe-producers', "a partition's active producers: epochs, last sequence and timestamp, the open transaction's first offset (kafka-transactions describe-producers)", (cmd) => cmd
  .requiredOption('--topic <name>', 'the topic')
  .requiredOption('--partition <n>', 'the partition')
  .option('--broker-id <id>', 'ask this replica (default: the leader)')
  .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
  examples('kfk transaction describe-producers --topic orders --partition 0'));
