// The reset flags of `kfk group reset-offsets` and `kfk share-group reset-offsets`, defined once:
// both take the same set, with words for what their offsets are; a consumer group's reset adds
// --shift-by and --by-duration (help lists them where kafka-consumer-groups does). Their values
// are read by ./request.ts.
import type { Command, OptionValues } from '../../../cli/commander.js';
import { collect } from '../../../cli/flags.js';

/** What the flags' help says of the group and its offsets. */
export interface ResetWords {
  group: string;
  allTopics: string;
  toEarliest: string;
  toCurrent: string;
  execute: string;
}

/** --group (one), the partitions (--topic, --all-topics) and the targets every reset has, up to --to-offset. */
export function resetTargetFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, words: ResetWords) {
  return resetScopeFlags(cmd.requiredOption('--group <id>', words.group), words);
}

/** The partitions (--topic, --all-topics) and the targets every reset has, up to --to-offset: the command names its groups. */
export function resetScopeFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, words: ResetWords) {
  return cmd
    .option('--topic <topic[:partitions]>', 'topic, or topic:0,1 / topic:0-3; repeatable', collect)
    .option('--all-topics', words.allTopics)
    .option('--to-earliest', words.toEarliest)
    .option('--to-latest', 'to the log end')
    .option('--to-current', words.toCurrent)
    .option('--to-offset <n>', 'to offset N (kept within the log)');
}

/** --to-datetime */
export function toDatetimeFlag<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd.option('--to-datetime <time>', 'to the first offset at or after this time (ISO 8601; no zone means UTC)');
}

/** --from-file: the plan from a CSV file, as Kafka's kafka-consumer-groups and kafka-share-groups read it. */
export function fromFileFlag<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd.option('--from-file <file>', 'to the offsets of a CSV file: topic,partition,offset lines (or group,topic,partition,offset), as --export writes them');
}

/** --export: the plan as CSV, as Kafka's group tools print it. */
export function exportFlag<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd.option('--export', 'print the plan as CSV (topic,partition,offset), for --from-file');
}

/** --dry-run and --execute, last. */
export function resetModeFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, words: ResetWords) {
  return cmd.option('--dry-run', 'show the plan only (the default)').option('--execute', words.execute);
}
