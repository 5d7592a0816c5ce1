// Reads back what really arrived in Kafka, with kafkajs' own consumer path (independent of kfk's
// record decoder), so produce tests check the broker's log, not kfk's view of it.
import { KafkaClient } from '../../src/kafka/wire/client.js';

export interface StoredRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  keyBytes: Buffer | null;
  valueBytes: Buffer | null;
  headers: Record<string, string | null>;
  timestamp: number;
}

export function testClient(bootstrap: string): KafkaClient {
  return new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-test', connectionTimeout: 3000, requestTimeout: 30000 });
}

export async function endOffsets(bootstrap: string, topic: string): Promise<number[]> {
  const client = testClient(bootstrap);
  try {
    const admin = await client.admin();
    const offs = await admin.fetchTopicOffsets(topic);
    return offs.sort((a, b) => a.partition - b.partition).map((o) => Number(o.high));
  } finally {
    await client.close();
  }
}

/** All records of a topic, per partition in offset order. */
export async function readAll(bootstrap: string, topic: string, opts: { readCommitted?: boolean } = {}): Promise<StoredRecord[]> {
  const ends = await endOffsets(bootstrap, topic);
  const total = ends.reduce((a, b) => a + b, 0);
  const client = testClient(bootstrap);
  const consumer = client.kafka.consumer({ groupId: `kfk-test-read-${Date.now()}-${Math.random()}`, readUncommitted: !opts.readCommitted });
  const out: StoredRecord[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      const positions = ends.map(() => 0);
      const check = () => positions.every((p, i) => p >= ends[i]) && resolve();
      check();
      consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            out.push({
              partition: batch.partition,
              offset: Number(m.offset),
              key: m.key ? m.key.toString() : null,
              value: m.value ? m.value.toString() : null,
              keyBytes: m.key ?? null,
              valueBytes: m.value ?? null,
              headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v === undefined || v === null ? null : v.toString()])),
              timestamp: Number(m.timestamp),
            });
          }
          positions[batch.partition] = Math.max(positions[batch.partition], Number(batch.lastOffset()) + 1);
          check();
        },
      });
      // read_committed never reaches the high watermark past an aborted transaction's marker
      setTimeout(resolve, total === 0 ? 0 : 8000);
    });
    await done;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await client.close();
  }
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** Values a read_committed consumer sees, read by Kafka's own console consumer. */
export async function readCommittedValues(bootstrap: string, topic: string): Promise<string[]> {
  const { kafkaTool, TOOLS } = await import('./kafka-tools.js');
  const r = await kafkaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', topic, '--from-beginning', '--isolation-level', 'read_committed', '--timeout-ms', '6000']);
  return r.stdout.split('\n').filter(Boolean);
}
