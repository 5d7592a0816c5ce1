// `kfk log-dirs describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('describe'))
    .description('log directories of each broker: replicas, sizes and lag (kafka-log-dirs --describe); the table sums sizes per broker and topic')
    .option('--broker-list <ids>', 'only these brokers, e.g. 1,2 (default: all)')
    .option('--topic-list <topics>', 'only these topics, e.g. orders,payments (default: all)')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk log-dirs describe', 'kfk log-dirs describe --topic-list orders -o table', 'kfk log-dirs describe --broker-list 1 -o json'));
}

export type Flags = FlagsOf<typeof define>;
