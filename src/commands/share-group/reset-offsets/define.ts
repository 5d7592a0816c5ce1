// `kfk share-group reset-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'reset-offsets', {
    description: "move a share group's start offsets (dry run unless --execute; the group must have no members)",
    flags: (cmd) =>
      cmd
        .requiredOption('--group <id>', 'share group')
        .option('--topic <topic[:partitions]>', 'topic, or topic:0,1 / topic:0-3; repeatable', collect)
        .option('--all-topics', 'every topic the group has start offsets for')
        .option('--to-earliest', 'to the log start')
        .option('--to-latest', 'to the log end')
        .option('--to-current', 'to the start offset it has (the log end where it has none)')
        .option('--to-offset <n>', 'to offset N (kept within the log)')
        .option('--to-datetime <time>', 'to the first offset at or after this time (ISO 8601; no zone means UTC)')
        .option('--dry-run', 'show the plan only (the default)')
        .option('--execute', 'apply the plan'),
    help: examples('kfk share-group reset-offsets --group workers --topic orders --to-earliest', 'kfk share-group reset-offsets --group workers --all-topics --to-latest --execute'),
  });
}

export type Flags = FlagsOf<typeof define>;
