// A fake of src/kafka/wire for unit tests of the producer's and the fetcher's logic: a cluster
// held in memory that answers Metadata (as kafkajs' broker pool holds it), Produce and Fetch
// requests (decoded from the bytes kfk's own codecs encode), ListOffsets through the admin
// client, and the transaction calls, and that can be told to fail: an error code for a
// partition, a dropped connection (before or after the broker wrote the batch), a size limit,
// a partition without a leader. It checks idempotent sequences as a broker does.
//
// The real-broker tests stay the proof of the wire format and of Kafka's behaviour; this is for
// the logic above it, in milliseconds.
import { kafkajs } from '../../src/kafka/wire/kafkajs.js';
import type { KafkaClient } from '../../src/kafka/wire/client.js';
import type { KafkajsBroker, KafkajsCluster, WireRequest } from '../../src/kafka/wire/kafkajs-types.js';
import { bodyBytes } from '../../src/kafka/wire/kafkajs-types.js';
import type { RawMetadata } from '../../src/kafka/wire/metadata.js';
import { ERRORS } from '../../src/kafka/wire/error-codes.js';
import { decodeRecordSet, type DecodedRecord } from '../../src/kafka/records/decoder.js';
import { readInt64, writeInt64 } from '../../src/kafka/records/encoder.js';

const { Decoder } = kafkajs();

export interface StoredBatch {
  baseOffset: number;
  count: number;
  producerId: number;
  baseSequence: number;
  bytes: Buffer;
}

interface PartitionLog {
  leader: number;
  logStart: number;
  batches: StoredBatch[];
  /** Idempotence: per producer id, the next sequence the broker expects. */
  nextSeq: Map<number, number>;
}

/** What a Produce request asked for, as the fake received it. */
export interface ProduceCall {
  broker: number;
  acks: number;
  transactionalId: string | null;
  parts: Array<{ topic: string; partition: number; count: number; baseSequence: number; bytes: number }>;
}

type ProduceFault =
  | { kind: 'error'; topic: string; partition: number; code: number; times: number }
  /** The connection drops before an answer; `written`: the broker had already written the batches. */
  | { kind: 'drop'; written: boolean; times: number };

const errorCode = (name: keyof typeof ERRORS) => ERRORS[name].code;

export class FakeCluster {
  readonly brokerIds: number[];
  private readonly logs = new Map<string, PartitionLog>();
  private readonly topicNames = new Map<string, number>();
  private faults: ProduceFault[] = [];
  readonly produceCalls: ProduceCall[] = [];
  readonly fetchCalls: Array<{ broker: number; maxWait: number; parts: Array<{ topic: string; partition: number; offset: number }> }> = [];
  readonly txnCalls: string[] = [];
  /** Batches larger than this are answered MESSAGE_TOO_LARGE (the topic's max.message.bytes). */
  maxBatchBytes = Infinity;
  /** Delay before each Produce answer, ms (requests in flight pile up meanwhile). */
  produceDelayMs = 0;
  inFlight = 0;
  maxInFlightSeen = 0;
  /** This many Produce requests are never answered (a connection that went silent). */
  silentProduces = 0;
  /** Requests to a broker in this set fail as a lost connection. */
  readonly down = new Set<number>();
  /** Requests to a broker in this set wait, unanswered, until it leaves the set (a stopped process). */
  readonly silent = new Set<number>();
  metadataRefreshes = 0;
  /** Delay before each metadata answer, ms (a busy broker). */
  metadataDelayMs = 0;
  private fenced = false;
  /** InitProducerId hands out 1000, 1001, ... */
  nextProducerId = 1000;
  /** The broker FindCoordinator names for transactional ids; the others answer NOT_COORDINATOR. */
  txnCoordinator = 1;

  readonly cluster: KafkajsCluster;

