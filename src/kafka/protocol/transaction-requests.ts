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
import type { ProtocolRequest } from './admin-requests.js';
import { flexibleRequest, groupByTopic, readCompactArray, readCompactTopicPartitions, writeCompactArray, writeCompactTopicPartitions } from './request.js';

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
  return flexibleRequest('ListTransactions', version, {
    encode: (e) => {
      writeCompactArray(e, f.states ?? [], (s) => e.writeUVarIntString(s));
      writeCompactArray(e, f.producerIds ?? [], (id) => e.writeInt64(id));
      if (version >= 1) e.writeInt64(f.durationMs ?? -1);
      if (version >= 2) e.writeUVarIntString(f.pattern ?? null);
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const unknownStates = readCompactArray(d, () => d.readUVarIntString());
      const transactions = readCompactArray(d, (): ListedTransaction => {
        const t = { transactionalId: d.readUVarIntString(), producerId: Number(d.readInt64()), state: d.readUVarIntString() };
        d.readTaggedFields();
        return t;
      });
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
  return flexibleRequest('DescribeProducers', 0, {
    encode: (e) => writeCompactTopicPartitions(e, [...groupByTopic(partitions)], (p) => e.writeInt32(p.partition)),
    decode: (d) => {
      d.readInt32(); // throttle
      return readCompactTopicPartitions(d, () => d.readUVarIntString(), (topic, partition): PartitionProducers => {
        const errorCode = d.readInt16();
        const errorMessage = d.readUVarIntString() as string | null;
        const producers = readCompactArray(d, (): ActiveProducer => {
          const s = {
            producerId: Number(d.readInt64()),
            producerEpoch: d.readInt32(),
            lastSequence: d.readInt32(),
            lastTimestamp: Number(d.readInt64()),
            coordinatorEpoch: d.readInt32(),
            currentTxnStartOffset: Number(d.readInt64()),
          };
          d.readTaggedFields();
          return s;
        });
        return { topic, partition, errorCode, errorMessage, producers };
      });
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
  return flexibleRequest('WriteTxnMarkers', 1, {
    encode: (e) => {
      e.writeUVarInt(2); // one marker
      e.writeInt64(spec.producerId);
      e.writeInt16(spec.producerEpoch);
      e.writeBoolean(false); // TransactionResult: abort
      writeCompactTopicPartitions(e, [[spec.topic, [spec.partition]]], (p) => e.writeInt32(p));
      e.writeInt32(spec.coordinatorEpoch);
      e.writeUVarInt(0);
    },
    decode: (d) => {
      return readCompactArray(d, () => {
        const producerId = Number(d.readInt64());
        const results = readCompactTopicPartitions(d, () => d.readUVarIntString(), (topic, partition) => ({ producerId, topic, partition, errorCode: d.readInt16() }));
        d.readTaggedFields();
        return results;
      }).flat();
    },
  });
}

// ---- InitProducerId v4 ----

export function initProducerIdRequest(transactionalId: string, transactionTimeoutMs: number): ProtocolRequest {
  return flexibleRequest('InitProducerId', 4, {
    encode: (e) => {
      e.writeUVarIntString(transactionalId);
      e.writeInt32(transactionTimeoutMs);
      e.writeInt64(-1); // ProducerId: none
      e.writeInt16(-1); // ProducerEpoch: none
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const producerId = Number(d.readInt64());
      const producerEpoch = d.readInt16();
      return { errorCode, producerId, producerEpoch };
    },
  });
}
