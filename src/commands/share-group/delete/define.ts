// `kfk share-group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';
import { shareGroupsFlags } from '../define.js';

export const define = kafkaCommand('delete', 'delete share groups that have no members (their start offsets and state go with them)', shareGroupsFlags,
  examples('kfk share-group delete --group workers'));
