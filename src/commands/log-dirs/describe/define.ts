// `kfk log-dirs describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'log directories of each broker: replicas, sizes and lag (kafka-log-dirs --describe); the table sums sizes per broker and topic', (cmd) => cmd
  .option('--broker-list <ids>', 'only these brokers, e.g. 1,2 (default: all)')
  .option('--topic-list <topics>', 'only these topics, e.g. orders,payments (default: all)'),
  examples('kfk log-dirs describe', 'kfk log-dirs describe --topic-list orders -o table', 'kfk log-dirs describe --broker-list 1 -o json'));
