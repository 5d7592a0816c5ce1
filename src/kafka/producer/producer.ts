// The record producer: our own RecordBatch v2 batches sent as Produce requests on kafkajs'
// connections (its TLS, SASL and version negotiation stay in one place).
//
// - Batches close by bytes (batchBytes), and by linger time; several requests are in flight per
//   broker and per partition (maxInFlight).
// - Errors per partition: retriable ones (leader moved, timeouts, not enough replicas) refresh
//   metadata and resend after a backoff, up to `retries` times; MESSAGE_TOO_LARGE splits a
//   multi-record batch in two and resends (only a single record over the limit fails); anything
//   else fails the batch. Every record ends up counted as delivered or failed.
// - Idempotent: InitProducerId, per-partition sequence numbers. After a failure the partition
//   drains its in-flight requests and resends what is not acknowledged, re-sequenced from the
//   broker's next expected sequence, so nothing is written twice or out of order.
// - Transactional: the same, plus AddPartitionsToTxn before a partition's first batch, and
//   EndTxn (commit on close, abort on abort).
//
// Unkeyed records stick to one partition until a batch's worth of bytes (batch size) has gone to
// it, or its batch fills, then move to the next (as the Java client's built-in partitioner does,
// round-robin instead of weighted random); keyed records go where murmur2 puts them, as in the
// Java client.
import { kafkajs } from '../wire/kafkajs.js';
import { KfkError } from '../../errors.js';
import { StickyPartitioner, partitionForKey } from './partitioner.js';
import { BatchBufferPool, BatchBuilder, NO_PRODUCER, restampBatch, type BatchIdentity, type OutRecord } from '../records/encoder.js';
import { decodeRecordSet, type DecodedRecord } from '../records/decoder.js';
import { produceRequest, produceVersion, type ProducePartitionResult } from '../protocol/produce.js';
import type { KafkajsBroker, KafkajsCluster } from '../wire/client.js';
import { brokerAnswers, knownLeader, leadsAny, NO_LEADER } from '../wire/metadata.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { produceErrorAction } from './error-actions.js';
import { ERRORS } from '../wire/error-codes.js';
import { Tags } from './tags.js';
import { TransactionCoordinator } from './transactions.js';
import { splitRecords } from './split.js';

const { createErrorFromCode } = kafkajs();
const REQUEST_TIMED_OUT = ERRORS.REQUEST_TIMED_OUT.code;
const APPENDED_NOT_REPLICATED = ERRORS.NOT_ENOUGH_REPLICAS_AFTER_APPEND.code;

export interface ProducerOptions {
  acks: -1 | 0 | 1;
  compression: number;
  lingerMs: number;
  batchBytes: number;
  maxInFlight: number;
  retries: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  maxBufferedBytes: number;
  idempotent: boolean;
  transactionalId?: string;
  transactionTimeoutMs?: number;
  /** After the input ends, how long to wait for acknowledgements before giving up (delivery.timeout.ms). */
  deliveryTimeoutMs?: number;
  /** How long `send` waits for buffer memory before it fails (max.block.ms); none: for ever. */
  maxBlockMs?: number;
  /** Called with the records of every batch that was not delivered, and their tags. */
  onUndelivered?: (records: DecodedRecord[], tags: number[]) => void;
  /** --verbose: a line for each retry and each wait for a leader, naming partition and broker. */
  log?: (line: string) => void;
}

export interface ProducerRecord extends OutRecord {
  topic: string;
  partition?: number;
  /** The caller's reference for this record (kfk produce: its input line number). */
  tag?: number;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  /** Per distinct error: how many records, and the first tags (line numbers) of them. */
  errors: { message: string; count: number; tags: number[] }[];
}

interface Batch {
  topic: string;
  partition: number;
  builder: BatchBuilder;
  count: number;
  tags: Tags;
  bytes?: Buffer;
  building?: Promise<Buffer>;
  baseSequence: number;
  attempts: number;
  notBefore: number;
  lastError?: string;
  /** What it counts for against the memory bound (its buffer's size), released once it is done. */
  charged: number;
  /** The broker the last attempt went to. */
  broker?: number;
  /** Given up on (delivery.timeout.ms): a late answer for it is ignored. */
  expired?: boolean;
  /**
   * An attempt ended without a definite answer (a lost connection, a timeout) or with the records
   * appended but not replicated: the broker may hold them under their sequence numbers.
   */
  maybeWritten?: boolean;
}

