// Kafka's default partitioner for keyed records: murmur2 of the key bytes, made positive, modulo
// the partition count — the same partition the Java producer chooses for the same key.

import { KfkError } from '../../errors.js';

/** murmur2 of `data[start, end)` (the whole buffer by default): no view is made for a range. */
export function murmur2(data: Uint8Array, start = 0, end = data.length): number {
  const length = end - start;
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const r = 24;
  let h = seed ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = start + i * 4;
    let k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = length & 3;
  const base = start + (length & ~3);
  if (rest === 3) h ^= (data[base + 2] & 0xff) << 16;
  if (rest >= 2) h ^= (data[base + 1] & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[base] & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

export function partitionForKey(key: Uint8Array, numPartitions: number, start = 0, end = key.length): number {
  return (murmur2(key, start, end) & 0x7fffffff) % numPartitions;
}

/** Per topic: its partition count, and the sticky partition for unkeyed records with the bytes sent to it so far. */
export interface TopicPartitioning {
  topic: string;
  partitions: number;
  sticky: number;
  stickyBytes: number;
}

/**
 * Unkeyed records stick to one partition until a batch's worth of bytes has gone to it (or its
 * batch fills), then move to the next partition that has a leader: Kafka's built-in partitioner
 * (KIP-794), round robin instead of weighted random. A partition without a leader is skipped as
 * Kafka's skips an unavailable one; when none has a leader, the plain next one (its records then
 * wait for one, up to delivery.timeout.ms).
 */
export class StickyPartitioner {
  private readonly topics = new Map<string, TopicPartitioning>();
  private last: TopicPartitioning | null = null;

  constructor(
    private readonly hasLeader: (topic: string, partition: number) => boolean,
    private readonly batchBytes: number,
  ) {}

  /** The state of the topic asked for last, when it is `topic` (no closure made per record). */
  current(topic: string): TopicPartitioning | null {
    const last = this.last;
    return last !== null && last.topic === topic ? last : null;
  }

  /** The topic's state; `count` is asked once per topic (0: the topic does not exist). */
  topic(topic: string, count: () => number): TopicPartitioning {
    const last = this.last;
    if (last && last.topic === topic) return last;
    let t = this.topics.get(topic);
    if (t === undefined) {
      const n = count();
      if (!n) throw new KfkError(`topic '${topic}' does not exist`);
      t = { topic, partitions: n, sticky: 0, stickyBytes: 0 };
      t.sticky = this.nextAvailable(t, n - 1);
      this.topics.set(topic, t);
    }
    this.last = t;
    return t;
  }

  /** `bytes` more went to the sticky partition: past a batch's worth, the next one takes over. */
  sent(t: TopicPartitioning, bytes: number): void {
    const total = t.stickyBytes + bytes;
    if (total >= this.batchBytes) this.moveOn(t.topic, t.sticky);
    else t.stickyBytes = total;
  }

  /** The sticky partition moves on from `after` (its batch was closed). */
  moveOn(topic: string, after: number): void {
    const t = this.topics.get(topic);
    if (!t) return;
    t.sticky = this.nextAvailable(t, after);
    t.stickyBytes = 0;
  }

  /** After new metadata: unkeyed records move off a sticky partition that has lost its leader. */
  offLeaderless(): void {
    for (const t of this.topics.values()) {
      if (!this.hasLeader(t.topic, t.sticky)) this.moveOn(t.topic, t.sticky);
    }
  }

  private nextAvailable(t: TopicPartitioning, after: number): number {
    for (let i = 1; i <= t.partitions; i++) {
      const p = (after + i) % t.partitions;
      if (this.hasLeader(t.topic, p)) return p;
    }
    return (after + 1) % t.partitions;
  }
}
