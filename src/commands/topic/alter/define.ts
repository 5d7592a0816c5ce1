// `kfk topic alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('alter', 'add partitions or change topic configs (partitions only ever grow)', (cmd) => cmd
  .requiredOption('--topic <name|regex>', 'topic(s) to alter')
  .option('--partitions <n>', 'new, larger partition count')
  .option('--replica-assignment <list>', 'replicas for the new partitions')
  .option('--config <key=value>', 'set a topic config; repeatable', collect)
  .option('--delete-config <key>', 'remove a topic config override; repeatable', collect)
  .option('--if-exists', 'succeed quietly if no topic matches'),
  examples('kfk topic alter --topic orders --partitions 12', 'kfk topic alter --topic orders --config retention.ms=3600000'));
