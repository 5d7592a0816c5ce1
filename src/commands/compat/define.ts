// `kfk compat`: listed for help only. main.ts translates Kafka's own command lines before parsing
// (src/compat/kafka-scripts.ts), since Kafka's syntax is not kfk's.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  return program
    .command('compat')
    .description("run a Kafka script's exact command line: kafka-topics, kafka-console-producer, kafka-console-consumer, kafka-console-share-consumer, kafka-acls and the runbook tools")
    .argument('<tool>', 'kafka-topics, kafka-console-producer, kafka-console-consumer, kafka-console-share-consumer, kafka-acls, kafka-delete-records, kafka-metadata-quorum, kafka-features, kafka-leader-election, kafka-log-dirs, kafka-configs, kafka-transactions, kafka-reassign-partitions, kafka-cluster, kafka-consumer-groups, kafka-share-groups, kafka-streams-groups, kafka-get-offsets, kafka-broker-api-versions, kafka-groups or kafka-client-metrics')
    .argument('[args...]', "the script's own arguments")
    .addHelpText(
      'after',
      examples(
        'kfk compat kafka-topics --bootstrap-server localhost:9092 --create --topic orders --partitions 3',
        'kfk compat kafka-console-consumer --bootstrap-server localhost:9092 --topic orders --from-beginning',
      ) + '\nAlso installed as kfk-kafka-<tool> (kfk-kafka-topics, kfk-kafka-reassign-partitions, ...).\n',
    );
}
