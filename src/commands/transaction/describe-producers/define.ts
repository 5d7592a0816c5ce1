// `kfk transaction describe-producers`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { type AnyCommand, type FlagsOf, Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'describe-producers', {
    description: "a partition's active producers: epochs, last sequence and timestamp, the open transaction's first offset (kafka-transactions describe-producers)",
    flags: (cmd) =>
      cmd
        .requiredOption('--topic <name>', 'the topic')
        .requiredOption('--partition <n>', 'the partition')
        .option('--broker-id <id>', 'ask this replica (default: the leader)')
        .addOption(new Option('--kafka-errors', "kafka-transactions' wording of a failure").hideHelp()),
    help: examples('kfk transaction describe-producers --topic orders --partition 0'),
  });
}

export type Flags = FlagsOf<typeof define>;