  constructor(brokers = 1) {
    this.brokerIds = Array.from({ length: brokers }, (_, i) => i + 1);
    const brokerPool: KafkajsCluster['brokerPool'] = {
      metadata: null as RawMetadata | null,
      versions: { 0: { minVersion: 3, maxVersion: 8 }, 1: { minVersion: 4, maxVersion: 11 } },
      brokers: Object.fromEntries(this.brokerIds.map((id) => [String(id), { isConnected: () => true } as unknown as KafkajsBroker])),
      findBroker: async ({ nodeId }: { nodeId: number }) => this.broker(nodeId),
      // As kafkajs may: the first connected broker, whether it answers or not.
      findConnectedBroker: async () => this.broker(this.brokerIds[0]),
    };
    this.cluster = {
      brokerPool,
      targetTopics: new Set<string>(),
      connect: async () => undefined,
      disconnect: async () => undefined,
      refreshMetadata: async () => {
        // Asked of the broker kafkajs picks: a silent one holds the answer.
        const { nodeId } = await brokerPool.findConnectedBroker!();
        while (this.silent.has(nodeId)) await new Promise((r) => setTimeout(r, 10));
        if (this.metadataDelayMs > 0) await new Promise((r) => setTimeout(r, this.metadataDelayMs));
        this.metadataRefreshes++;
        this.publish();
      },
      metadata: async () => this.rawMetadata(),
      addMultipleTargetTopics: async (topics: string[]) => {
        for (const t of topics) this.cluster.targetTopics!.add(t);
      },
      findBroker: async ({ nodeId }: { nodeId: number }) => this.broker(nodeId),
      findControllerBroker: async () => this.broker(this.brokerIds[0]),
      findGroupCoordinator: async ({ coordinatorType }: { coordinatorType?: number }) => this.broker(coordinatorType === 1 ? this.txnCoordinator : this.brokerIds[0]),
      findGroupCoordinatorMetadata: async ({ coordinatorType }: { coordinatorType?: number }) => ({ coordinator: { nodeId: coordinatorType === 1 ? this.txnCoordinator : this.brokerIds[0], host: '127.0.0.1', port: 9092 } }),
      findTopicPartitionMetadata: (topic: string) =>
        (this.cluster.brokerPool.metadata?.topicMetadata.find((t) => t.topic === topic)?.partitionMetadata ?? []).map((p) => ({ partitionId: p.partitionId, leader: p.leader })),
    };
  }

  /** A client for code that takes kfk's KafkaClient (the fetcher): its cluster and the admin calls it makes. */
  client(): KafkaClient {
    return {
      options: { brokers: ['fake:9092'], clientId: 'fake', connectionTimeout: 1000, requestTimeout: 1000 },
      cluster: async () => this.cluster,
      admin: async () => ({
        fetchTopicOffsets: async (topic: string) =>
          Array.from({ length: this.topicNames.get(topic) ?? 0 }, (_, partition) => {
            const log = this.log(topic, partition);
            return { partition, low: String(log.logStart), high: String(this.highWatermark(log)), offset: String(this.highWatermark(log)) };
          }),
      }),
    } as unknown as KafkaClient;
  }

  createTopic(topic: string, partitions: number): this {
    this.topicNames.set(topic, partitions);
    for (let p = 0; p < partitions; p++) {
      this.logs.set(`${topic}\0${p}`, { leader: this.brokerIds[p % this.brokerIds.length], logStart: 0, batches: [], nextSeq: new Map() });
    }
    this.publish();
    return this;
  }

  /**
   * Moves a partition's leader (-1: none). `known`: the client's metadata says so at once; else
   * the cluster has moved on and the client learns it at its next metadata request.
   */
  setLeader(topic: string, partition: number, leader: number, known = true): void {
    this.log(topic, partition).leader = leader;
    if (known) this.publish();
  }

  /** The log starts later (retention deleted the first records). */
  setLogStart(topic: string, partition: number, offset: number): void {
    const log = this.log(topic, partition);
    log.logStart = offset;
    log.batches = log.batches.filter((b) => b.baseOffset + b.count > offset);
  }

  failProduce(topic: string, partition: number, code: number, times = 1): void {
    this.faults.push({ kind: 'error', topic, partition, code, times });
  }

  dropProduce(written: boolean, times = 1): void {
    this.faults.push({ kind: 'drop', written, times });
  }

  fenceProducer(): void {
    this.fenced = true;
  }

