// Log directories of each broker (DescribeLogDirs to each one): the replicas in them and their
// sizes on disk, as kafka-log-dirs reports them.
import type { KafkaClient } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { askEveryBroker } from './every-broker.js';
import { describeLogDirs as describeLogDirsRequest, type LogDirReplica, type LogDirResult } from '../protocol/runbook-requests.js';

export type { LogDirReplica } from '../protocol/runbook-requests.js';

export interface BrokerLogDir {
  broker: number;
  logDir: string;
  /** Kafka's error name (KAFKA_STORAGE_ERROR, ...) or null. */
  error: string | null;
  errorCode: number;
  replicas: LogDirReplica[];
}

/** The cluster's broker ids, ascending. */
export async function brokerIds(client: KafkaClient): Promise<number[]> {
  if (client.options.controllers) {
    // Through a controller's listener (KIP-919) the nodes are the controllers, as Kafka's admin client sees them.
    const { describeClusterNodes } = await import('./quorum.js');
    return (await describeClusterNodes(client)).nodes.map((n) => n.nodeId).sort((a, b) => a - b);
  }
  return (await client.brokers()).brokers.map((b) => b.nodeId).sort((a, b) => a - b);
}

/**
 * The log directories of `brokers`. With `skip`, a broker that cannot be reached or does not
 * answer within half the request timeout (a stopped process, a disk so full it hangs: when an
 * operator looks at log directories) is left out and passed to it; without, it fails the call
 * with a line that names it.
 */
export async function describeLogDirs(client: KafkaClient, brokers: number[], topics: string[] | null, skip?: (broker: number) => void): Promise<BrokerLogDir[]> {
  const answers = await askEveryBroker(
    client,
    (broker, _nodeId, wait) => broker.connectionPool.send({ ...describeLogDirsRequest(null), requestTimeout: wait }) as Promise<LogDirResult[]>,
    skip && ((id) => skip(id)),
    brokers,
  );
  return answers.flatMap(({ nodeId, answer }) =>
    answer.map((r) => ({
      broker: nodeId,
      logDir: r.logDir,
      errorCode: r.errorCode,
      error: r.errorCode ? (kafkajs().createErrorFromCode(r.errorCode).type as string) : null,
      replicas: topics === null ? r.replicas : r.replicas.filter((x) => topics.includes(x.topic)),
    })),
  );
}
