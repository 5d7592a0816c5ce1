// `kfk transaction abort`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('abort', 'end a hanging transaction at a partition with an abort marker, found by its first offset or given by producer id and epochs (kafka-transactions abort)', (cmd) => cmd
  .requiredOption('--topic <name>', 'the topic')
  .requiredOption('--partition <n>', 'the partition')
  .option('--start-offset <offset>', 'the open transaction starting at this offset (see describe-producers or find-hanging)')
  .option('--producer-id <id>', 'the producer id (with --producer-epoch and --coordinator-epoch, instead of --start-offset)')
  .option('--producer-epoch <epoch>', 'the producer epoch')
  .option('--coordinator-epoch <epoch>', 'the coordinator epoch (-1: none known, taken as 0)')
  .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
  examples('kfk transaction abort --topic orders --partition 0 --start-offset 1042', 'kfk transaction abort --topic orders --partition 0 --producer-id 7 --producer-epoch 0 --coordinator-epoch -1'));
