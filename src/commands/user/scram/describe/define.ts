// `kfk user scram describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { collect, examples, kafkaCommand } from '../../../../cli/flags.js';

export const define = kafkaCommand('describe', "users' SCRAM mechanisms and iteration counts: every user that has a credential, or those named (kafka-configs --describe --entity-type users)", (cmd) => cmd.option('--user <name>', 'a user; repeatable (default: every user with a credential)', collect),
  examples('kfk user scram describe', 'kfk user scram describe --user alice -o json'));
