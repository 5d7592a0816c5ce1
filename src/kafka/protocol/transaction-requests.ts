// The requests behind kafka-transactions' list filters, find-hanging, abort and
// forceTerminateTransaction, all flexible:
//
//   ListTransactions v0-v2 (key 66, to each broker): v1 adds the duration filter, v2 the
//     transactional id pattern (KIP-994, KIP-1152)
//   DescribeProducers v0 (key 61, to a replica): many partitions in one request
//   WriteTxnMarkers v1 (key 27, to the partition's leader): the abort marker Kafka's admin
//     client writes for a hanging transaction (Admin#abortTransaction)
//   InitProducerId v4 (key 22, to the transaction coordinator): what Admin#fenceProducers and
//     so forceTerminateTransaction send; it aborts the id's open transaction
import type { KafkajsDecoder as Dec } from '../wire/kafkajs-types.js';
import type { ProtocolRequest } from './admin-requests.js';
import { protocolRequest } from './request.js';

// ---- ListTransactions v0-v2 ----

export interface TransactionFilters {
  states?: string[];
  producerIds?: number[];
  /** v1+: only transactions running longer than this (ms); -1: all. */
  durationMs?: number;
  /** v2+: a regular expression the transactional id must match. */
  pattern?: string;
}

export interface ListedTransaction {
  transactionalId: string;
  producerId: number;
  state: string;
}

/** The lowest version that carries the filters given. */
export function listTransactionsVersion(f: TransactionFilters): number {
  if (f.pattern !== undefined) return 2;
  if (f.durationMs !== undefined) return 1;
  return 0;
}

export function listTransactionsRequest(f: TransactionFilters): ProtocolRequest {
  const version = listTransactionsVersion(f);
  return protocolRequest({
    apiKey: 66,
    apiVersion: version,
    apiName: 'ListTransactions',
    encode: (e) => {
      e.writeUVarInt(0); // request header v2
      const states = f.states ?? [];
      e.writeUVarInt(states.length + 1);
      for (const s of states) e.writeUVarIntString(s);
      const ids = f.producerIds ?? [];
      e.writeUVarInt(ids.length + 1);
      for (const id of ids) e.writeInt64(id);
      if (version >= 1) e.writeInt64(f.durationMs ?? -1);
      if (version >= 2) e.writeUVarIntString(f.pattern ?? null);
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields(); // response header v1
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const unknownStates = (d.readUVarIntArray((x: Dec) => x.readUVarIntString()) ?? []) as string[];
      const transactions = (d.readUVarIntArray((x: Dec): ListedTransaction => {
        const t = { transactionalId: x.readUVarIntString(), producerId: Number(x.readInt64()), state: x.readUVarIntString() };
        x.readTaggedFields();
        return t;
      }) ?? []) as ListedTransaction[];
      return { errorCode, unknownStates, transactions };
    },
  });
}

// ---- DescribeProducers v0 ----

export interface ActiveProducer {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  /** -1: none known (a transaction never ended by its coordinator). */
  coordinatorEpoch: number;
  /** -1: no transaction under way. */
  currentTxnStartOffset: number;
}

export interface PartitionProducers {
  topic: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
  producers: ActiveProducer[];
}

export function describeProducersRequest(partitions: Array<{ topic: string; partition: number }>): ProtocolRequest {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) (byTopic.get(p.topic) ?? byTopic.set(p.topic, []).get(p.topic)!).push(p.partition);
  return protocolRequest({
    apiKey: 61,
    apiVersion: 0,
    apiName: 'DescribeProducers',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeUVarInt(byTopic.size + 1);
      for (const [topic, ps] of byTopic) {
        e.writeUVarIntString(topic);
        e.writeUVarInt(ps.length + 1);
        for (const p of ps) e.writeInt32(p);
        e.writeUVarInt(0);
      }
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields();
      d.readInt32();
      const out: PartitionProducers[] = [];
      d.readUVarIntArray((t: Dec) => {
        const topic = t.readUVarIntString();
        t.readUVarIntArray((p: Dec) => {
          const partition = p.readInt32();
          const errorCode = p.readInt16();
          const errorMessage = p.readUVarIntString() as string | null;
          const producers = (p.readUVarIntArray((x: Dec): ActiveProducer => {
            const s = {
              producerId: Number(x.readInt64()),
              producerEpoch: x.readInt32(),
              lastSequence: x.readInt32(),
              lastTimestamp: Number(x.readInt64()),
              coordinatorEpoch: x.readInt32(),
              currentTxnStartOffset: Number(x.readInt64()),
            };
            x.readTaggedFields();
            return s;
          }) ?? []) as ActiveProducer[];
          p.readTaggedFields();
          out.push({ topic, partition, errorCode, errorMessage, producers });
        });
        t.readTaggedFields();
      });
      return out;
    },
  });
}

// ---- WriteTxnMarkers v1 ----

export interface AbortSpec {
  topic: string;
  partition: number;
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
}

/** One abort marker for one partition; the answer is that partition's error code. */
export function writeAbortMarkerRequest(spec: AbortSpec): ProtocolRequest {
  return protocolRequest({
    apiKey: 27,
    apiVersion: 1,
    apiName: 'WriteTxnMarkers',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeUVarInt(2); // one marker
      e.writeInt64(spec.producerId);
      e.writeInt16(spec.producerEpoch);
      e.writeBoolean(false); // TransactionResult: abort
      e.writeUVarInt(2); // one topic
      e.writeUVarIntString(spec.topic);
      e.writeUVarInt(2);
      e.writeInt32(spec.partition);
      e.writeUVarInt(0);
      e.writeInt32(spec.coordinatorEpoch);
      e.writeUVarInt(0);
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields();
      const results: Array<{ producerId: number; topic: string; partition: number; errorCode: number }> = [];
      d.readUVarIntArray((m: Dec) => {
        const producerId = Number(m.readInt64());
        m.readUVarIntArray((t: Dec) => {
          const topic = t.readUVarIntString();
          t.readUVarIntArray((p: Dec) => {
            results.push({ producerId, topic, partition: p.readInt32(), errorCode: p.readInt16() });
            p.readTaggedFields();
          });
          t.readTaggedFields();
        });
        m.readTaggedFields();
      });
      return results;
    },
  });
}

// ---- InitProducerId v4 ----

export function initProducerIdRequest(transactionalId: string, transactionTimeoutMs: number): ProtocolRequest {
  return protocolRequest({
    apiKey: 22,
    apiVersion: 4,
    apiName: 'InitProducerId',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeUVarIntString(transactionalId);
      e.writeInt32(transactionTimeoutMs);
      e.writeInt64(-1); // ProducerId: none
      e.writeInt16(-1); // ProducerEpoch: none
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields();
      d.readInt32();
      const errorCode = d.readInt16();
      const producerId = Number(d.readInt64());
      const producerEpoch = d.readInt16();
      return { errorCode, producerId, producerEpoch };
    },
  });
}
