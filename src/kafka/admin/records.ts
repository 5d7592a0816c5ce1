// Deleting records: each partition's log start offset moved forward (DeleteRecords to its
// leader), as kafka-delete-records does. A partition's failure is data, not an exception.
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { NO_LEADER, knownLeader, knownTopic, readMetadata } from '../wire/metadata.js';
import { deleteRecords as deleteRecordsRequest, type DeleteRecordsPartition } from '../protocol/runbook-requests.js';

/** -1: up to the high watermark (Kafka's RecordsToDelete convention). */
export interface RecordsToDelete {
  topic: string;
  partition: number;
  offset: number;
}

export interface DeletedRecords {
  topic: string;
  partition: number;
  /** The new log start offset; null when the partition failed. */
  lowWatermark: number | null;
  /** 0 or the broker's error code (UNKNOWN_TOPIC_OR_PARTITION for a partition that does not exist). */
  errorCode: number;
  /** The error's name (OFFSET_OUT_OF_RANGE, ...), null without error. */
  error: string | null;
}

const UNKNOWN_TOPIC_OR_PARTITION = 3;
const LEADER_NOT_AVAILABLE = 5;
const errorName = (code: number): string | null => (code ? (kafkajs().createErrorFromCode(code).type as string) : null);

export async function deleteRecords(client: KafkaClient, wanted: RecordsToDelete[], timeoutMs = 30_000): Promise<DeletedRecords[]> {
  const cluster = await client.cluster();
  await readMetadata(cluster, [...new Set(wanted.map((w) => w.topic))]);
  const out: DeletedRecords[] = [];
  const fail = (w: { topic: string; partition: number }, code: number) => out.push({ topic: w.topic, partition: w.partition, lowWatermark: null, errorCode: code, error: errorName(code) });
  const perLeader = new Map<number, RecordsToDelete[]>();
  for (const w of wanted) {
    const t = knownTopic(cluster, w.topic);
    if (!t || t.errorCode || !t.partitions.some((p) => p.partition === w.partition)) {
      fail(w, t?.errorCode || UNKNOWN_TOPIC_OR_PARTITION);
      continue;
    }
    const leader = knownLeader(cluster, w.topic, w.partition);
    if (leader === NO_LEADER) {
      fail(w, LEADER_NOT_AVAILABLE);
      continue;
    }
    (perLeader.get(leader) ?? perLeader.set(leader, []).get(leader)!).push(w);
  }
  await Promise.all(
    [...perLeader].map(async ([nodeId, ws]) => {
      const broker: KafkajsBroker = await cluster.findBroker({ nodeId });
      const res = (await broker.connectionPool.send({ ...deleteRecordsRequest(ws, timeoutMs), requestTimeout: timeoutMs + 5000 })) as DeleteRecordsPartition[];
      for (const r of res) {
        if (r.errorCode) fail(r, r.errorCode);
        else out.push({ topic: r.topic, partition: r.partition, lowWatermark: r.lowWatermark, errorCode: 0, error: null });
      }
    }),
  );
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