interface PartitionState {
  topic: string;
  partition: number;
  open: BatchBuilder | null;
  openTags: Tags;
  lingerTimer: NodeJS.Timeout | null;
  queue: Batch[];
  inflight: Set<Batch>;
  failedInFlight: Batch[];
  recovering: boolean;
  /** Batches being split (async): recovery waits for them. */
  splitting: number;
  /** Records acknowledged so far (idempotent: the broker's next expected sequence). */
  acked: number;
  /** Next sequence to hand out. */
  nextSeq: number;
  /** Its batches wait for a leader (said once in --verbose, until one is known). */
  waitingForLeader?: boolean;
  /** A broker that answered NOT_LEADER_OR_FOLLOWER (or the like) for it: nothing goes there again before the metadata is asked. */
  refusedBy?: number;
  /** The producer id and epoch its batches carry (idempotent): the producer's, or one taken for it alone. */
  producerId: number;
  producerEpoch: number;
  /**
   * Its sequence numbers can no longer be trusted (a batch the broker may hold failed, or the
   * broker refused the next sequence): before anything more is sent, the partition takes a new
   * producer id and numbers its batches from 0 again, as Kafka's producer bumps its epoch.
   */
  newId?: boolean;
  renewing?: boolean;
  /** The broker its batches in flight went to. */
  sendingTo?: number;
}


export class RecordProducer {
  private readonly cluster: KafkajsCluster;
  private readonly o: ProducerOptions;
  private readonly parts = new Map<string, PartitionState>();
  /** Per topic: partition count, and the sticky partition for unkeyed records with its bytes so far. */
  private readonly partitioner: StickyPartitioner;
  private lastState: PartitionState | null = null;
  private readonly byTopic = new Map<string, PartitionState[]>();
  private lastTopic: string | null = null;
  private lastTopicStates: PartitionState[] | undefined;
  private producerId = -1;
  private producerEpoch = -1;
  private bufferedBytes = 0;
  /** Of bufferedBytes, what the open batches' buffers take; and the bytes of records in them. */
  private openBytes = 0;
  private openData = 0;
  private waiters: Array<() => void> = [];
  /** When the input first waited for memory since the last acknowledgement (Date.now()); -1: not since then. */
  private waitingSince = -1;
  private brokerInflight = new Map<number, number>();
  private delivered = 0;
  private failed = 0;
  private undeliveredWrites: Promise<void>[] = [];
  private errors = new Map<string, { count: number; tags: number[] }>();

  private recordError(message: string, count: number, tags: number[]): void {
    const e = this.errors.get(message) ?? { count: 0, tags: [] };
    e.count += count;
    for (const t of tags) if (e.tags.length < 20) e.tags.push(t);
    this.errors.set(message, e);
  }
  private idle: Array<() => void> = [];
  private pumping = false;
  private pumpAgain = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private fatal: Error | null = null;
  private readonly txn: TransactionCoordinator;
  private readonly pools = new Map<number, BatchBufferPool>();
  private renewal: Promise<{ producerId: number; producerEpoch: number }> | null = null;

  constructor(cluster: KafkajsCluster, options: ProducerOptions) {
    this.cluster = cluster;
    this.o = options;
    this.txn = new TransactionCoordinator(cluster, options.transactionalId, options.transactionTimeoutMs, options.maxBlockMs);
    this.partitioner = new StickyPartitioner((topic, partition) => knownLeader(cluster, topic, partition) !== NO_LEADER, options.batchBytes);
  }

  private poolFor(headroom: number): BatchBufferPool {
    let pool = this.pools.get(headroom);
    if (!pool) this.pools.set(headroom, (pool = new BatchBufferPool(headroom + this.o.batchBytes)));
    return pool;
  }

  async init(): Promise<void> {
    if (!this.o.idempotent && !this.o.transactionalId) return;
    ({ producerId: this.producerId, producerEpoch: this.producerEpoch } = await this.txn.initProducerId());
    // The coordinator stopped answering and the id moved: the cluster fenced its broker, and the
    // partitions it led moved too since the metadata was read. Read it again, or the first batches
    // go to that broker and wait out request.timeout.ms. A broker may name the id's new coordinator
    // a moment before it has the new leaders of that broker's other partitions (on a loaded
    // machine, long enough for the first answer to still name it): read again, for a few seconds,
    // until it leads none.
    if (this.txn.movedFromSilent) {
      await this.refreshMetadata();
      const silent = this.txn.silentBroker;
      for (const until = Date.now() + 5000; silent !== undefined && leadsAny(this.cluster, silent) && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await this.refreshMetadata();
      }
    }
  }

