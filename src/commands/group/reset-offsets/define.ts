// `kfk group reset-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'reset-offsets', {
    description: 'move a group\'s committed offsets (dry run unless --execute; the group must be inactive)',
    flags: (cmd) =>
      cmd
        .requiredOption('--group <id>', 'consumer group')
        .option('--topic <topic[:partitions]>', 'topic, or topic:0,1 / topic:0-3; repeatable', collect)
        .option('--all-topics', 'every topic the group has committed offsets for')
        .option('--to-earliest', 'to the earliest offset')
        .option('--to-latest', 'to the log end')
        .option('--to-current', 'to the committed offset (no change)')
        .option('--to-offset <n>', 'to offset N (kept within the log)')
        .option('--shift-by <n>', 'committed offset plus N (negative moves back)')
        .option('--to-datetime <time>', 'to the first offset at or after this time (ISO 8601; no zone means UTC)')
        .option('--by-duration <duration>', 'to the first offset at or after now minus this (PT1H30M, 90m, 1d)')
        .option('--dry-run', 'show the plan only (the default)')
        .option('--execute', 'commit the plan'),
    help: examples('kfk group reset-offsets --group billing --topic orders --to-earliest', 'kfk group reset-offsets --group billing --topic orders:0 --shift-by -10 --execute'),
  });
}

export type Flags = FlagsOf<typeof define>;
