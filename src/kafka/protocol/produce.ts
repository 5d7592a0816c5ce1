
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

/** A body given to the socket as pieces in order (no copy of the batches into one buffer). */
function chunksOf(chunks: Buffer[], size: number) {
  return { chunks, size: () => size };
}

/**
 * Writes the Produce fields into `b` from `o`; at each batch's place calls `batch`, which returns
 * the offset to go on from (past the batch when it sits in `b`, the same offset when it does not).
 */
function writeFields(b: Buffer, o: number, transactionalId: string | null, acks: number, timeoutMs: number, byTopic: Map<string, ProducePartitionData[]>, batch: (p: ProducePartitionData, o: number) => number): void {
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
      o = batch(p, o);
    }
  }
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
        // written around it, no copy. Several batches: the fields between them go into one small
        // buffer and the socket is given the pieces in order (src/kafka/wire/kafkajs-request.cjs);
        // a batch sent before (no headroom: a resend, whose earlier request may still sit in the
        // socket's buffer while the batch is restamped) is copied.
        const only = parts.length === 1 ? parts[0] : undefined;
        if (only !== undefined && (only.headroom ?? 0) >= size - only.batch.length) {
          const room = only.headroom!;
          const b = Buffer.from(only.batch.buffer, only.batch.byteOffset - room, room + only.batch.length);
          const start = room - (size - only.batch.length);
          writeFields(b, start, transactionalId, acks, timeoutMs, byTopic, (p, o) => o + p.batch.length);
          return rawBody(b, start);
        }
        let fieldBytes = size;
        for (const p of parts) fieldBytes -= p.batch.length;
        const fields = Buffer.allocUnsafe(fieldBytes);
        const chunks: Buffer[] = [];
        let from = 0;
        writeFields(fields, 0, transactionalId, acks, timeoutMs, byTopic, (p, o) => {
          chunks.push(fields.subarray(from, o), p.headroom ? p.batch : Buffer.from(p.batch));
          from = o;
          return o;
        });
        if (from < fields.length) chunks.push(fields.subarray(from));
        return chunksOf(chunks, size);
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
