// The order in which Kafka's Java tools print a java.util.HashSet of partitions (kafka-leader-election's
// lists, say): by hash bucket of the set's final table. Reproduced so that the drop-ins print
// the same line. (Ties within a bucket follow the order the set was filled in, which comes from
// the broker's answer; kfk puts them in topic, partition order.)

/** java.lang.String#hashCode over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** org.apache.kafka.common.TopicPartition#hashCode. */
export function topicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, 31 + partition) + javaStringHash(topic)) | 0;
}

/**
 * The iteration order of a HashSet (default capacity 16, load factor 0.75) of these partitions;
 * `copyOf`: the set is `new HashSet<>(c)` of a collection of that many, with items removed since
 * (then ties keep the order of `items`: the order they were added in).
 */
export function hashSetOrder<T extends { topic: string; partition: number }>(items: T[], copyOf?: number): T[] {
  let capacity = copyOf === undefined ? 16 : tableSizeFor(Math.max(Math.floor(copyOf / 0.75) + 1, 16));
  while (items.length > capacity * 0.75) capacity *= 2;
  const bucket = (t: T) => {
    const h = topicPartitionHash(t.topic, t.partition);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  const tie = (a: T, b: T) => (copyOf !== undefined ? 0 : a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition);
  return [...items].sort((a, b) => bucket(a) - bucket(b) || tie(a, b));
}

/** The iteration order of a default HashSet of these items (Collectors.toSet()); ties in the order given. */
export function defaultHashSetOrder<T>(items: T[], hash: (item: T) => number): T[] {
  let capacity = 16;
  while (items.length > capacity * 0.75) capacity *= 2;
  const bucket = (h: number) => (h ^ (h >>> 16)) & (capacity - 1);
  return items.map((item, i) => ({ item, i, b: bucket(hash(item)) })).sort((a, b) => a.b - b.b || a.i - b.i).map((x) => x.item);
}

/** HashMap#tableSizeFor: the power of two at or above n (at least 1). */
function tableSizeFor(n: number): number {
  let c = 1;
  while (c < n) c *= 2;
  return c;
}

/**
 * The iteration order of a `new HashMap<>(n)` filled with these items (n = their number): by
 * bucket of the final table; ties in the order given.
 */
export function sizedHashMapOrder<T>(items: T[], hash: (item: T) => number): T[] {
  let capacity = tableSizeFor(items.length);
  while (items.length > capacity * 0.75) capacity *= 2;
  const bucket = (h: number) => (h ^ (h >>> 16)) & (capacity - 1);
  return items.map((item, i) => ({ item, i, b: bucket(hash(item)) })).sort((a, b) => a.b - b.b || a.i - b.i).map((x) => x.item);
}

/**
 * The iteration order of `new HashMap<>(map)`, a copy of a map whose iteration order `items`
 * gives: Java 17's copy sizes its table for n / 0.75 + 1 entries (Java 19 and later size it
 * for n / 0.75, which can differ).
 */
export function copiedHashMapOrder<T>(items: T[], hash: (item: T) => number): T[] {
  const capacity = tableSizeFor(Math.floor(items.length / 0.75 + 1));
  const bucket = (h: number) => (h ^ (h >>> 16)) & (capacity - 1);
  return items.map((item, i) => ({ item, i, b: bucket(hash(item)) })).sort((a, b) => a.b - b.b || a.i - b.i).map((x) => x.item);
}

/** Double#toString: 1024.0, 0.5, 2.0E7, 1.0E-4. */
export function javaDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) {
    const [m, e] = v.toExponential().split('e');
    return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
  }
  const s = String(v);
  return s.includes('.') ? s : `${s}.0`;
}
