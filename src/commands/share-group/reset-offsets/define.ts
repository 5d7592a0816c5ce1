// `kfk share-group reset-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';
import { type ResetWords, exportFlag, fromFileFlag, resetModeFlags, resetTargetFlags, toDatetimeFlag } from '../../group/reset-offsets/flags.js';

const WORDS: ResetWords = {
  group: 'share group',
  allTopics: 'every topic the group has start offsets for',
  toEarliest: 'to the log start',
  toCurrent: 'to the start offset it has (the log end where it has none)',
  execute: 'apply the plan',
};

export const define = kafkaCommand('reset-offsets', "move a share group's start offsets (dry run unless --execute; the group must have no members)", (cmd) => exportFlag(resetModeFlags(fromFileFlag(toDatetimeFlag(resetTargetFlags(cmd, WORDS))), WORDS)),
  examples(
    'kfk share-group reset-offsets --group workers --topic orders --to-earliest',
    'kfk share-group reset-offsets --group workers --all-topics --to-latest --execute',
    'kfk share-group reset-offsets --group workers --all-topics --to-current --export > plan.csv',
    'kfk share-group reset-offsets --group workers --from-file plan.csv --execute',
  ));
