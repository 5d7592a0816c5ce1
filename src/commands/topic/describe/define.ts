// `kfk topic describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'partitions, leaders, replicas, ISR and configs of topics', (cmd) => cmd
  .option('--topic <name|regex>', 'topic name or regular expression (default: all)')
  .option('--under-replicated-partitions', 'only partitions whose ISR is smaller than the replica set')
  .option('--under-min-isr-partitions', 'only partitions whose ISR is below min.insync.replicas')
  .option('--at-min-isr-partitions', 'only partitions whose ISR equals min.insync.replicas')
  .option('--unavailable-partitions', 'only partitions without a live leader')
  .option('--topics-with-overrides', 'only topics that have config overrides')
  .option('--exclude-internal', 'leave out internal topics such as __consumer_offsets')
  .option('--if-exists', 'succeed quietly if no topic matches'),
  examples('kfk topic describe --topic orders', 'kfk topic describe --under-replicated-partitions', 'kfk topic describe -o json | jq .'));
