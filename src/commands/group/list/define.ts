// `kfk group list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('list', 'list consumer groups, classic and consumer (KIP-848) alike (--type/--state add columns; with values they filter); --all-types: every kind of group (kafka-groups)', (cmd) => cmd
  .option('--state [states]', 'show the STATE column; with a value, only groups in these states (Stable, Empty, ...)')
  .option('--type [types]', 'show the TYPE column; with a value, only groups of these types (classic, consumer; with --all-types also share, streams)')
  .option('--all-types', 'share and streams groups too, and groups of any protocol type, as kafka-groups lists them')
  .option('--protocol-type <type>', 'only groups of this protocol type (consumer, share, streams, connect, ...)')
  // kfk-kafka-groups: that tool's columns; --consumer-kinds is its --consumer filter.
  .addOption(new Option('--kafka-groups').hideHelp())
  .addOption(new Option('--consumer-kinds').hideHelp()),
  examples('kfk group list', 'kfk group list --type --state', 'kfk group list --type consumer', 'kfk group list --all-types --type share', 'kfk group list --state Empty -o json'));
