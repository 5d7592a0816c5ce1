// Consuming without a consumer group: partitions are assigned explicitly and fetched from their
// leaders, so no group is joined, created or left behind (Kafka's console consumer makes a
// `console-consumer-<random>` group for this).
import { KfkError } from '../../errors.js';
import type { KafkaClient } from '../wire/client.js';
import { visitRecordSet, type RecordVisitor } from '../records/decoder.js';
import { EARLIEST, LATEST, listOffsetsOf, tpKey, type TopicPartitions } from '../admin/offsets.js';
import { TOPIC_AUTHORIZATION_FAILED, knownTopic, readMetadata } from '../wire/metadata.js';
import type { FetcherOptions, FetchSizes } from './fetcher.js';
import { unreachedText, type WaitingPartition } from './waiting.js';

/** Where each partition starts when no group offset applies. */
export type StartSpec =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: number }
  | { kind: 'last'; count: number }
  | { kind: 'time'; timestamp: number };

export interface DirectOptions {
  topic?: string;
  include?: (name: string) => boolean;
  partition?: number;
  start: StartSpec;
  /** --to: a partition is done at its first record past this time. */
  stopAt?: number;
  /** -e: each partition is done at its end offset as of start. */
  exitAtEnd: boolean;
  readCommitted: boolean;
  /** fetch.max.bytes, max.partition.fetch.bytes. */
  fetchSizes?: FetchSizes;
  /** check.crcs: verify each batch's CRC-32C (on by default, as in Kafka's consumer). */
  checkCrcs: boolean;
  /**
   * Each record, as a view valid only during the call (records/decoder.ts RecordView); false
   * stops the rest of the fetched set. After each fetched set, `afterSet` is awaited: output
   * backpressure reaches the fetch loop there.
   */
  onRecord: RecordVisitor;
  afterSet: () => Promise<void>;
  signal: AbortSignal;
  /** Called when the set of partitions that cannot be read (no leader, or a leader that does not answer) changes (empty: all are read). */
  onLeaderless?: FetcherOptions['onLeaderless'];
  /** Called for a topic deleted while it was read, while other topics are still read. */
  onTopicGone?: (topic: string) => void;
  /** --verbose lines. */
  log?: (line: string) => void;
}

interface Assignment {
  topic: string;
  partition: number;
  offset: number;
  /** exclusive end for -e */
  end?: number;
  /** No longer read: its end reached, its topic deleted, or no leader in time. */
  closed: boolean;
  /** Offset -1 because its leader did not answer: which leader, and since when it was asked. */
  unanswered?: { leader: number; since: number };
}

/**
 * Where each partition starts (and, with -e, ends), for the partitions whose leaders answer now;
 * the others come back with offset -1 (found later, once they have a leader).
 */
export async function resolveAssignments(client: KafkaClient, o: Omit<DirectOptions, 'onRecord' | 'afterSet' | 'signal'>): Promise<Assignment[]> {
  const cluster = await client.cluster();
  let topics: string[];
  if (o.topic !== undefined) topics = [o.topic];
  else {
    const admin = await client.admin();
    const all = await admin.listTopics();
    topics = all.filter((t) => o.include!(t) && !t.startsWith('__')).sort();
    if (topics.length === 0) throw new KfkError('no topic matches --include');
  }
  if (!(await client.followFromConnect(topics))) await readMetadata(cluster, topics);
  const wanted: TopicPartitions[] = [];
  for (const name of topics) {
    const t = knownTopic(cluster, name);
    if (t?.errorCode === TOPIC_AUTHORIZATION_FAILED) throw new KfkError(`Not authorized to access topics: [${name}]`);
    if (!t || t.partitions.length === 0) {
      // A topic deleted between the listing and now is no longer wanted; a named one is an error.
      if (o.topic !== undefined) throw new KfkError(`topic '${name}' does not exist`);
      continue;
    }
    const ids = t.partitions.map((p) => p.partition);
    if (o.partition !== undefined && !ids.includes(o.partition)) {
      throw new KfkError(`partition ${o.partition} does not exist: topic '${name}' has ${ids.length} partition(s)`);
    }
    wanted.push({ topic: name, partitions: o.partition !== undefined ? [o.partition] : ids });
  }
  const found = await startsAndEnds(client, o, wanted);
  return wanted.flatMap(({ topic, partitions }) => partitions.map((partition) => found.get(tpKey(topic, partition)) ?? { topic, partition, offset: -1, end: undefined, closed: false }));
}

