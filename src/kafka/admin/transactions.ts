// Transactions as kafka-transactions sees them: every coordinator's transactional ids
// (ListTransactions), one id's state (DescribeTransactions at its coordinator), a partition's
// producers (DescribeProducers at its leader), and the two ways to end a transaction from the
// outside: an abort marker written at a partition (WriteTxnMarkers), and a new producer epoch
// for a transactional id (InitProducerId), which makes its coordinator abort what is open.
import { askEveryBroker, type OnUnreachable } from './every-broker.js';
import { COORDINATOR_BUSY, coordinatorRetried } from './group-coordinator.js';
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { NO_LEADER, knownLeader, readMetadata } from '../wire/metadata.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';
import { describeTransactions as describeTransactionsRequest, type TransactionState } from '../protocol/runbook-requests.js';
import {
  describeProducersRequest,
  initProducerIdRequest,
  listTransactionsRequest,
  writeAbortMarkerRequest,
  type AbortSpec,
  type ActiveProducer,
  type ListedTransaction,
  type PartitionProducers,
  type TransactionFilters,
} from '../protocol/transaction-requests.js';

export type { TransactionState } from '../protocol/runbook-requests.js';
export type ProducerState = ActiveProducer;
export type TransactionListing = ListedTransaction;
export type { AbortSpec, TransactionFilters } from '../protocol/transaction-requests.js';

const COORDINATOR_TRANSACTION = 1;

/**
 * Each broker's transactions, by broker id (ascending); the filters as ListTransactions v0-v2
 * takes them. A broker that does not answer in time is reported through `onUnreachable` and left
 * out; `nodeIds`: only these brokers are asked.
 */
export async function listTransactions(client: KafkaClient, filters: TransactionFilters = {}, onUnreachable?: OnUnreachable, nodeIds?: number[]): Promise<Array<{ broker: number; transactions: TransactionListing[] }>> {
  const answers = await askEveryBroker(
    client,
    async (b, broker, wait) => {
      const res = (await b.connectionPool.send({ ...listTransactionsRequest(filters), requestTimeout: wait })) as { errorCode: number; transactions: TransactionListing[] };
      // Worded as the admin client's ListTransactionsHandler words an error it does not retry.
      if (res.errorCode) throw brokerError(res.errorCode, `ListTransactions request sent to broker ${broker} failed with an unexpected exception`);
      return res.transactions;
    },
    onUnreachable,
    nodeIds,
  );
  return answers.map((a) => ({ broker: a.nodeId, transactions: a.answer }));
}

/** The transactional id's coordinator as FindCoordinator names it now (asked of any broker, each time: it moves). */
async function transactionCoordinator(client: KafkaClient, transactionalId: string): Promise<{ nodeId: number; broker: KafkajsBroker }> {
  const any = await client.anyBroker();
  const { nodeId } = (await any.findGroupCoordinator({ groupId: transactionalId, coordinatorType: COORDINATOR_TRANSACTION })).coordinator;
  return { nodeId, broker: await (await client.cluster()).findBroker({ nodeId }) };
}

export async function describeTransaction(client: KafkaClient, transactionalId: string): Promise<TransactionState & { coordinator: number }> {
  let coordinator = -1;
  const [state] = await coordinatorRetried(
    client,
    transactionalId,
    async () => {
      const { nodeId, broker } = await transactionCoordinator(client, transactionalId);
      coordinator = nodeId;
      const res = (await broker.connectionPool.send({ ...describeTransactionsRequest([transactionalId]), requestTimeout: client.options.requestTimeout })) as TransactionState[];
      // Loading, or not the coordinator any more: asked again.
      if (res[0] && COORDINATOR_BUSY.has(res[0].errorCode)) throw brokerError(res[0].errorCode, null);
      return res;
    },
    'transaction',
  );
  if (!state) throw new KfkError(`the coordinator did not answer for transactional id ${transactionalId}`);
  if (state.errorCode === 105) {
    // TRANSACTIONAL_ID_NOT_FOUND, worded as Kafka's admin client words it.
    throw brokerError(state.errorCode, `DescribeTransactions request for transactionalId \`${transactionalId}\` failed because the ID could not be found`);
  }
  if (state.errorCode) throw brokerError(state.errorCode, null);
  return { ...state, coordinator };
}

