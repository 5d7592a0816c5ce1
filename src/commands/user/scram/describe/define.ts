// `kfk user scram describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'describe', {
    description: "users' SCRAM mechanisms and iteration counts: every user that has a credential, or those named (kafka-configs --describe --entity-type users)",
    flags: (cmd) => cmd.option('--user <name>', 'a user; repeatable (default: every user with a credential)', collect),
    help: examples('kfk user scram describe', 'kfk user scram describe --user alice -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
