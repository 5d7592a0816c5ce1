
import { kafkajs } from '../wire/kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';
import { API_KEYS, groupByTopic, putTopic, rawBody, readTopicPartitions } from './request.js';

const { Decoder } = kafkajs();

export interface ProducePartitionData {
  topic: string;
  partition: number;
  batch: Buffer;
  /** Bytes in front of `batch` (in its ArrayBuffer) that are free to write the request into. */
  headroom?: number;
}

export interface ProducePartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
  baseOffset: number;
  errorMessage: string | null;
}

const MAX_VERSION = 8;

export function produceVersion(brokerMax: number | undefined): number {
  return Math.min(MAX_VERSION, brokerMax ?? 3);
}

export function produceRequest(version: number, transactionalId: string | null, acks: number, timeoutMs: number, parts: ProducePartitionData[]): ProtocolRequest & { request: { expectResponse(): boolean } } {
  return {
    request: {
      apiKey: API_KEYS.Produce,
      apiVersion: version,
      apiName: 'Produce',
      expectResponse: () => acks !== 0,
      encode: async () => {
        const byTopic = groupByTopic(parts);
        let size = 2 + (transactionalId === null ? 0 : Buffer.byteLength(transactionalId)) + 2 + 4 + 4;
        for (const [topic, ps] of byTopic) {
          size += 2 + Buffer.byteLength(topic) + 4;
          for (const p of ps) size += 4 + 4 + p.batch.length;
        }
        // One batch with room in front of it (the common case of bulk input): the request is
        // written around it, no copy. Otherwise the batches are copied into one body.
        const only = parts.length === 1 ? parts[0] : undefined;
        const inPlace = only !== undefined && (only.headroom ?? 0) >= size - only.batch.length;
        let b: Buffer;
        let start = 0;
        if (inPlace) {
          const room = only.headroom!;
          b = Buffer.from(only.batch.buffer, only.batch.byteOffset - room, room + only.batch.length);
          start = room - (size - only.batch.length);
        } else {
          b = Buffer.allocUnsafe(size);
        }
        let o = start;
        if (transactionalId === null) o = b.writeInt16BE(-1, o);
        else {
          o = b.writeInt16BE(Buffer.byteLength(transactionalId), o);
          o += b.write(transactionalId, o);
        }
        o = b.writeInt16BE(acks, o);
        o = b.writeInt32BE(timeoutMs, o);
        o = b.writeInt32BE(byTopic.size, o);
        for (const [topic, ps] of byTopic) {
          o = putTopic(b, o, topic, ps.length);
          for (const p of ps) {
            o = b.writeInt32BE(p.partition, o);
            o = b.writeInt32BE(p.batch.length, o);
            o += inPlace ? p.batch.length : p.batch.copy(b, o);
          }
        }
        return rawBody(b, start);
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<ProducePartitionResult[]> => {
        const d = new Decoder(raw);
        return readTopicPartitions(d, (topic, partition): ProducePartitionResult => {
          const errorCode = d.readInt16();
          const baseOffset = Number(d.readInt64());
          d.readInt64(); // log append time
          if (version >= 5) d.readInt64(); // log start offset
          let errorMessage: string | null = null;
          if (version >= 8) {
            const recordErrors = d.readInt32();
            for (let e = 0; e < recordErrors; e++) {
              d.readInt32();
              d.readString();
            }
            errorMessage = d.readString();
          }
          return { topic, partition, errorCode, baseOffset, errorMessage };
        });
      },
      parse: async (data: unknown) => data,
    },
  };
}
