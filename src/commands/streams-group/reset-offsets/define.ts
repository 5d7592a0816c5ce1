// `kfk streams-group reset-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, groupsFlags, kafkaCommand } from '../../../cli/flags.js';
import { type ResetWords, exportFlag, fromFileFlag, resetModeFlags, resetScopeFlags, toDatetimeFlag } from '../../group/reset-offsets/flags.js';

const WORDS: ResetWords = {
  group: 'streams group (application.id)',
  allTopics: 'every source topic of the group (not its repartition topics) that has committed offsets',
  toEarliest: 'to the earliest offset (the application reads its input again)',
  toCurrent: 'to the committed offset (no change)',
  execute: 'commit the plan (the application must be stopped)',
};

export const define = kafkaCommand(
  'reset-offsets',
  "move a streams group's committed offsets of its input topics (dry run unless --execute; the application must be stopped)",
  (cmd) => {
    const targets = resetScopeFlags(groupsFlags(cmd, WORDS.group, 'every streams group of the cluster (those with members are refused)'), WORDS).option('--shift-by <n>', 'committed offset plus N (negative moves back)');
    const times = toDatetimeFlag(targets).option('--by-duration <duration>', 'to the first offset at or after now minus this (PT1H30M, 90m, 1d)');
    return exportFlag(resetModeFlags(fromFileFlag(times), WORDS))
      .option('--delete-all-internal-topics', "with --execute, also delete the group's internal topics (repartition and changelog topics: its state)")
      .option('--delete-internal-topic <topic>', 'with --execute, also delete this internal topic of the group; repeatable', collect)
      .addOption(
      new Option('--kafka-errors', "kafka-streams-groups' reports, in its order and words (an active group: its Error line, exit 0)").hideHelp(),
    );
  },
  "\n--topic names input topics of the group's topology (its source and repartition topics). To reprocess the\ninput from the start, reset with --execute --delete-all-internal-topics: the application's state goes too.\n" +
 examples('kfk streams-group reset-offsets --group orders-app --all-topics --to-earliest', 'kfk streams-group reset-offsets --group orders-app --all-topics --to-earliest --execute --delete-all-internal-topics', 'kfk streams-group reset-offsets --group orders-app --topic orders --to-datetime 2026-12-01T00:00:00 --execute'),
);
