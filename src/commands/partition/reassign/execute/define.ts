// `kfk partition reassign execute`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('execute', 'start the reassignments of a JSON file, printing the current assignment to roll back to (kafka-reassign-partitions --execute)', (cmd) => cmd
  .requiredOption('--reassignment-json-file <file>', '{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}')
  .option('--throttle <bytes/s>', 'replication throttle for the moving replicas, bytes per second')
  .option('--log-dir-throttle <bytes/s>', 'throttle of the moves between log directories (log_dirs in the file), bytes per second')
  .option('--additional', 'start these even though other reassignments are under way (or change the throttle of running ones)'),
  examples('kfk partition reassign execute --reassignment-json-file plan.json --throttle 10000000'));