/**
 * Start (and -e end) offsets of the partitions whose leaders answer; the others are left out.
 * From the beginning without -e: offset 0 for every partition, without asking.
 */
async function startsAndEnds(client: KafkaClient, o: Omit<DirectOptions, 'onRecord' | 'afterSet' | 'signal'>, wanted: TopicPartitions[]): Promise<Map<string, Assignment>> {
  if (o.start.kind === 'earliest' && !o.exitAtEnd) {
    // From the beginning, with no end to stop at: the first Fetch asks for offset 0, without a
    // ListOffsets round trip before it. A log whose start has moved on (retention, delete-records)
    // answers OFFSET_OUT_OF_RANGE, and the fetcher moves to its start, as for a position that
    // retention passes while it is read.
    const out = new Map<string, Assignment>();
    for (const { topic, partitions } of wanted) for (const p of partitions) out.set(tpKey(topic, p), { topic, partition: p, offset: 0, end: undefined, closed: false });
    return out;
  }
  // The end is the high watermark under read_uncommitted and the last stable offset under
  // read_committed (records of an open transaction lie between them), as Kafka's consumer sees it.
  const askedAt = Date.now();
  const [lows, highs, byTime] = await Promise.all([
    listOffsetsOf(client, wanted, EARLIEST, o.readCommitted),
    listOffsetsOf(client, wanted, LATEST, o.readCommitted),
    o.start.kind === 'time' ? listOffsetsOf(client, wanted, o.start.timestamp, o.readCommitted) : null,
  ]);
  const low = new Map(lows.offsets.map((x) => [tpKey(x.topic, x.partition), x.offset]));
  const high = new Map(highs.offsets.map((x) => [tpKey(x.topic, x.partition), x.offset]));
  const at = new Map((byTime?.offsets ?? []).map((x) => [tpKey(x.topic, x.partition), x.offset]));
  const unread = new Set((byTime?.unread ?? []).map((x) => tpKey(x.topic, x.partition)));
  // Partitions whose leader did not answer: the fetcher asks again, and names them once it has
  // been asked for a request timeout since now (not since it asks again).
  const silent = new Map<string, number>();
  for (const u of [...lows.unread, ...highs.unread, ...(byTime?.unread ?? [])]) {
    const m = /^broker (\d+) did not answer$/.exec(u.error);
    if (m) silent.set(tpKey(u.topic, u.partition), Number(m[1]));
  }
  const out = new Map<string, Assignment>();
  for (const { topic, partitions } of wanted) {
    for (const p of partitions) {
      const k = tpKey(topic, p);
      const lo = low.get(k);
      const hi = high.get(k);
      if (silent.has(k)) {
        out.set(k, { topic, partition: p, offset: -1, end: undefined, closed: false, unanswered: { leader: silent.get(k)!, since: askedAt } });
        continue;
      }
      if (lo === undefined || hi === undefined || unread.has(k)) continue;
      let offset: number;
      switch (o.start.kind) {
        case 'earliest':
          offset = lo;
          break;
        case 'latest':
          offset = hi;
          break;
        case 'offset':
          if (o.start.offset < lo || o.start.offset > hi) {
            throw new KfkError(`offset ${o.start.offset} is out of range for ${topic}-${p}: valid offsets are ${lo} to ${hi}`);
          }
          offset = o.start.offset;
          break;
        case 'last':
          offset = Math.max(lo, hi - o.start.count);
          break;
        case 'time': {
          const t = at.get(k);
          offset = t === undefined || t < 0 ? hi : t;
          break;
        }
      }
      out.set(k, { topic, partition: p, offset, end: o.exitAtEnd ? hi : undefined, closed: false });
    }
  }
  return out;
}

