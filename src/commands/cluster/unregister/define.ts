// `kfk cluster unregister`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'unregister', {
    description: "remove a broker's registration from the cluster metadata (kafka-cluster unregister; a decommissioned broker)",
    flags: (cmd) => cmd.addOption(bootstrapControllerFlag()).requiredOption('--id <id>', 'the node id of the broker'),
    help: examples('kfk cluster unregister --id 4', 'kfk cluster unregister --bootstrap-controller ctl1:9093 --id 4'),
  });
}

export type Flags = FlagsOf<typeof define>;
