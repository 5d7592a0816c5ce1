// `kfk acl create`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, listOnlyPrincipalFlag, resourceFlags } from '../define.js';

export const define = kafkaCommand('create', 'add ACLs, as kafka-acls --add; ACLs already there are kept and reported', (cmd) =>
  entryFlags(resourceFlags(cmd.addOption(bootstrapControllerFlag())))
    .addOption(kafkaTextFlag())
    .addOption(listOnlyPrincipalFlag()),
  examples(
    'kfk acl create --allow-principal User:alice --operation Read --operation Describe --topic orders',
    'kfk acl create --consumer --allow-principal User:app --topic orders --group billing',
    "kfk acl create --allow-principal User:app --operation Write --topic 'orders-' --resource-pattern-type prefixed",
  ));
