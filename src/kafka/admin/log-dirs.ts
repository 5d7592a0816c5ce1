// Log directories of each broker (DescribeLogDirs to each one): the replicas in them and their
// sizes on disk, as kafka-log-dirs reports them.
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { brokerAnswers } from '../wire/metadata.js';
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
 * operator looks at log directories) is left out and passed to it; without, it fails the call.
 */
export async function describeLogDirs(client: KafkaClient, brokers: number[], topics: string[] | null, skip?: (broker: number) => void): Promise<BrokerLogDir[]> {
  const cluster = await client.cluster();
  const waitMs = client.perBrokerWaitMs;
  const per = await Promise.all(
    brokers.map(async (id) => {
      let res: LogDirResult[];
      try {
        let broker: KafkajsBroker;
        try {
          broker = await cluster.findBroker({ nodeId: id });
        } catch {
          throw new KfkError(`broker ${id} did not answer`);
        }
        const asked = broker.connectionPool.send({ ...describeLogDirsRequest(null), requestTimeout: 30_000 }) as Promise<LogDirResult[]>;
        res = skip ? await withDeadline(asked, waitMs, `broker ${id} did not answer`) : await asked;
      } catch (err) {
        if (!skip || !(err instanceof DeadlineError || err instanceof KfkError || /connect|closed|timed? ?out/i.test((err as Error).message))) throw err;
        // Its requests in flight are dropped at close, and metadata is asked of the others.
        if (err instanceof DeadlineError) brokerAnswers(cluster, id, false);
        skip(id);
        return [];
      }
      return res.map((r) => ({
        broker: id,
        logDir: r.logDir,
        errorCode: r.errorCode,
        error: r.errorCode ? (kafkajs().createErrorFromCode(r.errorCode).type as string) : null,
        replicas: topics === null ? r.replicas : r.replicas.filter((x) => topics.includes(x.topic)),
      }));
    }),
  );
  return per.flat();
}
