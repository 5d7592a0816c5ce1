// `kfk cluster add-controller`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'add-controller', {
    description: 'make a controller a voter of a dynamic KRaft quorum, from its server.properties (kafka-metadata-quorum add-controller, KIP-853)',
    flags: (cmd) =>
      cmd
        .addOption(bootstrapControllerFlag())
        .requiredOption('--controller-config <file>', "the new controller's server.properties (node.id, listeners, its formatted metadata log dir)")
        .option('--dry-run', 'print what would be done, do nothing'),
    help: examples('kfk cluster add-controller --bootstrap-controller ctl1:9093 --controller-config controller-4.properties'),
  });
}

export type Flags = FlagsOf<typeof define>;
