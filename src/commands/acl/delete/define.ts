// `kfk acl delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, listOnlyPrincipalFlag, resourceFlags } from '../define.js';

export const define = kafkaCommand('delete', 'remove ACLs, as kafka-acls --remove: the named entries, or every ACL of the resources; asks first unless --force', (cmd) =>
  entryFlags(resourceFlags(cmd.addOption(bootstrapControllerFlag())))
    .option('--force', 'do not ask (needed when stdin is not a terminal)')
    .addOption(kafkaTextFlag())
    .addOption(listOnlyPrincipalFlag()),
  examples('kfk acl delete --allow-principal User:alice --operation Read --topic orders --force', 'kfk acl delete --topic orders --force'));
