// `kfk streams-group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';
import { streamsGroupsFlags } from '../define.js';

export const define = kafkaCommand(
  'delete',
  'delete streams groups that have no members (their committed offsets go with them; internal topics stay)',
  (cmd) => streamsGroupsFlags(cmd).addOption(new Option('--kafka-errors', "kafka-streams-groups' exit code: 0 when some were not deleted").hideHelp()),
  examples('kfk streams-group delete --group orders-app'),
);
