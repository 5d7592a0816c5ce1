// `kfk acl list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, collect, examples, kafkaCommand } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, resourceFlags } from '../define.js';

export const define = kafkaCommand('list', 'ACLs of the named resources (all ACLs when none is named), as kafka-acls --list', (cmd) =>
  entryFlags(resourceFlags(cmd.addOption(bootstrapControllerFlag())))
    .option('--principal <principal>', "only this principal's ACLs; repeatable", collect)
    .addOption(kafkaTextFlag()),
  examples('kfk acl list', 'kfk acl list --topic orders --resource-pattern-type match', 'kfk acl list --principal User:alice -o json'));
