// `kfk group reset-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, groupsFlags, kafkaCommand } from '../../../cli/flags.js';
import { type ResetWords, exportFlag, fromFileFlag, resetModeFlags, resetScopeFlags, toDatetimeFlag } from './flags.js';

const WORDS: ResetWords = {
  group: 'consumer group',
  allTopics: 'every topic the group has committed offsets for',
  toEarliest: 'to the earliest offset',
  toCurrent: 'to the committed offset (no change)',
  execute: 'commit the plan',
};

export const define = kafkaCommand('reset-offsets', 'move a group\'s committed offsets (dry run unless --execute; the group must be inactive)', (cmd) => {
    const groups = groupsFlags(cmd, WORDS.group, 'every consumer group of the cluster');
    const targets = resetScopeFlags(groups, WORDS).option('--shift-by <n>', 'committed offset plus N (negative moves back)');
    const times = toDatetimeFlag(targets).option('--by-duration <duration>', 'to the first offset at or after now minus this (PT1H30M, 90m, 1d)');
    return exportFlag(resetModeFlags(fromFileFlag(times), WORDS)).addOption(
      new Option('--kafka-errors', "kafka-consumer-groups' checks and reports, in its order and words (an active group: its Error line, exit 0)").hideHelp(),
    );
  },
  examples(
    'kfk group reset-offsets --group billing --topic orders --to-earliest',
    'kfk group reset-offsets --group billing --topic orders:0 --shift-by -10 --execute',
    'kfk group reset-offsets --group billing --all-topics --to-current --export > plan.csv',
    'kfk group reset-offsets --group billing --from-file plan.csv --execute',
    'kfk group reset-offsets --all-groups --topic orders --to-latest --execute',
  ));
