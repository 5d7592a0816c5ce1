// `kfk acl delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { connectionFlags, examples, outputFlag } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, listOnlyPrincipalFlag, resourceFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return entryFlags(resourceFlags(connectionFlags(parent.command('delete'))))
    .description('remove ACLs, as kafka-acls --remove: the named entries, or every ACL of the resources; asks first unless --force')
    .option('--force', 'do not ask (needed when stdin is not a terminal)')
    .addOption(outputFlag())
    .addOption(kafkaTextFlag())
    .addOption(listOnlyPrincipalFlag())
    .addHelpText('after', examples('kfk acl delete --allow-principal User:alice --operation Read --topic orders --force', 'kfk acl delete --topic orders --force'));
}

export type Flags = FlagsOf<typeof define>;