  /** Appends records as a client of its own would (for fetch tests). */
  append(topic: string, partition: number, batch: Buffer): number {
    const log = this.log(topic, partition);
    const count = batch.readInt32BE(57);
    const base = this.highWatermark(log);
    const bytes = Buffer.from(batch);
    writeInt64(bytes, base, 0);
    log.batches.push({ baseOffset: base, count, producerId: Number(readInt64(bytes, 43)), baseSequence: bytes.readInt32BE(53), bytes });
    return base;
  }

  /** The records a partition holds, decoded, in offset order. */
  async records(topic: string, partition: number): Promise<DecodedRecord[]> {
    const log = this.log(topic, partition);
    if (log.batches.length === 0) return [];
    const { records } = await decodeRecordSet(Buffer.concat(log.batches.map((b) => b.bytes)), { topic, partition, fromOffset: 0, readCommitted: false, abortedTransactions: null });
    return records;
  }

  async values(topic: string, partition: number): Promise<string[]> {
    return (await this.records(topic, partition)).map((r) => r.value?.toString() ?? '');
  }

  batches(topic: string, partition: number): StoredBatch[] {
    return this.log(topic, partition).batches;
  }

  private log(topic: string, partition: number): PartitionLog {
    const log = this.logs.get(`${topic}\0${partition}`);
    if (!log) throw new Error(`fake: no partition ${topic}-${partition}`);
    return log;
  }

  private highWatermark(log: PartitionLog): number {
    const last = log.batches[log.batches.length - 1];
    return last ? last.baseOffset + last.count : log.logStart;
  }

  private rawMetadata(): RawMetadata {
    return {
      clusterId: 'fake',
      controllerId: this.brokerIds[0],
      brokers: this.brokerIds.map((nodeId) => ({ nodeId, host: '127.0.0.1', port: 9091 + nodeId, rack: null })),
      topicMetadata: [...this.topicNames].map(([topic, n]) => ({
        topicErrorCode: 0,
        topic,
        isInternal: false,
        partitionMetadata: Array.from({ length: n }, (_, partitionId) => {
          const leader = this.log(topic, partitionId).leader;
          return { partitionErrorCode: leader < 0 ? errorCode('LEADER_NOT_AVAILABLE') : 0, partitionId, leader, replicas: [...this.brokerIds], isr: [...this.brokerIds], offlineReplicas: [] };
        }),
      })),
    };
  }

  private publish(): void {
    this.cluster.brokerPool.metadata = this.rawMetadata();
  }

  private broker(nodeId: number): KafkajsBroker {
    if (!this.brokerIds.includes(nodeId)) throw new Error(`fake: no broker ${nodeId}`);
    const notUsed = async (): Promise<never> => {
      throw new Error('fake: not used by the code under test');
    };
    return {
      nodeId,
      allowAutoTopicCreation: false,
      versions: this.cluster.brokerPool.versions,
      isConnected: () => !this.down.has(nodeId),
      connectionPool: {
        send: async <T>(req: WireRequest): Promise<T> => {
          if (this.down.has(nodeId)) throw new Error(`Connection error: connect ECONNREFUSED (broker ${nodeId})`);
          while (this.silent.has(nodeId)) await new Promise((r) => setTimeout(r, 10));
          const body = bodyBytes(await req.request.encode());
          if (req.request.apiKey === 0) return (await this.produce(nodeId, req.request.apiVersion, body)) as T;
          if (req.request.apiKey === 1) return (await this.fetch(nodeId, req.request.apiVersion, body)) as T;
          throw new Error(`fake: api ${req.request.apiKey} not faked`);
        },
      },
      initProducerId: async (a) => {
        if (this.down.has(nodeId)) throw Object.assign(new Error(`Connection error: connect ECONNREFUSED (broker ${nodeId})`), { name: 'KafkaJSConnectionError', retriable: true });
        await this.atTxnCoordinator(nodeId, a.transactionalId);
        return { producerId: String(this.nextProducerId++), producerEpoch: 0 };
      },
      addPartitionsToTxn: async (a) => {
        await this.atTxnCoordinator(nodeId, a.transactionalId);
        this.txnCalls.push(`add ${a.topics.map((t) => `${t.topic}:${t.partitions.join(',')}`).join(' ')} at ${nodeId}`);
      },
      endTxn: async (a) => {
        await this.atTxnCoordinator(nodeId, a.transactionalId);
        this.txnCalls.push(`${a.transactionResult ? 'commit' : 'abort'} at ${nodeId}`);
      },
      metadata: async () => this.rawMetadata(),
      findGroupCoordinator: notUsed,
      listGroups: notUsed,
      listOffsets: notUsed,
      describeConfigs: notUsed,
      offsetCommit: notUsed,
      offsetFetch: notUsed,
      joinGroup: notUsed,
      syncGroup: notUsed,
      heartbeat: notUsed,
      leaveGroup: notUsed,
    };
  }