export async function describeProducers(client: KafkaClient, topic: string, partition: number, brokerId?: number): Promise<ProducerState[]> {
  const cluster = await client.cluster();
  await readMetadata(cluster, [topic]);
  const nodeId = brokerId ?? knownLeader(cluster, topic, partition);
  if (nodeId === NO_LEADER) throw brokerError(3, 'This server does not host this topic-partition.');
  const broker = await cluster.findBroker({ nodeId });
  const [res = { errorCode: 3, errorMessage: null, producers: [] }] = (await broker.connectionPool.send({ ...describeProducersRequest([{ topic, partition }]), requestTimeout: 30_000 })) as PartitionProducers[];
  if (res.errorCode) throw brokerError(res.errorCode, res.errorMessage);
  return res.producers;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** AbortTransactionSpec#toString, as kafka-transactions prints it in its errors. */
export function abortSpecText(s: AbortSpec): string {
  return `AbortTransactionSpec(topicPartition=${s.topic}-${s.partition}, producerId=${s.producerId}, producerEpoch=${s.producerEpoch}, coordinatorEpoch=${s.coordinatorEpoch})`;
}

/**
 * Writes an abort marker for the producer's open transaction at the partition's leader, as
 * Admin#abortTransaction does; the errors worded as its handler words them.
 */
export async function abortTransaction(client: KafkaClient, spec: AbortSpec): Promise<void> {
  const cluster = await client.cluster();
  await readMetadata(cluster, [spec.topic]);
  const leader = knownLeader(cluster, spec.topic, spec.partition);
  if (leader === NO_LEADER) throw brokerError(3, 'This server does not host this topic-partition.');
  const broker = await cluster.findBroker({ nodeId: leader });
  const results = (await broker.connectionPool.send({ ...writeAbortMarkerRequest(spec), requestTimeout: 30_000 })) as Array<{ topic: string; partition: number; errorCode: number }>;
  const r = results.find((x) => x.topic === spec.topic && x.partition === spec.partition);
  if (!r) throw new KfkError(`WriteTxnMarkers response included no entry for ${spec.topic}-${spec.partition}`);
  const with_ = `WriteTxnMarkers request with ${abortSpecText(spec)}`;
  switch (r.errorCode) {
    case 0:
      return;
    case 31: // CLUSTER_AUTHORIZATION_FAILED
      throw brokerError(r.errorCode, `${with_} failed due to cluster authorization error`);
    case 47: // INVALID_PRODUCER_EPOCH
      throw brokerError(r.errorCode, `${with_} failed due an invalid producer epoch`);
    case 52: // TRANSACTION_COORDINATOR_FENCED
      throw brokerError(r.errorCode, `${with_} failed since the provided coordinator epoch ${spec.coordinatorEpoch} has been fenced by the active coordinator`);
    default:
      throw brokerError(r.errorCode, `${with_} failed due to unexpected error: ${kafkaErrorMessage(r.errorCode, brokerError(r.errorCode, null).message)}`);
  }
}

// The coordinator answers these while it loads or ends the id's last transaction: ask again.
const RETRY_INIT = new Set([14 /* COORDINATOR_LOAD_IN_PROGRESS */, 51 /* CONCURRENT_TRANSACTIONS */, 15 /* COORDINATOR_NOT_AVAILABLE */, 16 /* NOT_COORDINATOR */]);

/**
 * Gives the transactional id a new producer epoch at its coordinator (Admin#fenceProducers, what
 * forceTerminateTransaction calls): its open transaction is aborted, its producer fenced. An id
 * the coordinator does not know is created, as the admin client's call creates it.
 */
export async function forceTerminateTransaction(client: KafkaClient, transactionalId: string, transactionTimeoutMs: number, deadlineMs = 30_000): Promise<{ producerId: number; producerEpoch: number }> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    // A coordinator that stops answering: sent again to the broker the id moves to, or named.
    const res = await coordinatorRetried(
      client,
      transactionalId,
      async () => {
        const { broker } = await transactionCoordinator(client, transactionalId);
        return (await broker.connectionPool.send({ ...initProducerIdRequest(transactionalId, transactionTimeoutMs), requestTimeout: 30_000 })) as { errorCode: number; producerId: number; producerEpoch: number };
      },
      'transaction',
    );
    if (res.errorCode === 0) return { producerId: res.producerId, producerEpoch: res.producerEpoch };
    const about = `InitProducerId request for transactionalId \`${transactionalId}\``;
    if (res.errorCode === 31) throw brokerError(31, `${about} failed due to cluster authorization failure`);
    if (res.errorCode === 53) throw brokerError(53, `${about} failed due to transactional ID authorization failure`);
    if (!RETRY_INIT.has(res.errorCode) || Date.now() - started > deadlineMs) throw brokerError(res.errorCode, `${about} failed due to unexpected error`);
    await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
  }
}
