// `kfk cluster id`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'id', {
    description: "the cluster's id (kafka-cluster cluster-id)",
    flags: (cmd) => cmd.addOption(bootstrapControllerFlag()),
    help: examples('kfk cluster id', 'kfk cluster id --bootstrap-controller ctl1:9093 -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