export async function runDirectConsumer(client: KafkaClient, o: DirectOptions): Promise<void> {
  const assignments = await resolveAssignments(client, o);
  const key = tpKey;
  const open = new Map<string, Assignment>();
  /** Takes a partition out of what is read; its flag is what each record checks (not the map: a lookup per record costs 4% of a run). */
  const drop = (k: string) => {
    const a = open.get(k);
    if (a) a.closed = true;
    open.delete(k);
  };
  // Offset -1: not known yet (no leader); with -e its end is not known either.
  for (const a of assignments) if (a.offset < 0 || a.end === undefined || a.offset < a.end) open.set(key(a.topic, a.partition), a);
  if (open.size === 0) return;

  // -e and partitions without a leader: once they are all that is left to read, they are waited
  // for up to the command's timeout, then named in the error.
  let waiting = new Map<string, WaitingPartition>();
  const unreached: WaitingPartition[] = [];
  const gone: string[] = [];
  let deadline: NodeJS.Timeout | null = null;
  const waitMs = client.options.requestTimeout;
  const checkDeadline = () => {
    const onlyWaiting = o.exitAtEnd && waiting.size > 0 && [...open.keys()].every((k) => waiting.has(k));
    if (onlyWaiting && !deadline) {
      deadline = setTimeout(() => {
        for (const [k, w] of waiting) {
          const a = open.get(k);
          if (!a) continue;
          drop(k);
          unreached.push(w);
          fetcher.unassign([a]);
        }
        if (open.size === 0) fetcher.stop();
      }, waitMs);
    } else if (!onlyWaiting && deadline) {
      clearTimeout(deadline);
      deadline = null;
    }
  };

  const { PartitionFetcher } = await import('./fetcher.js');
  const fetcher = new PartitionFetcher(client, {
    readCommitted: o.readCommitted,
    ...o.fetchSizes,
    verifyCrc: o.checkCrcs,
    // -e: a partition whose position passed its end (transaction markers count) is done.
    onPosition: (topic, partition, next) => {
      const a = open.get(key(topic, partition));
      if (a?.end !== undefined && next >= a.end) drop(key(topic, partition));
      if (open.size === 0) fetcher.stop();
      else checkDeadline();
    },
    resolve: async (parts) => {
      const found = await startsAndEnds(client, o, parts.map((p) => ({ topic: p.topic, partitions: [p.partition] })));
      for (const f of found.values()) {
        const k = key(f.topic, f.partition);
        const a = open.get(k);
        if (!a || f.offset < 0) continue;
        a.offset = f.offset;
        a.end = f.end;
        if (a.end !== undefined && a.offset >= a.end) {
          drop(k);
          fetcher.unassign([a]);
        }
      }
      if (open.size === 0) fetcher.stop();
      return [...found.values()].filter((f) => f.offset >= 0 && open.has(key(f.topic, f.partition)));
    },
    onTopicGone: (topic) => {
      for (const [k, a] of open) if (a.topic === topic) drop(k);
      gone.push(topic);
      if (open.size === 0) fetcher.stop();
      else o.onTopicGone?.(topic);
    },
    onLeaderless: (parts) => {
      waiting = new Map(parts.map((p) => [key(p.topic, p.partition), p]));
      o.onLeaderless?.(parts);
      checkDeadline();
    },
    log: o.log,
  });
  fetcher.assign([...open.values()].map((a) => ({ topic: a.topic, partition: a.partition, offset: a.offset, unanswered: a.unanswered })));
  const stop = () => fetcher.stop();
  o.signal.addEventListener('abort', stop, { once: true });
  try {
    await fetcher.run(async (set, decode) => {
      const k = key(decode.topic, decode.partition);
      const a = open.get(k);
      if (!a) return;
      const filtered = o.exitAtEnd || o.stopAt !== undefined;
      const end = a.end ?? Infinity;
      const stopAt = o.stopAt ?? Infinity;
      await visitRecordSet(set, decode, (v) => {
        if (filtered) {
          if (a.closed) return false;
          if (v.offset >= end || v.timestamp > stopAt) {
            drop(k);
            return false;
          }
          if (v.offset + 1 >= end) drop(k);
        }
        return o.onRecord(v);
      });
      await o.afterSet();
      if (open.size === 0) fetcher.stop();
    }, o.signal);
  } finally {
    o.signal.removeEventListener('abort', stop);
    if (deadline) clearTimeout(deadline);
  }
  if (gone.length && open.size === 0) throw new KfkError(`topic '${gone.join(', ')}' was deleted while it was read`);
  if (unreached.length) {
    throw new KfkError(unreachedText(unreached, waitMs));
  }
}
