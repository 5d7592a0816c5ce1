// `kfk cluster quorum`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'quorum', {
    description: 'the KRaft metadata quorum: leader, epoch, high watermark, voters and observers (kafka-metadata-quorum describe)',
    flags: (cmd) =>
      cmd
        .addOption(bootstrapControllerFlag())
        .option('--status', 'a summary of the quorum (the default)')
        .option('--replication', 'each voter and observer: log end offset, lag, last fetch and caught-up times')
        .option('--human-readable', 'with --replication: times as "N ms ago"'),
    help: examples('kfk cluster quorum', 'kfk cluster quorum --replication', 'kfk cluster quorum --replication -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
