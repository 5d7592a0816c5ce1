// `kfk streams-group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, groupsFlags, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand(
  'delete',
  'delete streams groups that have no members (their committed offsets go with them; internal topics stay unless asked)',
  (cmd) =>
    groupsFlags(cmd, 'streams group (application.id)', 'every streams group')
      .option('--delete-all-internal-topics', "also delete each group's internal topics (its repartition and changelog topics)")
      .addOption(new Option('--kafka-errors', "kafka-streams-groups' exit code: 0 when some were not deleted").hideHelp()),
  examples('kfk streams-group delete --group orders-app', 'kfk streams-group delete --group orders-app --delete-all-internal-topics'),
);