  /** A transaction call at `nodeId`: held while it is silent, NOT_COORDINATOR where it is not the coordinator. */
  private async atTxnCoordinator(nodeId: number, transactionalId: string | undefined): Promise<void> {
    if (!transactionalId) return;
    while (this.silent.has(nodeId)) await new Promise((r) => setTimeout(r, 10));
    if (nodeId !== this.txnCoordinator) throw Object.assign(new Error('This is not the correct coordinator.'), { name: 'KafkaJSProtocolError', type: 'NOT_COORDINATOR', code: 16, retriable: true });
  }

  private takeFault(match: (f: ProduceFault) => boolean): ProduceFault | undefined {
    const i = this.faults.findIndex(match);
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** Produce v3-v8: decodes the request, writes (or refuses) each partition's batch. */
  private async produce(nodeId: number, version: number, body: Buffer): Promise<unknown> {
    const d = new Decoder(body);
    const transactionalId = d.readString();
    const acks = d.readInt16();
    d.readInt32(); // timeout
    const call: ProduceCall = { broker: nodeId, acks, transactionalId, parts: [] };
    const writes: Array<{ topic: string; partition: number; batch: Buffer }> = [];
    const topics = d.readInt32();
    for (let t = 0; t < topics; t++) {
      const topic = d.readString();
      const n = d.readInt32();
      for (let i = 0; i < n; i++) {
        const partition = d.readInt32();
        const batch = Buffer.from(d.readBytes());
        writes.push({ topic, partition, batch });
        call.parts.push({ topic, partition, count: batch.readInt32BE(57), baseSequence: batch.readInt32BE(53), bytes: batch.length });
      }
    }
    this.produceCalls.push(call);
    if (this.silentProduces > 0) {
      this.silentProduces--;
      return new Promise(() => undefined);
    }
    this.inFlight++;
    this.maxInFlightSeen = Math.max(this.maxInFlightSeen, this.inFlight);
    try {
      if (this.produceDelayMs) await new Promise((r) => setTimeout(r, this.produceDelayMs));
      const drop = this.takeFault((f) => f.kind === 'drop');
      const results = writes.map((w) => ({ topic: w.topic, partition: w.partition, ...this.write(nodeId, w.topic, w.partition, w.batch, drop !== undefined && !(drop as { written: boolean }).written) }));
      if (drop) throw new Error(`Connection error: socket closed (broker ${nodeId})`);
      if (acks === 0) return undefined;
      void version;
      return results.map((r) => ({ topic: r.topic, partition: r.partition, errorCode: r.errorCode, baseOffset: r.baseOffset, errorMessage: null }));
    } finally {
      this.inFlight--;
    }
  }

  private write(nodeId: number, topic: string, partition: number, batch: Buffer, skip: boolean): { errorCode: number; baseOffset: number } {
    const log = this.logs.get(`${topic}\0${partition}`);
    if (!log) return { errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), baseOffset: -1 };
    if (log.leader !== nodeId) return { errorCode: errorCode('NOT_LEADER_OR_FOLLOWER'), baseOffset: -1 };
    const fault = this.takeFault((f) => f.kind === 'error' && f.topic === topic && f.partition === partition);
    if (fault && fault.kind === 'error') return { errorCode: fault.code, baseOffset: -1 };
    if (this.fenced) return { errorCode: errorCode('PRODUCER_FENCED'), baseOffset: -1 };
    if (batch.length > this.maxBatchBytes) return { errorCode: errorCode('MESSAGE_TOO_LARGE'), baseOffset: -1 };
    const producerId = Number(readInt64(batch, 43));
    const baseSequence = batch.readInt32BE(53);
    const count = batch.readInt32BE(57);
    // As Kafka: a producer the partition has no state for may start at any sequence number.
    if (producerId >= 0 && log.nextSeq.has(producerId)) {
      const expected = log.nextSeq.get(producerId)!;
      if (baseSequence < expected) {
        // As Kafka: a resend of one of the producer's last five batches (same first and last
        // sequence) is answered with the offset it got; any other sequence is out of order.
        const dup = log.batches
          .filter((b) => b.producerId === producerId)
          .slice(-5)
          .find((b) => b.baseSequence === baseSequence && b.count === count);
        return dup ? { errorCode: 0, baseOffset: dup.baseOffset } : { errorCode: errorCode('OUT_OF_ORDER_SEQUENCE_NUMBER'), baseOffset: -1 };
      }
      if (baseSequence > expected) return { errorCode: errorCode('OUT_OF_ORDER_SEQUENCE_NUMBER'), baseOffset: -1 };
    }
    if (skip) return { errorCode: 0, baseOffset: -1 };
    if (producerId >= 0) log.nextSeq.set(producerId, baseSequence + count);
    return { errorCode: 0, baseOffset: this.append(topic, partition, batch) };
  }

