// A group-less consumer: partitions are assigned explicitly and fetched from their leaders with
// our own Fetch requests on kafkajs' connections. No consumer group is joined or created.
//
// Each leader is fetched on its own: one Fetch in flight for all of its partitions, and as soon
// as it is answered the next one goes out (positions come from the batch headers) and only then
// are the records decoded and handed on, so the broker works while we decode. Sets are handed on
// one at a time, whichever leader they came from, and the callback's promise is awaited before
// the next: output backpressure reaches every leader's loop, and memory stays bounded (per
// leader, one answer in flight and one being decoded, the leaders sharing fetch.max.bytes). A
// leader that is slow, or answers nothing at all, holds only its own partitions.
//
// Per-partition errors: leader moved or unknown -> refresh metadata and go on; offset out of
// range -> the nearest valid offset; a lost connection (a broker restart) -> reconnect with
// backoff and go on from the same positions. A partition without a leader waits, while the
// others are fetched, and metadata is asked for again about once a second until it has one; a
// position not known yet (offset -1, e.g. a reset to the log start) is found once it has one. A
// leader that has not answered within the request timeout (a Fetch, or the ListOffsets that
// finds a position) is reported with the partitions waiting for a leader, and asked again.
import { KfkError } from '../../errors.js';
import { kafkajs } from '../wire/kafkajs.js';
import type { KafkaClient, KafkajsBroker, KafkajsCluster } from '../wire/client.js';
import { fetchRequest, fetchVersion, type FetchPartitionResult } from '../protocol/fetch.js';
import type { DecodeOptions } from '../records/decoder.js';
import { readInt64 } from '../records/encoder.js';
import { NO_LEADER, brokerAnswers, knownLeader, knownWithPartitions, unanswering } from '../wire/metadata.js';
import { ERRORS, codes } from '../wire/error-codes.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { orderedWaitingId, type WaitingPartition } from './waiting.js';

/**
 * One partition's records from a Fetch response, undecoded: the caller decodes them
 * (records/decoder.ts: as objects with decodeRecordSet, or as views with visitRecordSet).
 */
export type FetchedSet = (set: Buffer, decode: DecodeOptions) => Promise<void> | void;

/** fetch.max.bytes and max.partition.fetch.bytes, as the consumer's properties give them. */
export type FetchSizes = Pick<FetcherOptions, 'maxBytes' | 'partitionMaxBytes'>;

export interface FetcherOptions {
  readCommitted: boolean;
  maxWaitMs?: number;
  /** max.partition.fetch.bytes: at most this much of one partition per response (Kafka's default, 1 MB). */
  partitionMaxBytes?: number;
  /**
   * fetch.max.bytes: at most this much in the Fetch answers in flight at once, shared by all the
   * leaders asked (Kafka bounds each request; kfk bounds the sum, so memory does not grow with the
   * brokers).
   */
  maxBytes?: number;
  verifyCrc?: boolean;
  /** Called with each partition's next fetch position after every response. */
  onPosition?: (topic: string, partition: number, nextOffset: number) => void;
  /**
   * Finds the positions not known yet (offset -1) of partitions that now have a leader; a
   * partition left out of the answer is asked for again later.
   */
  resolve?: (parts: Array<{ topic: string; partition: number }>) => Promise<Array<{ topic: string; partition: number; offset: number }>>;
  /**
   * Called when the set of assigned partitions that cannot be read changes (sorted; empty: all are
   * read): those without a leader, and those whose leader (`leader`) has not answered within the
   * request timeout.
   */
  onLeaderless?: (waiting: WaitingPartition[]) => void;
  /**
   * Called once for a topic the cluster no longer knows (deleted while it was read); its
   * partitions are no longer fetched. Without it they wait as for a leader.
   */
  onTopicGone?: (topic: string) => void;
  /** --verbose: a line for each retry, naming partition and broker. */
  log?: (line: string) => void;
}

/**
 * Kafka's max.partition.fetch.bytes default, 1 MB: larger responses cost more memory than they
 * gain (1M x 100 B to /dev/null: 4 MB gave 1.25 s and 237 MB peak RSS, 1 MB 1.05 s and 118 MB).
 */
