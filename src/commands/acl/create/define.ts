// `kfk acl create`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';
import { entryFlags, kafkaTextFlag, listOnlyPrincipalFlag, resourceFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'create', {
    description: 'add ACLs, as kafka-acls --add; ACLs already there are kept and reported',
    flags: (cmd) =>
      entryFlags(resourceFlags(cmd.addOption(bootstrapControllerFlag())))
        .addOption(kafkaTextFlag())
        .addOption(listOnlyPrincipalFlag()),
    help: examples(
      'kfk acl create --allow-principal User:alice --operation Read --operation Describe --topic orders',
      'kfk acl create --consumer --allow-principal User:app --topic orders --group billing',
      "kfk acl create --allow-principal User:app --operation Write --topic 'orders-' --resource-pattern-type prefixed",
    ),
  });
}

export type Flags = FlagsOf<typeof define>;
