// `kfk share-group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, groupsFlags, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete', 'delete share groups that have no members (their start offsets and state go with them)', (cmd) =>
  groupsFlags(cmd, 'share group', 'every share group').addOption(new Option('--kafka-errors', "kafka-share-groups' exit code: 0 when some were not deleted").hideHelp()),
  examples('kfk share-group delete --group workers'));
