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

/** The partitions' producers, from the given broker or else from each partition's leader. */
async function describeProducersOf(client: KafkaClient, partitions: Array<{ topic: string; partition: number }>, brokerId: number | undefined): Promise<PartitionProducers[]> {
  if (brokerId !== undefined) return describeProducersAt(client, brokerId, partitions);
  const cluster = await client.cluster();
  const state = await readMetadata(cluster, [...new Set(partitions.map((p) => p.topic))]);
  const byLeader = new Map<number, Array<{ topic: string; partition: number }>>();
  for (const p of partitions) {
    const leader = state.topics.find((t) => t.name === p.topic)?.partitions.find((x) => x.partition === p.partition)?.leader ?? -1;
    if (leader < 0) throw brokerError(3, 'This server does not host this topic-partition.');
    (byLeader.get(leader) ?? byLeader.set(leader, []).get(leader)!).push(p);
  }
  return (await Promise.all([...byLeader].map(([nodeId, ps]) => describeProducersAt(client, nodeId, ps)))).flat();
}

/** The hanging transactions, in the order kafka-transactions prints them. */
export async function findHangingTransactions(client: KafkaClient, o: FindHangingOptions, now: () => number = Date.now): Promise<HangingTransaction[]> {
  const partitions = await partitionsToSearch(client, o);
  const candidates: HangingTransaction[] = [];
  for (const batch of batches(partitions, MAX_BATCH_SIZE)) {
    let described: PartitionProducers[];
    try {
      described = await describeProducersOf(client, batch, o.brokerId);
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
  if (candidates.length === 0) return [];

  const byProducer = new Map<number, HangingTransaction[]>();
  for (const c of candidates) (byProducer.get(c.producer.producerId) ?? byProducer.set(c.producer.producerId, []).get(c.producer.producerId)!).push(c);
  const producerIds = [...byProducer.keys()];

  const transactionalIds = new Map<number, string>();
  try {
    for (const b of await listTransactions(client, { producerIds })) {
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
  for (const pid of javaHashOrder(producerIds, longHash)) {
    const open = byProducer.get(pid)!;
    const id = transactionalIds.get(pid);
    const inTransaction = id === undefined ? null : partitionsOf.get(id);
    if (!inTransaction) hanging.push(...open);
    else hanging.push(...open.filter((t) => !inTransaction.has(`${t.topic}\0${t.partition}`)));
  }
  return hanging;
}