  private state(topic: string, partition: number): PartitionState {
    // Consecutive records mostly go to the same partition: skip building the key for them.
    // Keyed records move between partitions at every record: an array per topic, no string.
    const last = this.lastState;
    if (last && last.partition === partition && last.topic === topic) return last;
    let states = this.lastTopic === topic ? this.lastTopicStates : this.byTopic.get(topic);
    if (!states) this.byTopic.set(topic, (states = []));
    this.lastTopic = topic;
    this.lastTopicStates = states;
    let s = states[partition];
    if (!s) {
      s = { topic, partition, open: null, openTags: new Tags(), lingerTimer: null, queue: [], inflight: new Set(), failedInFlight: [], recovering: false, splitting: 0, acked: 0, nextSeq: 0, producerId: this.producerId, producerEpoch: this.producerEpoch };
      this.parts.set(`${topic}\0${partition}`, s);
      states[partition] = s;
    }
    this.lastState = s;
    return s;
  }

  /**
   * Date.now() for record timestamps, read at most once per 32 records within one synchronous
   * run (a chunk of input is appended at about 2 records per microsecond, so the timestamps stay
   * exact to the millisecond), and afresh after every pause: the count resets in a microtask.
   * Date.now() per record costs ~60 ns, a tenth of the whole per-record cost.
   */
  private clockNow = 0;
  private clockUses = 0;
  private readonly clockReset = () => {
    this.clockUses = 0;
  };
  private clock(): number {
    if (this.clockUses === 0) queueMicrotask(this.clockReset);
    else if (this.clockUses < 32) {
      this.clockUses++;
      return this.clockNow;
    }
    this.clockUses = 1;
    return (this.clockNow = Date.now());
  }

  /** Adds a record. Returns a promise only when the buffer is full: wait for it before the next. */
  send(r: ProducerRecord): void | Promise<void> {
    if (this.fatal) throw this.fatal;
    const t = this.partitioner.current(r.topic) ?? this.partitioner.topic(r.topic, () => this.cluster.findTopicPartitionMetadata(r.topic).length);
    const n = t.partitions;
    let partition = r.partition;
    if (partition === undefined) {
      partition = r.key !== null ? partitionForKey(r.key, n, r.keyStart, r.keyEnd) : t.sticky;
    } else if (partition >= n) {
      throw new KfkError(`partition ${partition} does not exist: topic '${r.topic}' has ${n} partition(s)`);
    }
    const s = this.state(r.topic, partition);
    const now = this.clock();
    const unkeyed = r.key === null && r.partition === undefined;
    let open = s.open ?? this.openBatch(s, r.key === null, n);
    let before = open.sizeInBytes;
    let capacity = open.capacity;
    if (!open.tryAppend(r, now)) {
      this.closeBatch(s, unkeyed);
      if (unkeyed) return this.send(r);
      open = this.openBatch(s, r.key === null, n);
      before = open.sizeInBytes;
      capacity = open.capacity;
      open.tryAppend(r, now);
    }
    if (r.tag !== undefined) s.openTags.add(r.tag);
    const added = open.sizeInBytes - before;
    // The bound counts the batches' buffers, not only the bytes in them: that is the memory.
    this.bufferedBytes += open.capacity - capacity;
    this.openBytes += open.capacity - capacity;
    this.openData += added;
    if (open.sizeInBytes >= this.o.batchBytes) this.closeBatch(s, unkeyed);
    else if (unkeyed) this.partitioner.sent(t, added);
    else if (this.openBytes * 2 >= this.o.maxBufferedBytes && this.openData * 4 >= this.o.maxBufferedBytes) {
      // Keyed records over many partitions fill no batch before the bound is reached. Once the
      // open batches take half of it (and hold records worth a quarter: their first buffers
      // count too), they are all sent, and the input fills the other half while the brokers
      // take them. Closed only at the bound, every batch went at once and the input then waited for
      // all of them, so that the brokers idled while it read (1M keyed records on 12
      // partitions: no request in flight for half of the run).
      this.closeAllOpen();
    }
    if (this.bufferedBytes >= this.o.maxBufferedBytes) {
      // The memory bound is reached. When half of what is buffered sits in batches still open
      // (keyed records over many partitions), every batch is sendable now, full or not, as in
      // Kafka's accumulator when its buffer.memory is exhausted; otherwise what is in flight
      // drains it, and bulk input keeps its full batches.
      if (this.openBytes * 2 >= this.bufferedBytes) this.closeAllOpen();
      return this.waitForMemory();
    }
  }

