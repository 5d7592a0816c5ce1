// Consuming without a consumer group: partitions are assigned explicitly and fetched from their
// leaders, so no group is joined, created or left behind (Kafka's console consumer makes a
// `console-consumer-<random>` group for this).
import { KfkError } from '../errors.js';
import type { KafkaClient } from './client.js';
import { visitRecordSet, type RecordVisitor } from './records/decoder.js';
import { EARLIEST, LATEST, listOffsets } from './offsets.js';

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
}

interface Assignment {
  topic: string;
  partition: number;
  offset: number;
  /** exclusive end for -e */
  end?: number;
}

/** Broker answers that mean "ask again shortly": a leader election or a stale leader. */
const TRANSIENT = new Set(['LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER', 'REQUEST_TIMED_OUT', 'KAFKA_STORAGE_ERROR']);

/**
 * Where each partition starts (and, with -e, ends). A partition whose leader is being elected
 * (a broker just went away) is asked again for up to ~15 s instead of failing the command.
 */
export async function resolveAssignments(client: KafkaClient, o: Omit<DirectOptions, 'onRecord' | 'afterSet' | 'signal'>): Promise<Assignment[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await resolveOnce(client, o);
    } catch (err) {
      const type = (err as { type?: string }).type ?? '';
      if (!TRANSIENT.has(type) || attempt >= 30) throw err;
      await new Promise((r) => setTimeout(r, 500));
      const cluster = await client.cluster();
      await cluster.refreshMetadata().catch(() => undefined);
    }
  }
}

async function resolveOnce(client: KafkaClient, o: Omit<DirectOptions, 'onRecord' | 'afterSet' | 'signal'>): Promise<Assignment[]> {
  const admin = await client.admin();
  let topics: string[];
  if (o.topic !== undefined) topics = [o.topic];
  else {
    const all = await admin.listTopics();
    topics = all.filter((t) => o.include!(t) && !t.startsWith('__')).sort();
    if (topics.length === 0) throw new KfkError('no topic matches --include');
  }
  const meta = await admin.fetchTopicMetadata({ topics }).catch((err: { type?: string }) => {
    if (err.type === 'UNKNOWN_TOPIC_OR_PARTITION') throw new KfkError(`topic '${o.topic}' does not exist`);
    throw err;
  });
  const out: Assignment[] = [];
  for (const t of meta.topics) {
    const ids = t.partitions.map((p) => p.partitionId).sort((a, b) => a - b);
    if (o.partition !== undefined && !ids.includes(o.partition)) {
      throw new KfkError(`partition ${o.partition} does not exist: topic '${t.name}' has ${ids.length} partition(s)`);
    }
    const wanted = o.partition !== undefined ? [o.partition] : ids;
    // The end is the high watermark under read_uncommitted and the last stable offset under
    // read_committed (records of an open transaction lie between them), as Kafka's consumer sees it.
    const tps = [{ topic: t.name, partitions: wanted }];
    const [lows, highs] = await Promise.all([listOffsets(client, tps, EARLIEST, o.readCommitted), listOffsets(client, tps, LATEST, o.readCommitted)]);
    const bounds = new Map(lows.map((x, i) => [x.partition, { low: x.offset, high: highs[i].offset }]));
    let byTime: Map<number, number> | undefined;
    if (o.start.kind === 'time') {
      const found = await listOffsets(client, tps, o.start.timestamp, o.readCommitted);
      byTime = new Map(found.map((x) => [x.partition, x.offset]));
    }
    for (const p of wanted) {
      const { low, high } = bounds.get(p)!;
      let offset: number;
      switch (o.start.kind) {
        case 'earliest':
          offset = low;
          break;
        case 'latest':
          offset = high;
          break;
        case 'offset':
          if (o.start.offset < low || o.start.offset > high) {
            throw new KfkError(`offset ${o.start.offset} is out of range for ${t.name}-${p}: valid offsets are ${low} to ${high}`);
          }
          offset = o.start.offset;
          break;
        case 'last':
          offset = Math.max(low, high - o.start.count);
          break;
        case 'time': {
          const at = byTime!.get(p);
          offset = at === undefined || at < 0 ? high : at;
          break;
        }
      }
      out.push({ topic: t.name, partition: p, offset, end: o.exitAtEnd ? high : undefined });
    }
  }
  return out;
}

export async function runDirectConsumer(client: KafkaClient, o: DirectOptions): Promise<void> {
  const assignments = await resolveAssignments(client, o);
  const key = (t: string, p: number) => `${t}\0${p}`;
  const open = new Map<string, Assignment>();
  for (const a of assignments) if (a.end === undefined || a.offset < a.end) open.set(key(a.topic, a.partition), a);
  if (open.size === 0) return;

  const { PartitionFetcher } = await import('./fetcher.js');
  const fetcher = new PartitionFetcher(client, {
    readCommitted: o.readCommitted,
    verifyCrc: o.checkCrcs,
    // -e: a partition whose position passed its end (transaction markers count) is done.
    onPosition: (topic, partition, next) => {
      const a = open.get(key(topic, partition));
      if (a?.end !== undefined && next >= a.end) open.delete(key(topic, partition));
      if (open.size === 0) fetcher.stop();
    },
  });
  fetcher.assign([...open.values()].map((a) => ({ topic: a.topic, partition: a.partition, offset: a.offset })));
  const stop = () => fetcher.stop();
  o.signal.addEventListener('abort', stop, { once: true });
  try {
    await fetcher.run(async (set, decode) => {
      const k = key(decode.topic, decode.partition);
      const a = open.get(k);
      if (!a) return;
      const filtered = o.exitAtEnd || o.stopAt !== undefined;
      await visitRecordSet(set, decode, (v) => {
        if (filtered) {
          if (!open.has(k)) return false;
          if (a.end !== undefined && v.offset >= a.end) {
            open.delete(k);
            return false;
          }
          if (o.stopAt !== undefined && v.timestamp > o.stopAt) {
            open.delete(k);
            return false;
          }
          if (a.end !== undefined && v.offset + 1 >= a.end) open.delete(k);
        }
        return o.onRecord(v);
      });
      await o.afterSet();
      if (open.size === 0) fetcher.stop();
    }, o.signal);
  } finally {
    o.signal.removeEventListener('abort', stop);
  }
}
