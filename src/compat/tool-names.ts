// The Kafka tools kfk has drop-ins for, by name: what `kfk compat <tool>` and the kfk-<tool> bins
// take. A module of its own so that the CLI can name them without loading the drop-ins.

/** The runbook tools (src/compat/kafka-tools.ts translates their command lines). */
export const RUNBOOK_TOOLS = ['kafka-delete-records', 'kafka-metadata-quorum', 'kafka-features', 'kafka-leader-election', 'kafka-log-dirs', 'kafka-configs', 'kafka-transactions', 'kafka-reassign-partitions', 'kafka-cluster', 'kafka-consumer-groups', 'kafka-share-groups', 'kafka-streams-groups', 'kafka-get-offsets', 'kafka-broker-api-versions', 'kafka-groups', 'kafka-client-metrics', 'kafka-delegation-tokens', 'kafka-dump-log'] as const;

/** Every tool with a drop-in. */
export const KAFKA_TOOLS = ['kafka-topics', 'kafka-console-producer', 'kafka-console-consumer', 'kafka-console-share-consumer', 'kafka-acls', ...RUNBOOK_TOOLS] as const;
export type KafkaTool = (typeof KAFKA_TOOLS)[number];
