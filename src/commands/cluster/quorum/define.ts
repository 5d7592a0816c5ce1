// `kfk cluster quorum`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('quorum', 'the KRaft metadata quorum: leader, epoch, high watermark, voters and observers (kafka-metadata-quorum describe)', (cmd) => cmd
  .addOption(bootstrapControllerFlag())
  .option('--status', 'a summary of the quorum (the default)')
  .option('--replication', 'each voter and observer: log end offset, lag, last fetch and caught-up times')
  .option('--human-readable', 'with --replication: times as "N ms ago"'),
  examples('kfk cluster quorum', 'kfk cluster quorum --replication', 'kfk cluster quorum --replication -o json'));
