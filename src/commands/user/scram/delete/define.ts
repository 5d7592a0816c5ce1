// `kfk user scram delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../../cli/commander.js';
import { examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('delete', "remove a user's SCRAM credential of one mechanism (kafka-configs --alter --delete-config SCRAM-SHA-256)", (cmd) => cmd
  .requiredOption('--user <name>', 'the user')
  .addOption(new Option('--mechanism <name>', 'the SCRAM mechanism').choices(['SCRAM-SHA-256', 'SCRAM-SHA-512']).makeOptionMandatory()),
  examples('kfk user scram delete --user alice --mechanism SCRAM-SHA-256'));
