// One `kfk produce` run against one topic: checks the topic, then hands records to the record
// producer and reports what was delivered.
import { sizeArena, sizeSlab } from '../../bytes.js';
import { KfkError } from '../../errors.js';
import { verboseLog, type KafkaClient } from '../wire/client.js';
import { LEADER_NOT_AVAILABLE, TOPIC_AUTHORIZATION_FAILED, UNKNOWN_TOPIC_OR_PARTITION, knownMetadata, knownTopic, metadataCreating, readMetadata } from '../wire/metadata.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';
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

/**
 * The topic's partition count. A topic the cluster does not have is asked for as Kafka's producer
 * asks, and a broker with auto.create.topics.enable creates it (`onNote` says so): kfk then waits
 * for its partitions, up to `waitMs` (max.block.ms, as Kafka's producer waits for its metadata).
 * A broker whose auto.create.topics.enable is false creates nothing, and kfk says at once that the
 * topic does not exist (Kafka's producer waits out max.block.ms); when the setting cannot be read
 * (no DescribeConfigs permission), kfk waits up to UNKNOWN_AUTO_CREATE_WAIT_MS.
 */
export async function topicPartitionCount(client: KafkaClient, topic: string, waitMs = 0, onNote?: (line: string) => void): Promise<number> {
  const cluster = await client.cluster();
  // The answer of connecting when it named the topic ready (`kfk produce` connects for it).
  if (!(await client.followFromConnect([topic]))) await readMetadata(cluster, [topic]);
  let t = knownTopic(cluster, topic);
  if (t?.errorCode === TOPIC_AUTHORIZATION_FAILED) throw new KfkError(`Not authorized to access topics: [${topic}]`);
  if (t && t.partitions.length > 0) return t.partitions.length;
  const existed = t !== undefined && t.errorCode !== UNKNOWN_TOPIC_OR_PARTITION;
  // One broker is asked for the topic and for its auto.create.topics.enable.
  const nodeId = knownMetadata(cluster).brokers[0]?.nodeId;
  const code = nodeId === undefined ? UNKNOWN_TOPIC_OR_PARTITION : await metadataCreating(await cluster.findBroker({ nodeId }), topic);
  if (code === TOPIC_AUTHORIZATION_FAILED) throw new KfkError(`Not authorized to access topics: [${topic}]`);
  if (code !== 0 && code !== LEADER_NOT_AVAILABLE && code !== UNKNOWN_TOPIC_OR_PARTITION) {
    throw new KfkError(`topic '${topic}': ${kafkaErrorMessage(code, `error ${code}`)}`);
  }
  let bound = waitMs;
  if (code === UNKNOWN_TOPIC_OR_PARTITION) {
    const creates = await autoCreates(client, nodeId);
    if (creates === false) throw new KfkError(`topic '${topic}' does not exist`);
    if (creates === undefined) bound = Math.min(waitMs, UNKNOWN_AUTO_CREATE_WAIT_MS);
  }
  const until = Date.now() + bound;
  for (let backoff = 20; ; backoff = Math.min(backoff * 2, 200)) {
    await readMetadata(cluster, [topic]);
    t = knownTopic(cluster, topic);
    if (t && t.partitions.length > 0) {
      if (!existed) onNote?.(`topic '${topic}' did not exist: the broker created it (auto.create.topics.enable)`);
      return t.partitions.length;
    }
    if (Date.now() + backoff > until) {
      throw new KfkError(bound < waitMs ? `topic '${topic}' does not exist (the broker did not create it within ${bound} ms)` : `topic '${topic}' has no partitions yet after ${bound} ms: the cluster is still creating it`);
    }
    await new Promise((resolve) => setTimeout(resolve, backoff));
  }
}

/** How long a producer waits for a topic to be created when it cannot read whether the broker creates topics. */
const UNKNOWN_AUTO_CREATE_WAIT_MS = 3000;

/** The broker's auto.create.topics.enable; undefined when it cannot be read. */
async function autoCreates(client: KafkaClient, nodeId: number | undefined): Promise<boolean | undefined> {
  if (nodeId === undefined) return undefined;
  try {
    const { describeConfigs } = await import('../admin/configs.js');
    const entry = (await describeConfigs(client, 'broker', String(nodeId))).find((e) => e.name === 'auto.create.topics.enable');
    return entry?.value == null ? undefined : entry.value === 'true';
  } catch {
    return undefined;
  }
}

export async function openProducer(
  client: KafkaClient,
  topic: string,
  settings: ProducerSettings,
  fixedPartition: number | undefined,
  onUndelivered?: ProducerOptions['onUndelivered'],
  onNote?: (line: string) => void,
): Promise<ProduceSession> {
  const partitions = await topicPartitionCount(client, topic, settings.maxBlockMs, onNote);
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