export const DEFAULT_PARTITION_BYTES = 1024 * 1024;
/**
 * kfk's fetch.max.bytes default: the Fetch answers in flight over all leaders (Kafka's is 50 MB
 * per request). Twice that is held at most (each leader's answer decoded while its next is
 * fetched). 4 MB: 2M x
 * 100 B over 12 partitions on 3 brokers peaked at 83 MB RSS against 94 MB with 8 MB, and was no
 * slower (3 MB gave the same peak).
 */
export const DEFAULT_ROUND_BYTES = 4 * 1024 * 1024;

/** How long a topic must stay unknown to the cluster before it counts as deleted (a broker that has not caught up yet answers "unknown" for a moment). */
const GONE_AFTER_MS = 3000;

interface Position {
  topic: string;
  partition: number;
  /** -1: not known yet (FetcherOptions.resolve finds it). */
  offset: number;
}

/** A position to fetch; one not known yet may say since when its leader was asked for it without an answer. */
export interface Assigned extends Position {
  unanswered?: { leader: number; since: number };
}

/** One leader's Fetch answer, and the positions it asked for (an answer for a position that has moved since is dropped). */
interface Answer {
  results: FetchPartitionResult[];
  asked: Map<string, number>;
  error?: Error;
  /** No answer within the request timeout. */
  silent?: boolean;
}

const LEADER_ERRORS = codes('leader');
const OFFSET_OUT_OF_RANGE = ERRORS.OFFSET_OUT_OF_RANGE.code;

/** Offset after the last complete batch of a record set, from the batch headers only. */
function scanNextOffset(set: Buffer, from: number): number {
  let off = 0;
  let next = from;
  while (off + 12 <= set.length) {
    const len = set.readInt32BE(off + 8);
    if (off + 12 + len > set.length || len < 49) break;
    next = Math.max(next, readInt64(set, off) + set.readInt32BE(off + 23) + 1);
    off += 12 + len;
  }
  return next;
}

export class PartitionFetcher {
  private readonly client: KafkaClient;
  private readonly o: FetcherOptions;
  private positions = new Map<string, Position>();
  /** The last set of waiting partitions reported, as an id. */
  private waitingId = '';
  /** Since when each topic has been unknown to the cluster. */
  private unknownSince = new Map<string, number>();
  /** Leaders whose last Fetch was not answered within the request timeout. */
  private silent = new Set<number>();
  /** Positions not known yet: since when they have been asked of their leader (another leader starts the count again). */
  private unresolvedSince = new Map<string, { since: number; leader: number }>();
  /** Each leader's loop, while it has partitions to fetch. */
  private loops = new Map<number, Promise<void>>();
  /** How many leaders share fetch.max.bytes: those with partitions to fetch, as the supervisor last saw them. */
  private sharedBy = 1;
  /** The hand-on of fetched sets, one at a time. */
  private turn: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> | null = null;
  private lastRefresh = 0;
  private stopped = false;
  private failure: { error: unknown } | null = null;
  private sleepers = new Set<() => void>();
  private wakeSupervisor: (() => void) | null = null;

  constructor(client: KafkaClient, options: FetcherOptions) {
    this.client = client;
    this.o = options;
  }

  /** Fetches these partitions too, from these offsets; a loop waiting for work wakes up. */
  assign(assignments: Assigned[]): void {
    for (const { unanswered, ...a } of assignments) {
      const k = `${a.topic}\0${a.partition}`;
      this.positions.set(k, a);
      if (unanswered && a.offset < 0) this.unresolvedSince.set(k, unanswered);
      else this.unresolvedSince.delete(k);
    }
    if (assignments.length) this.wakeSupervisor?.();
  }

  /** Stops fetching these partitions (a fetch in flight for them is ignored). */
  unassign(parts: Array<{ topic: string; partition: number }>): void {
    for (const p of parts) {
      const k = `${p.topic}\0${p.partition}`;
      this.positions.delete(k);
      this.unresolvedSince.delete(k);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const wake of [...this.sleepers]) wake();
  }

  private get requestTimeout(): number {
    return this.client.options.requestTimeout;
  }

