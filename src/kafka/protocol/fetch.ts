
import { kafkajs } from '../wire/kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';
import { API_KEYS, groupByTopic, putTopic, rawBody, readTopicPartitions } from './request.js';
import type { AbortedTransaction } from '../records/decoder.js';

const { Decoder } = kafkajs();

/**
 * What a partition without records, or without aborted transactions, answers: one of each for
 * every response, read only. A round over hundreds of partitions answers most of them empty, and
 * an object per empty one, per round, lived long enough to fill V8's old generation (300
 * partitions on 3 brokers: peak RSS 92-103 MB).
 */
const NO_RECORDS: Buffer = Buffer.alloc(0);
const NO_ABORTED: AbortedTransaction[] = Object.freeze([]) as unknown as AbortedTransaction[];

export interface FetchPartition {
  topic: string;
  partition: number;
  offset: number;
  maxBytes: number;
}

export interface FetchPartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  abortedTransactions: AbortedTransaction[] | null;
  records: Buffer;
}

export function fetchVersion(brokerMax: number | undefined): number {
  return Math.min(11, brokerMax ?? 4);
}

export function fetchRequest(
  version: number,
  o: { maxWaitMs: number; minBytes: number; maxBytes: number; readCommitted: boolean; partitions: FetchPartition[] },
): ProtocolRequest {
  return {
    request: {
      apiKey: API_KEYS.Fetch,
      apiVersion: version,
      apiName: 'Fetch',
      encode: async () => {
        const byTopic = groupByTopic(o.partitions);
        const b = Buffer.alloc(64 + [...byTopic.keys()].reduce((s, t) => s + 6 + Buffer.byteLength(t), 0) + o.partitions.length * 32);
        let off = 0;
        off = b.writeInt32BE(-1, off); // replica id
        off = b.writeInt32BE(o.maxWaitMs, off);
        off = b.writeInt32BE(o.minBytes, off);
        off = b.writeInt32BE(o.maxBytes, off);
        off = b.writeInt8(o.readCommitted ? 1 : 0, off);
        if (version >= 7) {
          off = b.writeInt32BE(0, off); // session id: no session
          off = b.writeInt32BE(-1, off); // session epoch: full fetch, no session
        }
        off = b.writeInt32BE(byTopic.size, off);
        for (const [topic, ps] of byTopic) {
          off = putTopic(b, off, topic, ps.length);
          for (const p of ps) {
            off = b.writeInt32BE(p.partition, off);
            if (version >= 9) off = b.writeInt32BE(-1, off); // current leader epoch
            const hi = Math.floor(p.offset / 0x100000000);
            off = b.writeInt32BE(hi, off);
            off = b.writeUInt32BE(p.offset - hi * 0x100000000, off);
            if (version >= 5) {
              off = b.writeInt32BE(-1, off);
              off = b.writeInt32BE(-1, off); // log start offset
            }
            off = b.writeInt32BE(p.maxBytes, off);
          }
        }
        if (version >= 7) off = b.writeInt32BE(0, off); // forgotten topics
        if (version >= 11) off = b.writeInt16BE(0, off); // rack id ""
        return rawBody(b.subarray(0, off));
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        let errorCode = 0;
        if (version >= 7) {
          errorCode = d.readInt16();
          d.readInt32(); // session id
        }
        const partitions = readTopicPartitions(d, (topic, partition): FetchPartitionResult => {
          const perr = d.readInt16();
          const highWatermark = Number(d.readInt64());
          const lastStableOffset = Number(d.readInt64());
          const logStartOffset = version >= 5 ? Number(d.readInt64()) : -1;
          const ac = d.readInt32();
          let abortedTransactions: AbortedTransaction[] | null = null;
          if (ac > 0) {
            abortedTransactions = [];
            for (let a = 0; a < ac; a++) abortedTransactions.push({ producerId: Number(d.readInt64()), firstOffset: Number(d.readInt64()) });
          } else if (ac === 0) abortedTransactions = NO_ABORTED;
          if (version >= 11) d.readInt32(); // preferred read replica
          const len = d.readInt32();
          const records: Buffer = len > 0 ? d.readBytes(len) : NO_RECORDS;
          return { topic, partition, errorCode: perr, highWatermark, lastStableOffset, logStartOffset, abortedTransactions, records };
        });
        return { errorCode, partitions };
      },
      parse: async (data: unknown) => data,
    },
  };
}
