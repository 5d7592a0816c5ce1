// `kfk user scram set`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../../cli/commander.js';
import { examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('set', "create or replace a user's SCRAM credential; the password comes from a file or an environment variable, never a flag (kafka-configs --alter --add-config SCRAM-SHA-256=[...])", (cmd) => cmd
  .requiredOption('--user <name>', 'the user')
  .addOption(new Option('--mechanism <name>', 'the SCRAM mechanism').choices(['SCRAM-SHA-256', 'SCRAM-SHA-512']).default('SCRAM-SHA-256'))
  .option('--iterations <n>', 'PBKDF2 iterations, 4096 to 16384 (default: 4096, as kafka-configs)')
  .option('--password-file <file>', "a file holding the password (its first line; '-': standard input)")
  .option('--password-env <variable>', 'an environment variable holding the password')
  // The drop-in: kafka-configs' own --add-config/--delete-config values for this user.
  .addOption(new Option('--kafka-add-config <list>', "kafka-configs' SCRAM --add-config").hideHelp())
  .addOption(new Option('--kafka-delete-config <list>', "kafka-configs' SCRAM --delete-config").hideHelp()),
  examples(
    'kfk user scram set --user alice --password-file ./alice.pw',
    'KFK_PW=... kfk user scram set --user alice --mechanism SCRAM-SHA-512 --iterations 8192 --password-env KFK_PW',
    "read -rs PW; printf '%s' \"$PW\" | kfk user scram set --user alice --password-file -",
  ));
