// `kfk topic create`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('create', 'create a topic', (cmd) => cmd
  .requiredOption('--topic <name>', 'topic to create')
  .option('--partitions <n>', 'number of partitions (default: the broker default)')
  .option('--replication-factor <n>', 'replicas per partition (default: the broker default)')
  .option('--config <key=value>', 'topic config override; repeatable', collect)
  .option('--replica-assignment <list>', 'manual assignment, e.g. 0:1,1:2 (partition by comma, brokers by colon)')
  .option('--if-not-exists', 'succeed quietly if the topic exists'),
  examples('kfk topic create --topic orders --partitions 6 --replication-factor 3 --config retention.ms=86400000'));