  /** Fetch v4-v11: each partition's batches from the asked offset, up to its max bytes (at least one batch). */
  private async fetch(nodeId: number, version: number, body: Buffer): Promise<unknown> {
    const d = new Decoder(body);
    d.readInt32(); // replica id
    const maxWait = d.readInt32();
    d.readInt32(); // min bytes
    d.readInt32(); // max bytes
    d.readInt8(); // isolation level
    if (version >= 7) {
      d.readInt32();
      d.readInt32();
    }
    const call = { broker: nodeId, maxWait, parts: [] as Array<{ topic: string; partition: number; offset: number }> };
    const partitions: unknown[] = [];
    const topics = d.readInt32();
    for (let t = 0; t < topics; t++) {
      const topic = d.readString();
      const n = d.readInt32();
      for (let i = 0; i < n; i++) {
        const partition = d.readInt32();
        if (version >= 9) d.readInt32();
        const offset = Number(d.readInt64());
        if (version >= 5) {
          d.readInt32();
          d.readInt32();
        }
        const maxBytes = d.readInt32();
        call.parts.push({ topic, partition, offset });
        const log = this.logs.get(`${topic}\0${partition}`);
        const base = { topic, partition, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, abortedTransactions: null, records: Buffer.alloc(0) };
        if (!log) {
          partitions.push({ ...base, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION') });
          continue;
        }
        if (log.leader !== nodeId) {
          partitions.push({ ...base, errorCode: errorCode('NOT_LEADER_OR_FOLLOWER') });
          continue;
        }
        const hw = this.highWatermark(log);
        if (offset < log.logStart || offset > hw) {
          partitions.push({ ...base, errorCode: errorCode('OFFSET_OUT_OF_RANGE'), highWatermark: hw, lastStableOffset: hw, logStartOffset: log.logStart });
          continue;
        }
        const out: Buffer[] = [];
        let size = 0;
        for (const b of log.batches) {
          if (b.baseOffset + b.count <= offset) continue;
          if (out.length && size + b.bytes.length > maxBytes) break;
          out.push(b.bytes);
          size += b.bytes.length;
        }
        partitions.push({ ...base, errorCode: 0, highWatermark: hw, lastStableOffset: hw, logStartOffset: log.logStart, records: Buffer.concat(out) });
      }
    }
    this.fetchCalls.push(call);
    // As a broker does: with nothing to return, the answer waits for max wait.
    if (partitions.every((p) => (p as { records: Buffer }).records.length === 0)) await new Promise((r) => setTimeout(r, Math.max(1, maxWait)));
    return { errorCode: 0, partitions };
  }
}
