// Requests of the runbook commands that kafkajs lacks. Each is a request/response object for
// kafkajs' Connection.send, encoded with kafkajs' Encoder/Decoder, as in admin-requests.ts.
//
//   DeleteRecords v1 (key 21): move partitions' log start offsets forward
import { kafkajs } from '../kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';

type Dec = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const { Encoder } = kafkajs();
const { Decoder } = kafkajs();

// ---- DeleteRecords v1 (to each partition's leader) ----

export interface DeleteRecordsPartition {
  topic: string;
  partition: number;
  lowWatermark: number;
  errorCode: number;
}

export function deleteRecords(wanted: Array<{ topic: string; partition: number; offset: number }>, timeoutMs: number): ProtocolRequest {
  const byTopic = new Map<string, Array<{ partition: number; offset: number }>>();
  for (const w of wanted) (byTopic.get(w.topic) ?? byTopic.set(w.topic, []).get(w.topic)!).push(w);
  return {
    request: {
      apiKey: 21,
      apiVersion: 1,
      apiName: 'DeleteRecords',
      encode: async () => {
        const e = new Encoder();
        e.writeInt32(byTopic.size);
        for (const [topic, ps] of byTopic) {
          e.writeString(topic);
          e.writeInt32(ps.length);
          for (const p of ps) {
            e.writeInt32(p.partition);
            e.writeInt64(p.offset);
          }
        }
        e.writeInt32(timeoutMs);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<DeleteRecordsPartition[]> => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        const topics = d.readArray((t: Dec) => {
          const topic = t.readString() as string;
          return t.readArray((p: Dec) => ({ topic, partition: p.readInt32(), lowWatermark: Number(p.readInt64()), errorCode: p.readInt16() }));
        }) as DeleteRecordsPartition[][];
        return topics.flat();
      },
      parse: async (data: unknown) => data,
    },
  };
}
