// One `kfk produce` run against one topic: checks the topic, then hands records to the record
// producer and reports what was delivered.
import { sizeArena, sizeSlab } from '../../bytes.js';
import { KfkError } from '../../errors.js';
import { verboseLog, type KafkaClient } from '../wire/client.js';
import { TOPIC_AUTHORIZATION_FAILED, knownTopic, readMetadata } from '../wire/metadata.js';
import type { OutRecord } from '../records/encoder.js';
import type { DeliveryReport, ProducerOptions } from './producer.js';
export type { DeliveryReport } from './producer.js';

/**
 * What one session is opened with: the record producer's options, with the properties a run
 * always settles (the timeouts), plus what the session itself applies.
 */
export interface ProducerSettings extends Omit<ProducerOptions, 'onUndelivered' | 'transactionTimeoutMs' | 'deliveryTimeoutMs'> {
  transactionTimeoutMs: number;
  /** delivery.timeout.ms (Kafka's default 120000): the bound on waiting for acknowledgements. */
  deliveryTimeoutMs: number;
  /** max.request.size: a batch is never larger. */
  maxRequestSize: number;
  maxBlockMs: number;
  /** One record in flight: each send waits for its acknowledgement. */
  sync: boolean;
}

/** A record as `send` takes it: the record batch's record, where it goes and its input line. */
export interface SessionRecord extends OutRecord {
  partition?: number;
  /** input line number, reported back for records that fail */
  tag?: number;
}

export interface ProduceSession {
  /**
   * Returns a promise only when the buffer is full: the caller waits (backpressure). The record's
   * bytes are copied before it returns: the caller may reuse the record and its buffers.
   */
  send(record: SessionRecord): void | Promise<void>;
  /** Sends what is buffered, commits a transaction, and reports. */
  close(): Promise<DeliveryReport>;
  /** Aborts a transaction (or, without one, still delivers what was buffered) and reports. */
  abort(): Promise<DeliveryReport>;
}

export async function topicPartitionCount(client: KafkaClient, topic: string): Promise<number> {
  const cluster = await client.cluster();
  // The answer of connecting when it named the topic ready (`kfk produce` connects for it).
  if (!(await client.followFromConnect([topic]))) await readMetadata(cluster, [topic]);
  const t = knownTopic(cluster, topic);
  if (t?.errorCode === TOPIC_AUTHORIZATION_FAILED) throw new KfkError(`Not authorized to access topics: [${topic}]`);
  if (!t || t.partitions.length === 0) throw new KfkError(`topic '${topic}' does not exist`);
  return t.partitions.length;
}

export async function openProducer(
  client: KafkaClient,
  topic: string,
  settings: ProducerSettings,
  fixedPartition: number | undefined,
  onUndelivered?: ProducerOptions['onUndelivered'],
): Promise<ProduceSession> {
  const partitions = await topicPartitionCount(client, topic);
  if (fixedPartition !== undefined && fixedPartition >= partitions) {
    throw new KfkError(`partition ${fixedPartition} does not exist: topic '${topic}' has ${partitions} partition(s)`);
  }
  const { RecordProducer } = await import('./producer.js');
  // The input chunk and the batch buffers come from one slab: the chunk, and an arena (a power of
  // two) for the memory bound and two batches in the making, so that what the producer holds stays
  // within it. Its pages count only once used.
  const arenaBytes = Math.min(2 ** Math.ceil(Math.log2(settings.maxBufferedBytes + 2 * (Math.min(settings.batchBytes, settings.maxRequestSize) + 4096))), 64 << 20);
  sizeArena(arenaBytes);
  sizeSlab(arenaBytes + (1 << 20) + (64 << 10));
  const cluster = await client.cluster();
  const producer = new RecordProducer(cluster, {
    acks: settings.acks,
    compression: settings.compression,
    lingerMs: settings.lingerMs,
    batchBytes: Math.min(settings.batchBytes, settings.maxRequestSize),
    maxInFlight: settings.maxInFlight,
    retries: settings.retries,
    retryBackoffMs: settings.retryBackoffMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    maxBufferedBytes: settings.maxBufferedBytes,
    idempotent: settings.idempotent,
    transactionalId: settings.transactionalId,
    transactionTimeoutMs: settings.transactionTimeoutMs,
    deliveryTimeoutMs: settings.deliveryTimeoutMs,
    maxBlockMs: settings.maxBlockMs,
    onUndelivered,
    log: verboseLog(client),
  });
  await producer.init();
  return {
    send: (r) => {
      const record = r as SessionRecord & { topic: string };
      record.topic = topic;
      const pending = producer.send(record);
      if (settings.sync) return Promise.resolve(pending).then(() => producer.flush());
      return pending;
    },
    close: async () => {
      const report = await producer.close();
      await producer.undeliveredDone();
      return report;
    },
    abort: async () => {
      const report = await producer.abort();
      await producer.undeliveredDone();
      return report;
    },
  };
}

/** The topic's max.message.bytes, to name the limit when a record is too large. */
export async function topicMessageLimit(client: KafkaClient, topic: string): Promise<string | undefined> {
  try {
    const admin = await client.admin();
    const res = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ['max.message.bytes'] }] });
    return res.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue;
  } catch {
    return undefined;
  }
}
