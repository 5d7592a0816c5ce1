// `kfk acl delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, listOnlyPrincipalFlag, resourceFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'delete', {
    description: 'remove ACLs, as kafka-acls --remove: the named entries, or every ACL of the resources; asks first unless --force',
    flags: (cmd) =>
      entryFlags(resourceFlags(cmd.addOption(bootstrapControllerFlag())))
        .option('--force', 'do not ask (needed when stdin is not a terminal)')
        .addOption(kafkaTextFlag())
        .addOption(listOnlyPrincipalFlag()),
    help: examples('kfk acl delete --allow-principal User:alice --operation Read --topic orders --force', 'kfk acl delete --topic orders --force'),
  });
}

export type Flags = FlagsOf<typeof define>;
