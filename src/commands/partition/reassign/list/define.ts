// `kfk partition reassign list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../../cli/flags.js';

export const define = kafkaCommand('list', 'the reassignments under way: replicas, adding, removing (kafka-reassign-partitions --list)', (cmd) => cmd.addOption(bootstrapControllerFlag()),
  examples('kfk partition reassign list', 'kfk partition reassign list -o json', 'kfk partition reassign list --bootstrap-controller ctl1:9093'));