  /** Waits `ms`, or less: stop() ends every wait, and the supervisor's also ends when there is work for it. */
  private pause(ms: number, supervisor = false): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        if (this.wakeSupervisor === done) this.wakeSupervisor = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
      if (supervisor) this.wakeSupervisor = done;
    });
  }

  /** One Metadata request at a time, shared by whoever asks while it is out; the supervisor looks at its answer. */
  private refresh(cluster: KafkajsCluster): Promise<void> {
    this.refreshing ??= withDeadline(cluster.refreshMetadata(), this.requestTimeout, 'metadata request timed out')
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = null;
        this.lastRefresh = Date.now();
        this.wakeSupervisor?.();
      });
    return this.refreshing;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.stop();
  }

  /**
   * The leaders with partitions to fetch. Finds the positions not known yet of partitions with a
   * leader, and reports the partitions that cannot be read when that set changes.
   */
  private async leaders(cluster: KafkajsCluster): Promise<Set<number>> {
    const leaders = new Set<number>();
    const unresolved: Position[] = [];
    if (this.o.onTopicGone) this.dropDeletedTopics(cluster);
    for (const p of this.positions.values()) {
      // A topic the cluster does not know at the moment: deleted, or not known yet to this broker.
      if (this.unknownSince.has(p.topic)) continue;
      const leader = knownLeader(cluster, p.topic, p.partition);
      if (leader === NO_LEADER) continue;
      if (p.offset < 0) unresolved.push(p);
      else leaders.add(leader);
    }
    this.reportWaiting(cluster);
    if (unresolved.length && this.o.resolve) {
      const now = Date.now();
      for (const p of unresolved) {
        const k = `${p.topic}\0${p.partition}`;
        const leader = knownLeader(cluster, p.topic, p.partition);
        if (this.unresolvedSince.get(k)?.leader !== leader) this.unresolvedSince.set(k, { since: now, leader });
      }
      const found = await this.o.resolve(unresolved.map(({ topic, partition }) => ({ topic, partition }))).catch((err: Error) => {
        this.o.log?.(`consume: start offsets of ${unresolved.map((p) => `${p.topic}-${p.partition}`).join(', ')} not found yet: ${err.message}`);
        return [];
      });
      for (const f of found) {
        const k = `${f.topic}\0${f.partition}`;
        const p = this.positions.get(k);
        if (!p || p.offset >= 0 || f.offset < 0) continue;
        p.offset = f.offset;
        this.unresolvedSince.delete(k);
        const leader = knownLeader(cluster, p.topic, p.partition);
        if (leader !== NO_LEADER) leaders.add(leader);
      }
      this.reportWaiting(cluster);
    }
    return leaders;
  }

  private dropDeletedTopics(cluster: KafkajsCluster): void {
    const now = Date.now();
    // The assigned topics, without an array of every position at each look.
    const topics = new Set<string>();
    for (const p of this.positions.values()) topics.add(p.topic);
    for (const topic of topics) {
      if (knownWithPartitions(cluster, topic)) {
        this.unknownSince.delete(topic);
        continue;
      }
      const since = this.unknownSince.get(topic) ?? now;
      this.unknownSince.set(topic, since);
      if (now - since < GONE_AFTER_MS) continue;
      for (const [k, p] of this.positions) if (p.topic === topic) this.positions.delete(k);
      this.unknownSince.delete(topic);
      this.o.onTopicGone!(topic);
    }
  }

  /**
   * Reports the partitions that cannot be read when that set changes: no leader; a leader whose
   * last Fetch was not answered in time; a position asked of its leader for a request timeout.
   */
  private reportWaiting(cluster: KafkajsCluster): void {
    // Stopped: what was given up is not "read again".
    if (this.stopped) return;
    const waiting: WaitingPartition[] = [];
    const now = Date.now();
    for (const [k, p] of this.positions) {
      if (this.unknownSince.has(p.topic)) continue;
      const leader = knownLeader(cluster, p.topic, p.partition);
      if (leader === NO_LEADER) waiting.push({ topic: p.topic, partition: p.partition });
      else if (p.offset >= 0 ? this.silent.has(leader) : this.unansweredFor(k, leader, now)) {
        waiting.push({ topic: p.topic, partition: p.partition, leader });
        // Its ListOffsets went unanswered: metadata is asked of the others meanwhile.
        if (p.offset < 0) brokerAnswers(cluster, leader, false);
      }
    }
    const id = orderedWaitingId(waiting);
    if (id === this.waitingId) return;
    this.waitingId = id;
    this.o.onLeaderless?.(waiting);
  }

  /** Whether the position of this partition has been asked of `leader` for a request timeout. */
  private unansweredFor(key: string, leader: number, now: number): boolean {
    const asked = this.unresolvedSince.get(key);
    return asked !== undefined && asked.leader === leader && now - asked.since >= this.requestTimeout;
  }

  /** Whether some assigned partition cannot be read now. */
  get waitingForLeaders(): boolean {
    return this.waitingId !== '';
  }

  /** The partitions `leader` is asked for now: those it leads whose positions are known. */
  private partitionsOf(cluster: KafkajsCluster, leader: number): Position[] {
    const parts: Position[] = [];
    for (const p of this.positions.values()) {
      if (p.offset >= 0 && !this.unknownSince.has(p.topic) && knownLeader(cluster, p.topic, p.partition) === leader) parts.push(p);
    }
    return parts;
  }

  /** One Fetch to `leader` for its partitions; null when it leads none of them now. */
  private fetchFrom(cluster: KafkajsCluster, leader: number): Promise<Answer> | null {
    const parts = this.partitionsOf(cluster, leader);
    if (parts.length === 0) return null;
    // fetch.max.bytes is shared by the leaders fetched from; a broker always answers with at
    // least one batch of the first partition that has one, so a small share cannot stall a read.
    const maxBytes = Math.ceil((this.o.maxBytes ?? DEFAULT_ROUND_BYTES) / this.sharedBy);
    const maxWaitMs = this.o.maxWaitMs ?? 500;
    const asked = new Map<string, number>();
    for (const p of parts) asked.set(`${p.topic}\0${p.partition}`, p.offset);
    return (async (): Promise<Answer> => {
      try {
        const broker: KafkajsBroker = await cluster.findBroker({ nodeId: leader });
        const version = fetchVersion(broker.versions?.[1]?.maxVersion);
        const partitionMaxBytes = Math.min(this.o.partitionMaxBytes ?? DEFAULT_PARTITION_BYTES, maxBytes);
        const req = fetchRequest(version, {
          maxWaitMs,
          minBytes: 1,
          maxBytes,
          readCommitted: this.o.readCommitted,
          partitions: parts.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset, maxBytes: partitionMaxBytes })),
        });
        // The broker answers within fetch.max.wait.ms; past that and the request timeout, it is
        // not answering (a stopped process), whatever its connection's own timer does.
        const limit = maxWaitMs + this.requestTimeout;
        const sent = broker.connectionPool.send({ ...req, requestTimeout: limit + 1000 }) as Promise<{ errorCode: number; partitions: FetchPartitionResult[] }>;
        const res = await withDeadline(sent, limit, `no answer within ${limit} ms`);
        return { results: res.partitions, asked };
      } catch (err) {
        // Stopped: the fetch is dropped (closing the client abandons it), nothing to report.
        if (!this.stopped) this.o.log?.(`consume: fetch from broker ${leader} for ${parts.map((p) => `${p.topic}-${p.partition}`).join(', ')} failed: ${(err as Error).message}; asking for metadata again`);
        const silent = err instanceof DeadlineError || (err as Error).name === 'KafkaJSRequestTimeoutError';
        return { results: [], asked, error: err as Error, silent };
      }
    })();
  }

  private async resetOutOfRange(p: Position): Promise<void> {
    const admin = await this.client.admin();
    const offs = await admin.fetchTopicOffsets(p.topic);
    const o = offs.find((x) => x.partition === p.partition);
    if (!o) return;
    const low = Number(o.low);
    const high = Number(o.high);
    p.offset = p.offset < low ? low : Math.min(p.offset, high);
  }

  /** Runs `fn` when the sets handed on before it are done with. */
  private inTurn(fn: () => Promise<void>): Promise<void> {
    const mine = this.turn.then(fn);
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /**
   * Fetches from one leader until it leads none of the partitions (then the supervisor starts
   * another loop when it leads some again).
   */
  private async leaderLoop(cluster: KafkajsCluster, leader: number, onSet: FetchedSet): Promise<void> {
    const release = kafkajs().releaseResponse;
    let backoff = 100;
    let next = this.fetchFrom(cluster, leader);
    while (!this.stopped && next) {
      const { results, asked, error, silent } = await next;
      next = null;
      if (this.stopped) break;
      if (silent ? !this.silent.has(leader) : this.silent.has(leader)) {
        if (silent) this.silent.add(leader);
        else this.silent.delete(leader);
        if (silent) brokerAnswers(cluster, leader, false);
        this.reportWaiting(cluster);
      }
      // An answer: Metadata may be asked of it again.
      if (!error && unanswering(cluster, leader)) brokerAnswers(cluster, leader, true);
      let refresh = Boolean(error);
      // The partitions that answered records, and those that answered none (most of them in an
      // answer over hundreds of partitions: no object each, they are only told where they are).
      const work: Array<{ p: Position; r: FetchPartitionResult; from: number }> = [];
      const quiet: Position[] = [];
      for (const r of results) {
        const k = `${r.topic}\0${r.partition}`;
        const p = this.positions.get(k);
        // Given up, or moved on since it was asked for (assigned again, or read from a new leader).
        if (!p || p.offset !== asked.get(k)) continue;
        if (r.errorCode === OFFSET_OUT_OF_RANGE) {
          await this.resetOutOfRange(p);
          continue;
        }
        if (LEADER_ERRORS.has(r.errorCode)) {
          this.o.log?.(`consume: fetch of ${r.topic}-${r.partition} from broker ${leader} answered ${kafkajs().createErrorFromCode(r.errorCode).type}: asking for metadata again`);
          refresh = true;
          continue;
        }
        if (r.errorCode === ERRORS.TOPIC_AUTHORIZATION_FAILED.code) throw new KfkError(`not authorized to read topic '${r.topic}'`);
        if (r.errorCode !== 0) throw new KfkError(`fetch from ${r.topic}-${r.partition} failed: error code ${r.errorCode}`);
        if (r.records.length === 0) {
          quiet.push(p);
          continue;
        }
        const from = p.offset;
        p.offset = scanNextOffset(r.records, from);
        work.push({ p, r, from });
      }
      if (refresh) {
        // A fetch that timed out has waited long enough already.
        if (!silent) await this.pause(backoff);
        backoff = Math.min(backoff * 2, 2000);
        if (!this.stopped) await this.refresh(cluster);
      } else backoff = 100;
      // Pipelining: the next fetch goes out before this answer is decoded.
      if (!this.stopped) next = this.fetchFrom(cluster, leader);
      if (work.length || quiet.length) {
        await this.inTurn(async () => {
          for (const { p, r, from } of work) {
            if (this.stopped) return;
            await onSet(r.records, {
              topic: p.topic,
              partition: p.partition,
              fromOffset: from,
              readCommitted: this.o.readCommitted,
              abortedTransactions: r.abortedTransactions,
              verifyCrc: this.o.verifyCrc,
            });
            this.o.onPosition?.(p.topic, p.partition, p.offset);
          }
          for (const p of quiet) {
            if (this.stopped) return;
            this.o.onPosition?.(p.topic, p.partition, p.offset);
          }
        });
      }
      // Every record of this answer has been handed on (each callback has finished with its
      // set): its buffers may be reused for the answers to come.
      if (release) for (const r of results) release(r.records);
    }
  }

  async run(onSet: FetchedSet, signal?: AbortSignal): Promise<void> {
    const abort = () => this.stop();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const cluster = await this.client.cluster();
      const topics = [...new Set([...this.positions.values()].map((p) => p.topic))];
      await cluster.addMultipleTargetTopics(topics);
      // The supervisor: a loop for each leader with partitions to fetch; about once a second,
      // or when metadata or the assignment changed, it looks again.
      while (!this.stopped) {
        const leaders = await this.leaders(cluster);
        this.sharedBy = Math.max(1, new Set([...leaders, ...this.loops.keys()]).size);
        for (const leader of leaders) {
          if (this.stopped || this.loops.has(leader)) continue;
          const loop = this.leaderLoop(cluster, leader, onSet)
            .catch((err: unknown) => this.fail(err))
            .finally(() => {
              this.loops.delete(leader);
              // It leads none of the partitions now: whether it answers is asked again when it does.
              this.silent.delete(leader);
              this.wakeSupervisor?.();
            });
          this.loops.set(leader, loop);
        }
        if (this.stopped) break;
        await this.pause(1000, true);
        // Partitions waiting for a leader, or for their topic: metadata again about once a second.
        if (!this.stopped && (this.waitingForLeaders || this.unknownSince.size > 0) && Date.now() - this.lastRefresh >= 1000) await this.refresh(cluster);
      }
      // A fetch still in flight is dropped (closing the client ends it); a set being handed on is finished.
      await this.turn;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    if (this.failure) throw this.failure.error;
  }
}
