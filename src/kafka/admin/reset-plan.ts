// A reset of a group's offsets, as kafka-consumer-groups and kafka-share-groups --reset-offsets
// plan it: the partitions named (or every partition the group holds an offset for) and a new
// offset for each, from the log's bounds and the offsets the group has now. A consumer group's
// committed offsets and a share group's start offsets are planned alike; only reading and
// writing them differ (groups.ts, share-groups.ts).
import { KfkError } from '../../errors.js';
import type { KafkaClient } from '../wire/client.js';
import { EARLIEST, LATEST, listOffsets, partitionsOf, tpKey, type PartitionOffset, type TopicPartitions } from './offsets.js';
import { javaHashOrder, javaTopicPartitionHash } from './topics.js';

/** Where the offsets go (a share group has no shift). */
export type ResetTo =
  | { kind: 'earliest' | 'latest' | 'current' }
  | { kind: 'offset'; offset: number }
  | { kind: 'shift'; by: number }
  | { kind: 'time'; at: number }
  /** Each partition's own offset (kafka-share-groups --from-file), by tpKey. */
  | { kind: 'file'; offsets: Map<string, number> };

/** A topic named on the command line, with the partitions named (null: all of them). */
export interface NamedTopic {
  topic: string;
  partitions: number[] | null;
}

/** Each step that asks the cluster goes through this (the command's timeout). */
export type Step = <T>(request: Promise<T>) => Promise<T>;

/**
 * The partitions to reset: those of the topics named, checked against the cluster's metadata,
 * or (held) every partition the group holds an offset for, by topic in the order first held.
 */
export async function resetTargets(client: KafkaClient, step: Step, named: NamedTopic[] | { held: Array<{ topic: string; partition: number }> }): Promise<TopicPartitions[]> {
  if (!Array.isArray(named)) {
    const byTopic = new Map<string, number[]>();
    for (const h of named.held) (byTopic.get(h.topic) ?? byTopic.set(h.topic, []).get(h.topic)!).push(h.partition);
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
  }
  const known = await step(partitionsOf(client, [...new Set(named.map((t) => t.topic))]));
  const parts = new Map(known.map((k) => [k.topic, k.partitions]));
  return named.map((t) => {
    const all = parts.get(t.topic)!;
    const missing = (t.partitions ?? []).filter((p) => !all.includes(p));
    if (missing.length) throw new KfkError(`topic '${t.topic}' has no partition ${missing.join(', ')} (partitions 0-${all.length - 1})`);
    return { topic: t.topic, partitions: t.partitions ?? all };
  });
}

export interface PlanInput {
  targets: TopicPartitions[];
  to: ResetTo;
  /** The group's offset of each partition now, by tpKey (none: the partition has none). */
  current: Map<string, number>;
  /** Told of a partition without a record at or after --to-datetime (its plan is the log end). */
  noRecordAtTime?: (topic: string, partition: number) => void;
}

/**
 * The new offset of each target partition, in the order of the HashMap Kafka's tools print
 * from. An offset is kept within the log; a partition without an offset of the group goes to
 * the log end for --to-current, and cannot be shifted.
 */
export async function resetPlan(client: KafkaClient, step: Step, { targets, to, current, noRecordAtTime }: PlanInput): Promise<PartitionOffset[]> {
  const [earliest, latest] = await step(Promise.all([listOffsets(client, targets, EARLIEST), listOffsets(client, targets, LATEST)]));
  const key = (p: { topic: string; partition: number }) => tpKey(p.topic, p.partition);
  const lo = new Map(earliest.map((e) => [key(e), e.offset]));
  const hi = new Map(latest.map((e) => [key(e), e.offset]));
  const clamp = (k: string, n: number) => Math.min(Math.max(n, lo.get(k)!), hi.get(k)!);
  const atTime = to.kind === 'time' ? new Map((await step(listOffsets(client, targets, to.at))).map((e) => [key(e), e.offset])) : null;

  const plan: PartitionOffset[] = [];
  for (const t of targets) {
    for (const partition of t.partitions) {
      const k = tpKey(t.topic, partition);
      const now = current.get(k);
      let offset: number;
      switch (to.kind) {
        case 'earliest':
          offset = lo.get(k)!;
          break;
        case 'latest':
          offset = hi.get(k)!;
          break;
        case 'offset':
          offset = clamp(k, to.offset);
          break;
        case 'file':
          offset = clamp(k, to.offsets.get(k)!);
          break;
        case 'current':
          offset = now ?? hi.get(k)!;
          break;
        case 'shift':
          if (now === undefined) throw new KfkError(`Cannot shift offset for partition ${t.topic}-${partition} since there is no current committed offset`);
          offset = clamp(k, now + to.by);
          break;
        case 'time': {
          const found = atTime!.get(k)!;
          if (found < 0) noRecordAtTime?.(t.topic, partition);
          offset = found >= 0 ? found : hi.get(k)!;
          break;
        }
      }
      plan.push({ topic: t.topic, partition, offset });
    }
  }
  return javaHashOrder(plan, javaTopicPartitionHash);
}
