// `kfk log-dirs describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'describe', {
    description: 'log directories of each broker: replicas, sizes and lag (kafka-log-dirs --describe); the table sums sizes per broker and topic',
    flags: (cmd) =>
      cmd
        .option('--broker-list <ids>', 'only these brokers, e.g. 1,2 (default: all)')
        .option('--topic-list <topics>', 'only these topics, e.g. orders,payments (default: all)'),
    help: examples('kfk log-dirs describe', 'kfk log-dirs describe --topic-list orders -o table', 'kfk log-dirs describe --broker-list 1 -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
