// `kfk transaction list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('list', 'every transactional id, its coordinator, producer id and state (kafka-transactions list)', (cmd) => cmd
  .option('--duration-filter <ms>', 'only transactions running longer than this (a negative value: all)')
  .option('--transactional-id-pattern <regex>', 'only transactional ids matching this regular expression (Kafka 4.1+)')
  .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
  examples('kfk transaction list', 'kfk transaction list --duration-filter 60000', "kfk transaction list --transactional-id-pattern 'orders-.*' -o json"));
