// kafka-transactions find-hanging: open transactions at partitions that their coordinator no
// longer ends. A partition's producer with a transaction open longer than the longest
// transaction timeout is a candidate; it hangs when no coordinator knows its producer id, or its
// transactional id's current transaction does not include the partition.
import { KfkError } from '../../errors.js';
import type { KafkaClient } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { describeProducersRequest, type ActiveProducer, type PartitionProducers } from '../protocol/transaction-requests.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';
import { readMetadata, type TopicState } from '../wire/metadata.js';
import { listTopicNames, javaHashOrder, javaTopicPartitionHash } from './topics.js';
import { describeTransaction, listTransactions } from './transactions.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { isConnectionError } from '../wire/failures.js';
import { brokerAnswers } from '../wire/metadata.js';

const MAX_BATCH_SIZE = 500;

export interface HangingTransaction {
  topic: string;
  partition: number;
  producer: ActiveProducer;
}

export interface FindHangingOptions {
  brokerId?: number;
  topic?: string;
  partition?: number;
  maxTransactionTimeoutMs: number;
}

/**
 * What a search on a degraded cluster could not look at: partitions whose leader did not answer
 * (or that have none), and open transactions whose producer no answering coordinator lists
 * while a broker did not answer (it may be theirs: hanging or not, it cannot be told).
 */
export interface HangingSearch {
  hanging: HangingTransaction[];
  notSearched: Array<{ broker: number | null; why: string; partitions: Array<{ topic: string; partition: number }> }>;
  notChecked: { brokers: number[]; open: HangingTransaction[] } | null;
}

/** A failure worded as kafka-transactions words it (before its ". Enable debug logging" tail). */
export class HangingSearchError extends KfkError {
  constructor(what: string, cause: unknown) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'HangingSearchError';
  }
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Java's Long#hashCode. */
const longHash = (v: number) => Number(BigInt.asIntN(32, BigInt(v) ^ (BigInt(v) >> 32n)));

async function partitionsToSearch(client: KafkaClient, o: FindHangingOptions): Promise<Array<{ topic: string; partition: number }>> {
  if (o.topic !== undefined && o.partition !== undefined) return [{ topic: o.topic, partition: o.partition }];
  let topics: string[];
  if (o.topic !== undefined) topics = [o.topic];
  else {
    try {
      topics = await listTopicNames(client, { includeInternal: true });
    } catch (err) {
      throw new HangingSearchError('Failed to list topics', err);
    }
  }
  const cluster = await client.cluster();
  const out: Array<{ topic: string; partition: number }> = [];
  for (const batch of batches(topics, MAX_BATCH_SIZE)) {
    const state = await readMetadata(cluster, batch);
    const described: TopicState[] = [];
    for (const name of batch) {
      const t = state.topics.find((x) => x.name === name);
      if (!t || t.errorCode) throw new HangingSearchError(`Failed to describe ${batch.length} topics`, brokerError(t?.errorCode || 3, kafkaErrorMessage(t?.errorCode || 3, brokerError(t?.errorCode || 3, null).message)));
      described.push(t);
    }
    for (const t of described) {
      for (const p of [...t.partitions].sort((a, b) => a.partition - b.partition)) {
        if (o.brokerId === undefined || p.replicas.includes(o.brokerId)) out.push({ topic: t.name, partition: p.partition });
      }
    }
  }
  return out;
}

async function describeProducersAt(client: KafkaClient, nodeId: number, partitions: Array<{ topic: string; partition: number }>): Promise<PartitionProducers[]> {
  const cluster = await client.cluster();
  const broker = await cluster.findBroker({ nodeId });
  const res = (await broker.connectionPool.send({ ...describeProducersRequest(partitions), requestTimeout: 30_000 })) as PartitionProducers[];
  const failed = res.find((r) => r.errorCode !== 0);
  if (failed) throw brokerError(failed.errorCode, failed.errorMessage);
  return res;
}

/**
 * The partitions' producers, from the given broker (which must answer) or else from each
 * partition's leader; a leader that does not answer within the per-broker wait, or a partition
 * without one, goes into `notSearched` and the others are searched.
 */
