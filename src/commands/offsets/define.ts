// `kfk offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../cli/commander.js';
import { examples, kafkaCommandWithoutOutput } from '../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('offsets', 'partition offsets at a time: topic:partition:offset (kafka-get-offsets)', (cmd) => cmd
  .option('--topic <name|regex>', 'topic name or regular expression (default: all)')
  .option('--partitions <list>', 'only these partitions, e.g. 0,1')
  .option('--topic-partitions <rules>', "topic-regex[:partitions] rules, comma-separated, as kafka-get-offsets takes them: orders:0, orders:1-3 (1 and 2), orders:5-, orders:-2, :0; not with --topic or --partitions")
  .option('--time <time>', 'earliest (-2), latest (-1, default), epoch ms or a date-time')
  .option('--exclude-internal', 'leave out internal topics')
  .addOption(new Option('-o, --output <format>', 'text (kafka-get-offsets) or json').choices(['text', 'json']))
  .addOption(new Option('--kafka-errors', "kafka-get-offsets' wording when nothing matches, and its exit code").hideHelp()),
  examples('kfk offsets --topic orders', 'kfk offsets --topic orders --time earliest', 'kfk offsets --topic-partitions "orders:0-2,payments"', "kfk offsets --topic orders --time '2024-05-01T00:00:00Z'"));
