// A group-less consumer: partitions are assigned explicitly and fetched from their leaders with
// our own Fetch requests on kafkajs' connections. No consumer group is joined or created.
//
// Each round sends one Fetch per leader for all of its partitions; as soon as a round's
// responses are in, the next round is sent (positions come from the batch headers) and only
// then are the records decoded and handed on, so the broker works while we decode. The
// callback's promise is awaited before the next batch: output backpressure reaches the fetch
// loop, and memory stays bounded (one round in flight, one being decoded).
//
// Per-partition errors: leader moved or unknown -> refresh metadata and go on; offset out of
// range -> the nearest valid offset; a lost connection (a broker restart) -> reconnect with
// backoff and go on from the same positions. A partition without a leader waits, while the
// others are fetched, and metadata is asked for again about once a second until it has one; a
// position not known yet (offset -1, e.g. a reset to the log start) is found once it has one.
import { KfkError } from '../../errors.js';
import { kafkajs } from '../wire/kafkajs.js';
import type { KafkaClient, KafkajsBroker, KafkajsCluster } from '../wire/client.js';
import { fetchRequest, fetchVersion, type FetchPartitionResult } from '../protocol/fetch.js';
import type { DecodeOptions } from '../records/decoder.js';
import { readInt64 } from '../records/encoder.js';
import { NO_LEADER, knownLeader, knownWithPartitions } from '../wire/metadata.js';
import { ERRORS, codes } from '../wire/error-codes.js';

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
   * fetch.max.bytes: at most this much in one round of fetches, shared by all the leaders asked
   * (Kafka bounds each request; kfk bounds the sum, so memory does not grow with the brokers).
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
  /** Called when the set of assigned partitions without a leader changes (sorted; empty: all have one). */
  onLeaderless?: (waiting: Array<{ topic: string; partition: number }>) => void;
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
 * kfk's fetch.max.bytes default: one round of fetches over all leaders (Kafka's is 50 MB per
 * request). Two rounds are held at a time (one decoded while the next is fetched). 4 MB: 2M x
 * 100 B over 12 partitions on 3 brokers peaked at 83 MB RSS against 94 MB with 8 MB, and was no
 * slower (a 3 MB round gave the same peak).
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

/** What a leader that had nothing for us in the last round is asked for at most (it may have some now). */
const IDLE_LEADER_BYTES = 64 * 1024;

interface RoundResult {
  results: FetchPartitionResult[];
  error?: Error;
  /** Leaders that answered without a record, when others answered with some. */
  idle?: Set<number>;
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
  private leaderless = '';
  /** Since when each topic has been unknown to the cluster. */
  private unknownSince = new Map<string, number>();
  private lastRefresh = 0;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(client: KafkaClient, options: FetcherOptions) {
    this.client = client;
    this.o = options;
  }

  /** Fetches these partitions too, from these offsets; a loop waiting for work wakes up. */
  assign(assignments: Position[]): void {
    for (const a of assignments) this.positions.set(`${a.topic}\0${a.partition}`, { ...a });
    if (assignments.length) this.wake?.();
  }