async function describeProducersOf(client: KafkaClient, partitions: Array<{ topic: string; partition: number }>, brokerId: number | undefined, notSearched: HangingSearch['notSearched']): Promise<PartitionProducers[]> {
  if (brokerId !== undefined) return describeProducersAt(client, brokerId, partitions);
  const cluster = await client.cluster();
  const state = await readMetadata(cluster, [...new Set(partitions.map((p) => p.topic))]);
  const byLeader = new Map<number, Array<{ topic: string; partition: number }>>();
  const leaderless: Array<{ topic: string; partition: number }> = [];
  for (const p of partitions) {
    const leader = state.topics.find((t) => t.name === p.topic)?.partitions.find((x) => x.partition === p.partition)?.leader ?? -1;
    if (leader < 0) leaderless.push(p);
    else (byLeader.get(leader) ?? byLeader.set(leader, []).get(leader)!).push(p);
  }
  if (leaderless.length) notSearched.push({ broker: null, why: 'no leader', partitions: leaderless });
  const wait = client.perBrokerWaitMs;
  const answers = await Promise.all(
    [...byLeader].map(async ([nodeId, ps]) => {
      try {
        return await withDeadline(describeProducersAt(client, nodeId, ps), wait, `broker ${nodeId} did not answer within ${wait} ms`);
      } catch (err) {
        if (!(err instanceof DeadlineError) && !isConnectionError(err)) throw err;
        if (err instanceof DeadlineError) brokerAnswers(cluster, nodeId, false);
        notSearched.push({ broker: nodeId, why: `broker ${nodeId} did not answer`, partitions: ps });
        return [];
      }
    }),
  );
  return answers.flat();
}

/** The hanging transactions, in the order kafka-transactions prints them. */
export async function findHangingTransactions(client: KafkaClient, o: FindHangingOptions, now: () => number = Date.now): Promise<HangingSearch> {
  const partitions = await partitionsToSearch(client, o);
  const candidates: HangingTransaction[] = [];
  const notSearched: HangingSearch['notSearched'] = [];
  for (const batch of batches(partitions, MAX_BATCH_SIZE)) {
    let described: PartitionProducers[];
    try {
      described = await describeProducersOf(client, batch, o.brokerId, notSearched);
    } catch (err) {
      const on = o.brokerId === undefined ? 'Optional.empty' : `Optional[${o.brokerId}]`;
      throw new HangingSearchError(`Failed to describe producers for ${batch.length} partitions on broker ${on}`, err);
    }
    const at = now();
    // The admin client's answer is a HashMap sized for the partitions, filled from another one
    // (of the default size): Java's iteration order of the two, ties kept in the first one's order.
    const inJavaOrder = javaHashOrder(javaHashOrder(described, javaTopicPartitionHash), javaTopicPartitionHash, described.length);
    for (const p of inJavaOrder) {
      for (const producer of p.producers) {
        if (producer.currentTxnStartOffset >= 0 && at - producer.lastTimestamp > o.maxTransactionTimeoutMs) candidates.push({ topic: p.topic, partition: p.partition, producer });
      }
    }
  }
  if (candidates.length === 0) return { hanging: [], notSearched, notChecked: null };

  const byProducer = new Map<number, HangingTransaction[]>();
  for (const c of candidates) (byProducer.get(c.producer.producerId) ?? byProducer.set(c.producer.producerId, []).get(c.producer.producerId)!).push(c);
  const producerIds = [...byProducer.keys()];

  const transactionalIds = new Map<number, string>();
  // A leader that did not answer above is not asked again (its wait would come twice out of the time bound).
  const unanswered = [...new Set(notSearched.flatMap((n) => (n.broker === null ? [] : [n.broker])))];
  const ask = (await client.brokers()).brokers.map((b) => b.nodeId).filter((id) => !unanswered.includes(id));
  try {
    for (const b of await listTransactions(client, { producerIds }, (nodeId) => unanswered.push(nodeId), ask)) {
      for (const t of b.transactions) if (byProducer.has(t.producerId)) transactionalIds.set(t.producerId, t.transactionalId);
    }
  } catch (err) {
    throw new HangingSearchError(`Failed to list transactions for ${producerIds.length} producers`, err);
  }

  const ids = [...new Set(transactionalIds.values())];
  const partitionsOf = new Map<string, Set<string> | null>();
  try {
    await Promise.all(
      ids.map(async (id) => {
        try {
          const d = await describeTransaction(client, id);
          partitionsOf.set(id, new Set(d.partitions.map((p) => `${p.topic}\0${p.partition}`)));
        } catch (err) {
          if ((err as { code?: number }).code === 105) partitionsOf.set(id, null); // TRANSACTIONAL_ID_NOT_FOUND
          else throw err;
        }
      }),
    );
  } catch (err) {
    throw new HangingSearchError(`Failed to describe ${ids.length} transactions`, err);
  }

  const hanging: HangingTransaction[] = [];
  const unknown: HangingTransaction[] = [];
  for (const pid of javaHashOrder(producerIds, longHash)) {
    const open = byProducer.get(pid)!;
    const id = transactionalIds.get(pid);
    // No coordinator that answered lists the producer: hanging, unless one did not answer.
    if (id === undefined && unanswered.length) unknown.push(...open);
    else {
      const inTransaction = id === undefined ? null : partitionsOf.get(id);
      if (!inTransaction) hanging.push(...open);
      else hanging.push(...open.filter((t) => !inTransaction.has(`${t.topic}\0${t.partition}`)));
    }
  }
  return { hanging, notSearched, notChecked: unknown.length ? { brokers: unanswered.sort((a, b) => a - b), open: unknown } : null };
}
