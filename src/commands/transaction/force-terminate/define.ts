// `kfk transaction force-terminate`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('force-terminate', "abort a transactional id's open transaction at its coordinator and fence its producer (kafka-transactions forceTerminateTransaction)", (cmd) => cmd
  .requiredOption('--transactional-id <id>', 'the transactional id')
  .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
  examples('kfk transaction force-terminate --transactional-id orders-tx'));
