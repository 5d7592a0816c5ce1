// `kfk transaction describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', "a transactional id's state: coordinator, producer id and epoch, timeout, the transaction under way and its partitions (kafka-transactions describe)", (cmd) => cmd
  .requiredOption('--transactional-id <id>', 'the transactional id')
  .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
  examples('kfk transaction describe --transactional-id orders-tx'));