  /**
   * Resolves once memory is below the bound again; fails once the input has waited for max.block.ms
   * in all since the last acknowledgement (Kafka's producer bounds each send() that waits for
   * memory by max.block.ms), so that brokers that take nothing end the run instead of stalling it.
   * Counted since the last acknowledgement, not per wait: batches that fail (at request.timeout.ms
   * or delivery.timeout.ms, or at once from a dead broker) free memory too, and with a cluster that
   * took nothing (2 of 3 brokers frozen) each wait ended that way and the input went on at that
   * pace, every line failing in turn (2M lines with request.timeout.ms at 5 s and
   * delivery.timeout.ms at 15 s: still going after 5 minutes).
   */
  private waitForMemory(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ms = this.o.maxBlockMs;
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
      if (ms === undefined) return;
      const now = Date.now();
      if (this.waitingSince < 0) this.waitingSince = now;
      timer = setTimeout(
        () => {
          this.waiters = this.waiters.filter((w) => w !== wake);
          reject(new KfkError(`failed to allocate memory within max.block.ms (${ms} ms): buffer.memory (${this.o.maxBufferedBytes} bytes) holds records no broker has acknowledged`));
        },
        Math.max(0, this.waitingSince + ms - now),
      );
    });
  }

  /**
   * A new batch: it starts with a full-size buffer only for unkeyed records (they fill it);
   * keyed ones spread over partitions start small, so that the bound (which counts buffers) is
   * not taken up by a dozen batches of a record each: at 64 kB, or less when the topic's
   * partitions would take a quarter of the bound that way (down to 4 kB, the arena's smallest
   * block). Else, with hundreds of partitions, the first buffers alone reached the bound and
   * every batch went with a record or two in it.
   */
  private openBatch(s: PartitionState, bulk: boolean, partitions: number): BatchBuilder {
    const room = this.headroomFor(s.topic);
    const first = Math.max(4096, Math.min(64 * 1024, 2 ** Math.floor(Math.log2(this.o.maxBufferedBytes / (4 * partitions)))));
    const open = (s.open = new BatchBuilder(this.o.batchBytes, room, this.poolFor(room), bulk, first));
    this.bufferedBytes += open.capacity;
    this.openBytes += open.capacity;
    this.openData += open.sizeInBytes;
    if (this.o.lingerMs > 0) {
      // One timer per partition, armed again for each batch: a timer per batch was some hundreds
      // of bytes for the collector, thousands of times a second with keyed records over hundreds
      // of partitions. A batch closed before its time leaves the timer to find no batch, or the
      // next one, for which it was armed again.
      if (s.lingerTimer) s.lingerTimer.refresh();
      else s.lingerTimer = setTimeout(() => this.lingered(s), this.o.lingerMs);
    }
    return open;
  }

  private lingered(s: PartitionState): void {
    if (s.open && s.open.count > 0) this.closeBatch(s, false);
  }

  /** Stops a partition's linger timer for good (cleared, a Timeout cannot be armed again). */
  private stopLinger(s: PartitionState): void {
    if (s.lingerTimer) clearTimeout(s.lingerTimer);
    s.lingerTimer = null;
  }

  /**
   * Room kept in front of each batch so that a request carrying only it is framed in place
   * (protocol/produce.ts): request header with a client id of up to 255 bytes, and the Produce
   * fields before the batch.
   */
  private headroomFor(topic: string): number {
    return 320 + Buffer.byteLength(topic) + (this.o.transactionalId ? Buffer.byteLength(this.o.transactionalId) : 0);
  }

  /** Every open batch that holds records to the send queue, then one request per broker for them. */
  private closeAllOpen(): void {
    for (const p of this.parts.values()) if (p.open && p.open.count > 0) this.closeBatch(p, false, false);
    this.pump();
  }

  /**
   * Moves the open batch to the send queue; moves the sticky partition on if asked. Sent at once
   * unless `send` is false (batches closed together then go in one request, not the first alone).
   */
  private closeBatch(s: PartitionState, moveSticky: boolean, send = true): void {
    const b = s.open;
    const tags = s.openTags;
    s.open = null;
    s.openTags = new Tags();
    if (moveSticky) this.partitioner.moveOn(s.topic, s.partition);
    if (!b) return;
    this.openBytes -= b.capacity;
    this.openData -= b.sizeInBytes;
    if (b.count === 0) {
      this.release(b.capacity);
      b.recycle();
      return;
    }
    const batch: Batch = { topic: s.topic, partition: s.partition, builder: b, count: b.count, tags, baseSequence: -1, attempts: 0, notBefore: 0, charged: b.capacity };
    if (this.producerId >= 0) {
      batch.baseSequence = s.nextSeq;
      s.nextSeq += b.count;
    }
    batch.building = b.build(this.identity(s, batch));
    s.queue.push(batch);
    if (send) this.pump();
  }

  /** A producer without an id (not idempotent): one identity for all of its batches. */
  private plainIdentity?: BatchIdentity;
  private identity(s: PartitionState, b: Batch) {
    return this.producerId >= 0
      ? { compression: this.o.compression, producerId: s.producerId, producerEpoch: s.producerEpoch, baseSequence: b.baseSequence, transactional: Boolean(this.o.transactionalId) }
      : (this.plainIdentity ??= { ...NO_PRODUCER, compression: this.o.compression });
  }

  /** Sends what is ready, up to the in-flight limits. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pumpLoop().finally(() => {
      this.pumping = false;
      if (this.pumpAgain) {
        this.pumpAgain = false;
        this.pump();
      }
    });
  }

  private async pumpLoop(): Promise<void> {
    const now = Date.now();
    const byBroker = new Map<number, Batch[]>();
    let soonest = Infinity;
    for (const s of this.parts.values()) {
      if (s.queue.length === 0) continue;
      if (s.recovering) {
        if (s.newId) this.maybeRecover(s);
        continue;
      }
      if (s.inflight.size >= this.o.maxInFlight) continue;
      const b = s.queue[0];
      if (b.notBefore > now) {
        soonest = Math.min(soonest, b.notBefore);
        continue;
      }
      let leader: number;
      try {
        leader = this.leaderOf(s.topic, s.partition);
      } catch {
        if (!s.waitingForLeader) {
          s.waitingForLeader = true;
          this.o.log?.(`produce: ${s.topic}-${s.partition} has no leader: its records wait for one (at most delivery.timeout.ms)`);
        }
        soonest = Math.min(soonest, now + this.o.retryBackoffMs);
        void this.refreshMetadata();
        continue;
      }
      if (s.refusedBy !== undefined) {
        if (this.refreshing && leader === s.refusedBy) continue;
        s.refusedBy = undefined;
      }
      if (s.waitingForLeader) {
        s.waitingForLeader = false;
        this.o.log?.(`produce: ${s.topic}-${s.partition} has a leader again: broker ${leader}`);
      }
      if ((this.brokerInflight.get(leader) ?? 0) >= this.o.maxInFlight) continue;
      // The leader moved while batches are in flight to the old one: the next batch waits until
      // they are answered or given up. Sent now, it could be written before them (a broker that
      // has no state for this producer takes any sequence number), out of order.
      if (s.inflight.size > 0 && s.sendingTo !== leader) continue;
      // Idempotent: until the partition's first batch is acknowledged it goes alone. A broker
      // with no state for this producer takes any sequence number, so a later batch arriving
      // after the first one failed would be written before it.
      if (s.inflight.size > 0 && s.acked === 0 && this.producerId >= 0) continue;
      s.sendingTo = leader;
      s.queue.shift();
      s.inflight.add(b);
      const list = byBroker.get(leader);
      if (list) list.push(b);
      else byBroker.set(leader, [b]);
    }
    if (soonest !== Infinity && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.pump();
      }, Math.max(1, soonest - now));
    }
    for (const [leader, batches] of byBroker) {
      this.brokerInflight.set(leader, (this.brokerInflight.get(leader) ?? 0) + 1);
      void this.sendRequest(leader, batches).finally(() => {
        this.brokerInflight.set(leader, (this.brokerInflight.get(leader) ?? 1) - 1);
        this.pump();
      });
    }
  }

  private leaderOf(topic: string, partition: number): number {
    const leader = knownLeader(this.cluster, topic, partition);
    if (leader === NO_LEADER) throw new Error('no leader');
    return leader;
  }

  private refreshing: Promise<void> | null = null;
  private refreshMetadata(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        await withDeadline(this.cluster.refreshMetadata(), this.o.requestTimeoutMs, 'metadata request timed out');
        this.partitioner.offLeaderless();
      } catch {
        /* retried by the next attempt */
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async sendRequest(leader: number, batches: Batch[]): Promise<void> {
    let results: ProducePartitionResult[] | undefined;
    let requestError: Error | undefined;
    try {
      // The connection layer times requests out itself; this bounds every step around the
      // request too (finding the broker, connecting), so that no batch is held in flight for
      // ever: its partition can always retry or fail.
      results = await withDeadline(this.request(leader, batches), this.o.requestTimeoutMs + Math.min(this.o.requestTimeoutMs, 10_000), `no answer from broker ${leader} within request.timeout.ms (${this.o.requestTimeoutMs} ms)`);
    } catch (err) {
      requestError = err as Error;
    }
    const timedOut = requestError instanceof DeadlineError || requestError?.name === 'KafkaJSRequestTimeoutError';
    brokerAnswers(this.cluster, leader, !timedOut);
    if (this.o.acks === 0 && !requestError) {
      for (const b of batches) this.succeed(b);
      return;
    }
    for (const b of batches) {
      if (requestError) {
        b.maybeWritten = true;
        const fatal = (requestError as { type?: string }).type === 'INVALID_TXN_STATE' || /not authorized/i.test(requestError.message);
        this.retryOrFail(b, requestError.message, !fatal);
        continue;
      }
      const r = results!.find((x) => x.topic === b.topic && x.partition === b.partition);
      if (!r) {
        this.retryOrFail(b, 'no response for partition', true);
        continue;
      }
      this.handleAnswer(b, r);
    }
    if (requestError) void this.refreshMetadata();
  }

  /** One Produce request carrying `batches`, to their leader. */
  private async request(leader: number, batches: Batch[]): Promise<ProducePartitionResult[] | undefined> {
    await this.txn.addPartitions({ producerId: this.producerId, producerEpoch: this.producerEpoch }, batches);
    for (const b of batches) if (!b.bytes) b.bytes = await b.building!;
    for (const b of batches) b.broker = leader;
    const broker: KafkajsBroker = await this.cluster.findBroker({ nodeId: leader });
    const version = produceVersion(broker.versions?.[0]?.maxVersion);
    const req = produceRequest(
      version,
      this.o.transactionalId ?? null,
      this.o.acks,
      this.o.requestTimeoutMs,
      // A resend after a timeout copies: the earlier request may still sit in the socket's buffer.
      batches.map((b) => ({ topic: b.topic, partition: b.partition, batch: b.bytes!, headroom: b.attempts === 0 ? b.builder.headroom : 0 })),
    );
    return (await broker.connectionPool.send({ ...req, requestTimeout: this.o.requestTimeoutMs + 5000 })) as ProducePartitionResult[] | undefined;
  }

  private message(code: number, brokerMessage: string | null): string {
    const e = createErrorFromCode(code);
    return brokerMessage ? `${e.message} (${brokerMessage})` : e.message;
  }

  private handleAnswer(b: Batch, r: ProducePartitionResult): void {
    if (b.expired) return;
    const code = r.errorCode;
    switch (produceErrorAction(code, { count: b.count, idempotent: this.producerId >= 0, transactional: Boolean(this.o.transactionalId) })) {
      case 'delivered':
        this.succeed(b);
        return;
      case 'split':
        this.split(b).catch((err: Error) => {
          const s = this.state(b.topic, b.partition);
          s.splitting = Math.max(0, s.splitting - 1);
          this.fail(b, err.message);
        });
        return;
      case 'retry-with-new-id':
        this.state(b.topic, b.partition).newId = true;
        this.retryOrFail(b, this.message(code, r.errorMessage), true);
        return;
      case 'fatal':
        this.fatal = new KfkError(`producer fenced or unknown: ${this.message(code, r.errorMessage)}`);
        this.fail(b, this.message(code, r.errorMessage));
        return;
      case 'resequence': {
        const s = this.state(b.topic, b.partition);
        if (b.baseSequence !== s.acked) {
          // An earlier batch of the partition failed or is being resent: this one follows it.
          this.requeue(b, false);
          return;
        }
        // The next sequence itself is refused: the broker's state for this producer is not ours
        // (records taken whose answers were lost, or its state expired). As Kafka's producer
        // does, the batch fails and the partition goes on under a new producer id (in a
        // transaction, which then aborts, the id stays: a new one would fence the transaction).
        if (!this.o.transactionalId) s.newId = true;
        this.fail(b, this.message(code, r.errorMessage));
        return;
      }
      case 'retry-after-metadata':
        // The resend waits for the metadata answer, not only for the backoff: sent before it, it
        // goes to the broker that just refused it.
        this.state(b.topic, b.partition).refusedBy = b.broker;
        void this.refreshMetadata().then(() => this.pump());
        this.retryOrFail(b, this.message(code, r.errorMessage), true);
        return;
      case 'retry':
        if (code === REQUEST_TIMED_OUT || code === APPENDED_NOT_REPLICATED) b.maybeWritten = true;
        this.retryOrFail(b, this.message(code, r.errorMessage), true);
        return;
      case 'fail':
        this.fail(b, this.message(code, r.errorMessage));
    }
  }

  private retryOrFail(b: Batch, message: string, retriable: boolean): void {
    if (b.expired) return;
    b.lastError = message;
    if (!retriable || b.attempts >= this.o.retries) {
      this.fail(b, message);
      return;
    }
    this.o.log?.(`produce: retrying ${b.count} record(s) of ${b.topic}-${b.partition} (broker ${b.broker ?? '?'}): ${message}; attempt ${b.attempts + 2}`);
    this.requeue(b, true);
  }

  private requeue(b: Batch, countAttempt: boolean): void {
    const s = this.state(b.topic, b.partition);
    s.inflight.delete(b);
    if (countAttempt) {
      b.attempts++;
      b.notBefore = Date.now() + Math.min(this.o.retryBackoffMs * 2 ** (b.attempts - 1), 2000);
    }
    s.failedInFlight.push(b);
    s.recovering = true;
    this.maybeRecover(s);
  }

  /** Once a failed partition has nothing in flight, resend its unacknowledged batches in order. */
  private maybeRecover(s: PartitionState): void {
    if (!s.recovering || s.inflight.size > 0 || s.splitting > 0) return;
    if (s.newId) {
      this.renewProducerId(s);
      return;
    }
    const pending = [...s.failedInFlight, ...s.queue].sort((a, b) => (a.baseSequence - b.baseSequence) || 0);
    s.failedInFlight = [];
    if (this.producerId >= 0) {
      let seq = s.acked;
      const id = { producerId: s.producerId, producerEpoch: s.producerEpoch, baseSequence: 0 };
      for (const b of pending) {
        b.baseSequence = seq;
        seq += b.count;
        const stamp = { ...id, baseSequence: b.baseSequence };
        if (b.bytes) restampBatch(b.bytes, stamp);
        else b.building = b.building!.then((buf) => (restampBatch(buf, stamp), buf));
      }
      s.nextSeq = seq;
    }
    s.queue = pending;
    s.recovering = false;
    this.pump();
  }

  /**
   * A new producer id for partition `s` (idempotent, without a transaction): its unsent batches
   * are numbered from 0 under it. Nothing of the partition is in flight meanwhile, so the broker
   * never sees one sequence under two meanings. Without an id, what waits fails.
   */
  private renewProducerId(s: PartitionState): void {
    if (s.renewing) return;
    s.renewing = true;
    this.renewal ??= this.txn.initProducerId().finally(() => {
      this.renewal = null;
    });
    this.renewal.then(
      (id) => {
        s.producerId = id.producerId;
        s.producerEpoch = id.producerEpoch;
        s.acked = 0;
        s.newId = false;
        s.renewing = false;
        this.o.log?.(`produce: ${s.topic}-${s.partition} goes on under a new producer id (${id.producerId}): its sequence numbers start again`);
        this.maybeRecover(s);
      },
      (err: Error) => {
        const pending = [...s.failedInFlight, ...s.queue];
        s.failedInFlight = [];
        s.queue = [];
        for (const b of pending) this.fail(b, `no new producer id: ${err.message}`);
        // Still without one: the partition's next batch asks again.
        s.renewing = false;
        this.checkIdle();
      },
    );
  }

  /** The records of one of our own batches, decoded back from its encoding. */
  private async decodeOwn(b: Batch): Promise<DecodedRecord[]> {
    const { records } = await decodeRecordSet(b.builder.plainCopy(), { topic: b.topic, partition: b.partition, fromOffset: 0, readCommitted: false, abortedTransactions: null });
    return records;
  }

  /** A batch the broker found too large: its records again, as batches of half its size. */
  private async split(b: Batch): Promise<void> {
    const s = this.state(b.topic, b.partition);
    s.inflight.delete(b);
    s.recovering = true;
    s.splitting++;
    const parts = splitRecords(await this.decodeOwn(b), b.tags, Math.ceil((b.bytes ? b.bytes.length : this.o.batchBytes) / 2));
    let seq = b.baseSequence;
    let charged = b.charged;
    for (const { builder, tags } of parts) {
      // What the refused batch was counted for is released with its parts, once.
      const nb: Batch = { topic: b.topic, partition: b.partition, builder, count: builder.count, tags, baseSequence: seq, attempts: b.attempts, notBefore: 0, charged };
      charged = 0;
      if (seq >= 0) seq += builder.count;
      nb.building = builder.build(this.identity(s, nb));
      s.failedInFlight.push(nb);
    }
    s.splitting--;
    s.recovering = true;
    this.maybeRecover(s);
  }

  private release(bytes: number): void {
    this.bufferedBytes -= bytes;
    if (this.bufferedBytes < this.o.maxBufferedBytes && this.waiters.length) {
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    }
  }

  private succeed(b: Batch): void {
    if (b.expired) return;
    const s = this.state(b.topic, b.partition);
    s.inflight.delete(b);
    s.acked += b.count;
    this.delivered += b.count;
    this.waitingSince = -1;
    this.release(b.charged);
    // The broker answered, so the request (framed in the batch's buffer) has left the socket:
    // the buffer can carry the next batch. Not after acks=0 (no answer: it may still be queued in
    // the socket) nor after a resend (an earlier attempt may still be queued).
    if (this.o.acks !== 0 && b.attempts === 0) b.builder.recycle();
    b.tags.release();
    this.maybeRecover(s);
    this.checkIdle();
  }

  private fail(b: Batch, message: string): void {
    if (b.expired) return;
    const s = this.state(b.topic, b.partition);
    s.inflight.delete(b);
    this.failed += b.count;
    this.recordError(message, b.count, b.tags.values(20));
    if (this.o.onUndelivered) {
      const hook = this.o.onUndelivered;
      const tags = b.tags.values(Infinity);
      this.undeliveredWrites.push(this.decodeOwn(b).then((records) => hook(records, tags)));
    }
    this.release(b.charged);
    if (this.producerId >= 0) {
      // Later batches are re-sequenced: from the last acknowledged one when the broker never took
      // these sequences; under a new producer id when it may hold them (without a transaction:
      // a transaction that lost a batch is aborted anyway).
      if (b.maybeWritten && !this.o.transactionalId) s.newId = true;
      s.recovering = true;
    }
    this.maybeRecover(s);
    this.checkIdle();
  }

  private pendingCount(): number {
    let n = 0;
    for (const s of this.parts.values()) n += s.queue.length + s.inflight.size + s.failedInFlight.length + s.splitting + (s.open?.count ? 1 : 0);
    return n;
  }

  private checkIdle(): void {
    if (this.pendingCount() === 0 && this.idle.length) {
      const w = this.idle;
      this.idle = [];
      w.forEach((f) => f());
    }
  }

  /** Closes open batches and waits until every record is delivered or failed. */
  async flush(): Promise<void> {
    for (const s of this.parts.values()) {
      this.stopLinger(s);
      if (s.open?.count) this.closeBatch(s, false);
    }
    if (this.pendingCount() === 0) return;
    let deadline: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.idle.push(resolve);
      this.pump();
      const ms = this.o.deliveryTimeoutMs;
      if (ms) deadline = setTimeout(() => this.expireAll(`not acknowledged within delivery.timeout.ms (${ms} ms)`), ms);
    });
    clearTimeout(deadline);
  }

  /** Gives up on every record not yet acknowledged: each batch fails once with `message`. */
  private expireAll(message: string): void {
    for (const s of this.parts.values()) {
      this.stopLinger(s);
      if (s.open?.count) this.closeBatch(s, false);
      const pending = [...s.queue, ...s.failedInFlight, ...s.inflight];
      s.queue = [];
      s.failedInFlight = [];
      s.splitting = 0;
      s.recovering = false;
      for (const b of pending) {
        this.fail(b, message);
        b.expired = true;
      }
      s.inflight.clear();
    }
    this.checkIdle();
  }

  /** Waits until every undelivered batch has been handed to onUndelivered. */
  async undeliveredDone(): Promise<void> {
    while (this.undeliveredWrites.length) await Promise.all(this.undeliveredWrites.splice(0));
  }

  private report(): DeliveryReport {
    return { delivered: this.delivered, failed: this.failed, errors: [...this.errors].map(([message, e]) => ({ message, count: e.count, tags: e.tags })) };
  }

  async close(): Promise<DeliveryReport> {
    await this.flush();
    if (this.o.transactionalId && this.producerId >= 0) {
      const commit = this.failed === 0;
      await this.endTransaction(commit);
      if (!commit) {
        // Nothing of an aborted transaction counts as delivered.
        this.failed += this.delivered;
        this.delivered = 0;
      }
    }
    this.cleanup();
    return this.report();
  }

  async abort(): Promise<DeliveryReport> {
    if (this.o.transactionalId && this.producerId >= 0) {
      for (const s of this.parts.values()) {
        this.stopLinger(s);
        if (s.open) {
          this.openBytes -= s.open.capacity;
          this.openData -= s.open.sizeInBytes;
        }
        s.open = null;
        s.queue = [];
      }
      if (this.pendingCount() > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
      await this.endTransaction(false);
      this.failed += this.delivered;
      this.delivered = 0;
      this.cleanup();
      return this.report();
    }
    return this.close();
  }

  private endTransaction(commit: boolean): Promise<void> {
    return this.txn.end({ producerId: this.producerId, producerEpoch: this.producerEpoch }, commit);
  }

  private cleanup(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const s of this.parts.values()) this.stopLinger(s);
  }
}
