// `kfk partition reassign list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'the reassignments under way: replicas, adding, removing (kafka-reassign-partitions --list)',
    flags: (cmd) => cmd.addOption(bootstrapControllerFlag()),
    help: examples('kfk partition reassign list', 'kfk partition reassign list -o json', 'kfk partition reassign list --bootstrap-controller ctl1:9093'),
  });
}

export type Flags = FlagsOf<typeof define>;
