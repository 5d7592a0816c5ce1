// `kfk transaction find-hanging`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('find-hanging', 'open transactions at partitions that no coordinator will end: producer, epochs, first offset, age (kafka-transactions find-hanging)', (cmd) => cmd
  .option('--broker-id <id>', "search this broker's replicas")
  .option('--topic <name>', 'search this topic')
  .option('--partition <n>', 'only this partition of --topic')
  .option('--max-transaction-timeout <minutes>', 'transactions open longer than this are candidates', '15')
  .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
  examples('kfk transaction find-hanging --broker-id 1', 'kfk transaction find-hanging --topic orders --max-transaction-timeout 5'));
