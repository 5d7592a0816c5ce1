// Transactions as kafka-transactions sees them: every coordinator's transactional ids
// (ListTransactions), one id's state (DescribeTransactions at its coordinator), and a
// partition's producers (DescribeProducers at its leader).
import { KfkError } from '../../errors.js';
import type { KafkaClient } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { NO_LEADER, knownLeader, readMetadata } from '../wire/metadata.js';
import {
  describeProducers as describeProducersRequest,
  describeTransactions as describeTransactionsRequest,
  listTransactions as listTransactionsRequest,
  type ProducerState,
  type TransactionListing,
  type TransactionState,
} from '../protocol/runbook-requests.js';

export type { ProducerState, TransactionListing, TransactionState } from '../protocol/runbook-requests.js';

const COORDINATOR_TRANSACTION = 1;

/** Each broker's transactions, by broker id (ascending). */
export async function listTransactions(client: KafkaClient): Promise<Array<{ broker: number; transactions: TransactionListing[] }>> {
  const cluster = await client.cluster();
  await cluster.refreshMetadata();
  const ids = ((cluster.brokerPool.metadata?.brokers ?? []) as Array<{ nodeId: number }>).map((b) => b.nodeId).sort((a, b) => a - b);
  return Promise.all(
    ids.map(async (broker) => {
      const b = await cluster.findBroker({ nodeId: broker });
      const res = (await b.connectionPool.send({ ...listTransactionsRequest(), requestTimeout: 30_000 })) as { errorCode: number; transactions: TransactionListing[] };
      if (res.errorCode) throw brokerError(res.errorCode, null);
      return { broker, transactions: res.transactions };
    }),
  );
}

export async function describeTransaction(client: KafkaClient, transactionalId: string): Promise<TransactionState & { coordinator: number }> {
  const any = await client.anyBroker();
  const { coordinator } = await any.findGroupCoordinator({ groupId: transactionalId, coordinatorType: COORDINATOR_TRANSACTION });
  const cluster = await client.cluster();
  const broker = await cluster.findBroker({ nodeId: coordinator.nodeId });
  const [state] = (await broker.connectionPool.send({ ...describeTransactionsRequest([transactionalId]), requestTimeout: 30_000 })) as TransactionState[];
  if (!state) throw new KfkError(`the coordinator did not answer for transactional id ${transactionalId}`);
  if (state.errorCode === 105) {
    // TRANSACTIONAL_ID_NOT_FOUND, worded as Kafka's admin client words it.
    throw brokerError(state.errorCode, `DescribeTransactions request for transactionalId \`${transactionalId}\` failed because the ID could not be found`);
  }
  if (state.errorCode) throw brokerError(state.errorCode, null);
  return { ...state, coordinator: coordinator.nodeId };
}

export async function describeProducers(client: KafkaClient, topic: string, partition: number, brokerId?: number): Promise<ProducerState[]> {
  const cluster = await client.cluster();
  await readMetadata(cluster, [topic]);
  const nodeId = brokerId ?? knownLeader(cluster, topic, partition);
  if (nodeId === NO_LEADER) throw brokerError(3, 'This server does not host this topic-partition.');
  const broker = await cluster.findBroker({ nodeId });
  const res = (await broker.connectionPool.send({ ...describeProducersRequest(topic, partition), requestTimeout: 30_000 })) as { errorCode: number; errorMessage: string | null; producers: ProducerState[] };
  if (res.errorCode) throw brokerError(res.errorCode, res.errorMessage);
  return res.producers;
}
