// A real consumer-group member (kafkajs' consumer): joins the group, splits partitions with the
// other members, and commits exactly the offsets of records it handed on, as it goes and on exit.
import type { KafkaClient } from './client.js';

export interface GroupRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 0 | 1;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

export interface GroupConsumerOptions {
  groupId: string;
  topics: Array<string | RegExp>;
  /** Where to start when the group has no committed offset: earliest or latest. */
  fromBeginning: boolean;
  readCommitted: boolean;
  sessionTimeoutMs?: number;
}

/**
 * Runs until `signal` aborts or `onBatch` returns false. Returns after committing the offsets of
 * every record given to `onBatch` (and not of any record after the stop).
 */
export async function runGroupConsumer(
  client: KafkaClient,
  options: GroupConsumerOptions,
  /** Returns how many of the records were taken (a prefix) and whether to go on. */
  onBatch: (records: GroupRecord[]) => Promise<{ taken: number; more: boolean }>,
  signal: AbortSignal,
): Promise<void> {
  const consumer = client.kafka.consumer({
    groupId: options.groupId,
    readUncommitted: !options.readCommitted,
    allowAutoTopicCreation: false,
    sessionTimeout: options.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: 1000,
    maxBytesPerPartition: 4 * 1024 * 1024,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  const positions = new Map<string, { topic: string; partition: number; offset: string }>();
  let stopRequested = false;
  let fatal: unknown;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const stop = () => {
    stopRequested = true;
    resolveDone();
  };
  signal.addEventListener('abort', stop, { once: true });
  consumer.on(consumer.events.CRASH, (e: { payload: { error: unknown; restart: boolean } }) => {
    if (!e.payload.restart) {
      fatal = e.payload.error;
      stop();
    }
  });

  try {
    await consumer.connect();
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: options.fromBeginning });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        if (stopRequested) return;
        const records: GroupRecord[] = [];
        for (const m of batch.messages) {
          records.push({
            topic: batch.topic,
            partition: batch.partition,
            offset: Number(m.offset),
            timestamp: Number(m.timestamp),
            timestampType: 0,
            key: m.key ?? null,
            value: m.value ?? null,
            headers: Object.entries(m.headers ?? {}).flatMap(([k, v]) =>
              Array.isArray(v) ? v.map((x) => [k, x === undefined ? null : Buffer.from(x)] as [string, Buffer | null]) : [[k, v === undefined || v === null ? null : Buffer.from(v)] as [string, Buffer | null]],
            ),
          });
        }
        if (!isRunning() || isStale()) return;
        const { taken, more } = await onBatch(records);
        for (let i = 0; i < taken; i++) {
          resolveOffset(String(records[i].offset));
          positions.set(`${batch.topic}\0${batch.partition}`, { topic: batch.topic, partition: batch.partition, offset: String(records[i].offset + 1) });
        }
        if (!more) {
          stop();
          return;
        }
        await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
    await done;
    // Commit exactly what was handed on, before leaving the group.
    if (positions.size) await consumer.commitOffsets([...positions.values()]).catch(() => undefined);
  } finally {
    signal.removeEventListener('abort', stop);
    // disconnect() stops the run loop and commits the resolved offsets before leaving the group.
    await consumer.disconnect().catch(() => undefined);
  }
  if (fatal) throw fatal;
}
