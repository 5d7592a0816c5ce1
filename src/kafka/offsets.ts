// Partition offsets as plain data: ListOffsets sent to each partition's leader, read_uncommitted
// by default (the log end, as kafka-consumer-groups and GetOffsetShell report it).
import type { KafkaClient, KafkajsBroker } from './client.js';
import { brokerError } from './protocol/admin-requests.js';

export const LATEST = -1;
export const EARLIEST = -2;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** -1 when no record is at or after the requested time. */
  offset: number;
}

export const tpKey = (topic: string, partition: number) => `${topic}\0${partition}`;

/** Partition ids of each topic, from the cluster's metadata. */
export async function partitionsOf(client: KafkaClient, topics: string[]): Promise<TopicPartitions[]> {
  const cluster = await client.cluster();
  await cluster.addMultipleTargetTopics(topics);
  return topics.map((topic) => {
    const meta = cluster.findTopicPartitionMetadata(topic) as Array<{ partitionId: number }>;
    if (!meta || meta.length === 0) throw brokerError(3, `Topic '${topic}' does not exist`);
    return { topic, partitions: meta.map((p) => p.partitionId).sort((a, b) => a - b) };
  });
}

/**
 * The offset of each partition at `time`: LATEST, EARLIEST, or epoch milliseconds (the first
 * offset whose timestamp is at or after it). One request per leader.
 */
export async function listOffsets(client: KafkaClient, wanted: TopicPartitions[], time: number, readCommitted = false): Promise<PartitionOffset[]> {
  const cluster = await client.cluster();
  const perLeader = new Map<number, Map<string, number[]>>();
  for (const { topic, partitions } of wanted) {
    const byLeader = cluster.findLeaderForPartitions(topic, partitions) as Record<string, number[]>;
    for (const [leader, ps] of Object.entries(byLeader)) {
      const id = Number(leader);
      if (id < 0) throw brokerError(5, `partition(s) ${ps.join(',')} of topic '${topic}' have no leader`);
      let m = perLeader.get(id);
      if (!m) perLeader.set(id, (m = new Map()));
      m.set(topic, ps);
    }
  }
  const out: PartitionOffset[] = [];
  await Promise.all(
    [...perLeader].map(async ([nodeId, topics]) => {
      const broker: KafkajsBroker = await cluster.findBroker({ nodeId });
      const res = await broker.listOffsets({
        replicaId: -1,
        isolationLevel: readCommitted ? 1 : 0,
        topics: [...topics].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp: time })) })),
      });
      for (const r of res.responses as Array<{ topic: string; partitions: Array<{ partition: number; offset: string; errorCode: number }> }>) {
        for (const p of r.partitions) {
          if (p.errorCode) throw brokerError(p.errorCode, null);
          out.push({ topic: r.topic, partition: p.partition, offset: Number(p.offset) });
        }
      }
    }),
  );
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
