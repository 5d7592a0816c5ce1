// `kfk acl list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, collect, examples, kafkaCommand } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, resourceFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'ACLs of the named resources (all ACLs when none is named), as kafka-acls --list',
    flags: (cmd) =>
      entryFlags(resourceFlags(cmd.addOption(bootstrapControllerFlag())))
        .option('--principal <principal>', "only this principal's ACLs; repeatable", collect)
        .addOption(kafkaTextFlag()),
    help: examples('kfk acl list', 'kfk acl list --topic orders --resource-pattern-type match', 'kfk acl list --principal User:alice -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