  /** Stops fetching these partitions (a fetch in flight for them is ignored). */
  unassign(parts: Array<{ topic: string; partition: number }>): void {
    for (const p of parts) this.positions.delete(`${p.topic}\0${p.partition}`);
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** The partitions to fetch, by leader; those without a leader are reported when that set changes. */
  private async leaders(cluster: KafkajsCluster): Promise<Map<number, Position[]>> {
    const byLeader = new Map<number, Position[]>();
    const waiting: Position[] = [];
    const unresolved: Position[] = [];
    if (this.o.onTopicGone) this.dropDeletedTopics(cluster);
    for (const p of this.positions.values()) {
      // A topic the cluster does not know at the moment: deleted, or not known yet to this broker.
      if (this.unknownSince.has(p.topic)) continue;
      const leader = knownLeader(cluster, p.topic, p.partition);
      if (leader === NO_LEADER) waiting.push(p);
      else if (p.offset < 0) unresolved.push(p);
      else {
        const list = byLeader.get(leader);
        if (list) list.push(p);
        else byLeader.set(leader, [p]);
      }
    }
    this.reportLeaderless(waiting);
    if (unresolved.length && this.o.resolve) {
      const found = await this.o.resolve(unresolved.map(({ topic, partition }) => ({ topic, partition }))).catch((err: Error) => {
        this.o.log?.(`consume: start offsets of ${unresolved.map((p) => `${p.topic}-${p.partition}`).join(', ')} not found yet: ${err.message}`);
        return [];
      });
      for (const f of found) {
        const p = this.positions.get(`${f.topic}\0${f.partition}`);
        if (!p || p.offset >= 0 || f.offset < 0) continue;
        p.offset = f.offset;
        const leader = knownLeader(cluster, p.topic, p.partition);
        if (leader === NO_LEADER) continue;
        const list = byLeader.get(leader);
        if (list) list.push(p);
        else byLeader.set(leader, [p]);
      }
    }
    return byLeader;
  }

  private dropDeletedTopics(cluster: KafkajsCluster): void {
    const now = Date.now();
    // The assigned topics, without an array of every position at each round.
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

  private reportLeaderless(waiting: Position[]): void {
    const sorted = waiting.map(({ topic, partition }) => ({ topic, partition })).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    const id = sorted.map((p) => `${p.topic}-${p.partition}`).join(',');
    if (id === this.leaderless) return;
    this.leaderless = id;
    this.o.onLeaderless?.(sorted);
  }

  /** Whether some assigned partition waits for a leader. */
  get waitingForLeaders(): boolean {
    return this.leaderless !== '';
  }

  private async fetchFrom(cluster: KafkajsCluster, leader: number, parts: Position[], maxBytes: number, maxWaitMs: number): Promise<RoundResult> {
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
      const res = (await broker.connectionPool.send({ ...req, requestTimeout: (this.o.maxWaitMs ?? 500) + 30_000 })) as { errorCode: number; partitions: FetchPartitionResult[] };
      return { results: res.partitions };
    } catch (err) {
      // Stopped: the round is dropped (closing the client abandons it), nothing to report.
      if (!this.stopped) this.o.log?.(`consume: fetch from broker ${leader} for ${parts.map((p) => `${p.topic}-${p.partition}`).join(', ')} failed: ${(err as Error).message}; asking for metadata again`);
      return { results: [], error: err as Error };
    }
  }

  /**
   * One Fetch per leader, answered together. A leader that had no record for us in the last round
   * while another had some is asked not to wait (fetch.max.wait.ms 0): the round waits for its
   * slowest answer, and a leader whose partitions are all read to their end would otherwise hold
   * every round for fetch.max.wait.ms while the others still have records (2M records read over
   * 3 brokers took 14 s instead of 1.4 s when the partitions were of unequal sizes). When no
   * leader had a record, each waits as usual: nothing loops.
   */
  private async round(cluster: KafkajsCluster, idle?: Set<number>): Promise<RoundResult> {
    const byLeader = await this.leaders(cluster);
    if (byLeader.size === 0) return { results: [], error: new Error(this.positions.size ? 'no partition has a leader' : 'no partition assigned') };
    const wait = this.o.maxWaitMs ?? 500;
    const leaders = [...byLeader];
    // The round's bytes are shared among the leaders that had records for us (all of them when
    // none had), an idle one asked for a small share; a broker always answers with at least one
    // batch of the first partition that has one, so a small share cannot stall the read.
    const busy = leaders.filter(([leader]) => !idle?.has(leader)).length || leaders.length;
    const share = Math.ceil((this.o.maxBytes ?? DEFAULT_ROUND_BYTES) / busy);
    const idleShare = Math.min(share, IDLE_LEADER_BYTES);
    const rounds = await Promise.all(
      leaders.map(([leader, parts]) => {
        const idleLeader = idle?.has(leader) ?? false;
        return this.fetchFrom(cluster, leader, parts, idleLeader ? idleShare : share, idleLeader ? 0 : wait);
      }),
    );
    const hasRecords = rounds.map((r) => r.results.some((p) => p.records.length > 0));
    const idleLeaders = hasRecords.includes(true) ? new Set(leaders.filter((_, i) => !hasRecords[i]).map(([leader]) => leader)) : undefined;
    return { results: rounds.flatMap((r) => r.results), error: rounds.find((r) => r.error)?.error, idle: idleLeaders };
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

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }

  async run(onSet: FetchedSet, signal?: AbortSignal): Promise<void> {
    const abort = () => this.stop();
    signal?.addEventListener('abort', abort, { once: true });
    const cluster = await this.client.cluster();
    const release = kafkajs().releaseResponse;
    const topics = [...new Set([...this.positions.values()].map((p) => p.topic))];
    await cluster.addMultipleTargetTopics(topics);
    let backoff = 100;
    try {
      let next: Promise<RoundResult> | null = this.round(cluster);
      while (!this.stopped && next) {
        const { results, error, idle } = await next;
        next = null;
        if (this.stopped) break;
        let refresh = Boolean(error);
        // The partitions that answered records, and those that answered none (most of them in a
        // round over hundreds of partitions: no object each, they are only told where they are).
        const work: Array<{ p: Position; r: FetchPartitionResult; from: number }> = [];
        const quiet: Position[] = [];
        for (const r of results) {
          const p = this.positions.get(`${r.topic}\0${r.partition}`);
          if (!p) continue;
          if (r.errorCode === OFFSET_OUT_OF_RANGE) {
            await this.resetOutOfRange(p);
            continue;
          }
          if (LEADER_ERRORS.has(r.errorCode)) {
            this.o.log?.(`consume: fetch of ${r.topic}-${r.partition} from broker ${knownLeader(cluster, r.topic, r.partition)} answered ${kafkajs().createErrorFromCode(r.errorCode).type}: asking for metadata again`);
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
          await this.sleep(backoff);
          backoff = Math.min(backoff * 2, 2000);
          await cluster.refreshMetadata().catch(() => undefined);
          this.lastRefresh = Date.now();
        } else if (error === undefined) {
          backoff = 100;
          // Partitions waiting for a leader: ask again about once a second, the others go on.
          if (this.waitingForLeaders && Date.now() - this.lastRefresh >= 1000) {
            this.lastRefresh = Date.now();
            await cluster.refreshMetadata().catch(() => undefined);
          }
        }
        // Pipelining: the next round goes out before this one is decoded.
        if (!this.stopped) next = this.round(cluster, idle);
        for (const { p, r, from } of work) {
          if (this.stopped) break;
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
          if (this.stopped) break;
          this.o.onPosition?.(p.topic, p.partition, p.offset);
        }
        // Every record of this round has been handed on (each callback has finished with its
        // set): the response buffers may be reused for the rounds to come.
        if (release) for (const r of results) release(r.records);
      }
      // A round still in flight is dropped: closing the client ends it.
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }
}
