// Admin requests kafkajs lacks or answers without the broker's own error message. Each is a
// request/response object for kafkajs' Connection.send, encoded with kafkajs' Encoder/Decoder.
//
//   DescribeTopicPartitions v0 (key 75, flexible): topic ids, leaders, ISR, ELR, last known ELR
//   CreateTopics v4 (key 19): -1 partitions / replication factor = broker defaults
//   CreatePartitions v1 (key 37)
//   DeleteTopics v3 (key 20)
//   IncrementalAlterConfigs v0 (key 44): SET / DELETE of single keys, others untouched
//   OffsetDelete v0 (key 47): a group's committed offsets for some partitions
//   ListConfigResources v0-v1 (key 74, flexible): the names of client metrics resources
//
// Broker errors keep the broker's message (e.g. "Topic 'x' already exists.").
import type { KafkajsDecoder, KafkajsEncoder } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';
import { apiRequest, flexibleRequest, groupByTopic, readCompactArray, readTopicPartitions, readUuid, writeArray, writeCompactArray, writeInt32s, writeTopicPartitions } from './request.js';

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;
const { createErrorFromCode } = kafkajs();

import type { ProtocolRequest } from '../wire/kafkajs-types.js';
export type { EncodedBody, ProtocolRequest } from '../wire/kafkajs-types.js';

/** A broker error: kafkajs' protocol error (type, code) carrying the broker's message. */
export function brokerError(code: number, message: string | null | undefined): Error & { type: string; code: number; errorCode: number; brokerMessage: string | null } {
  // errorCode: the broker's own code (kafkajs knows only the older ones: `code` is -1 for the others).
  const err = Object.assign(createErrorFromCode(code), { errorCode: code, brokerMessage: message || null });
  // Without the broker's message (older brokers send none for some errors), a code kafkajs does
  // not know gets Kafka's own description of it, not "Unknown error code 102".
  if (message) err.message = message;
  else if (err.type === 'KAFKAJS_UNKNOWN_ERROR_CODE') err.message = kafkaErrorMessage(code, err.message);
  return err;
}

// ---- DescribeTopicPartitions v0 ----

export interface DtpPartition {
  errorCode: number;
  partition: number;
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  elr: number[] | null;
  lastKnownElr: number[] | null;
  offline: number[];
}

export interface DtpTopic {
  errorCode: number;
  name: string | null;
  topicId: string;
  internal: boolean;
  partitions: DtpPartition[];
}

export interface DtpResult {
  topics: DtpTopic[];
  nextCursor: { topic: string; partition: number } | null;
}

const readInt32 = (d: Dec) => d.readInt32();

export function describeTopicPartitions(topics: string[], limit: number, cursor: { topic: string; partition: number } | null): ProtocolRequest {
  return flexibleRequest('DescribeTopicPartitions', 0, {
    encode: (e) => {
      writeCompactArray(e, topics, (t) => {
        e.writeUVarIntString(t);
        e.writeUVarInt(0);
      });
      e.writeInt32(limit);
      if (cursor) {
        e.writeInt8(1);
        e.writeUVarIntString(cursor.topic);
        e.writeInt32(cursor.partition);
        e.writeUVarInt(0);
      } else {
        e.writeInt8(-1);
      }
    },
    decode: (d): DtpResult => {
      d.readInt32(); // throttle
      const topicsOut = readCompactArray(d, (): DtpTopic => {
        const errorCode = d.readInt16();
        const name = d.readUVarIntString();
        const topicId = readUuid(d);
        const internal = d.readBoolean();
        const partitions = readCompactArray(d, (): DtpPartition => {
          const part: DtpPartition = {
            errorCode: d.readInt16(),
            partition: d.readInt32(),
            leader: d.readInt32(),
            leaderEpoch: d.readInt32(),
            replicas: readCompactArray(d, readInt32),
            isr: readCompactArray(d, readInt32),
            elr: d.readUVarIntArray(readInt32),
            lastKnownElr: d.readUVarIntArray(readInt32),
            offline: readCompactArray(d, readInt32),
          };
          d.readTaggedFields();
          return part;
        });
        d.readInt32(); // authorized operations
        d.readTaggedFields();
        return { errorCode, name, topicId, internal, partitions };
      });
      let nextCursor: DtpResult['nextCursor'] = null;
      if (d.readInt8() !== -1) {
        nextCursor = { topic: d.readUVarIntString(), partition: d.readInt32() };
        d.readTaggedFields();
      }
      return { topics: topicsOut, nextCursor };
    },
  });
}

// ---- CreateTopics v4 ----

export interface NewTopic {
  name: string;
  partitions: number; // -1: broker default
  replicationFactor: number; // -1: broker default
  assignment?: number[][];
  configs: Record<string, string>;
}

/** Per-name results `{name, errorCode, errorMessage}` after the throttle time (CreateTopics, CreatePartitions). */
function readNamedErrors(d: Dec) {
  d.readInt32(); // throttle
  return d.readArray(() => ({ name: d.readString(), errorCode: d.readInt16(), errorMessage: d.readString() as string | null }));
}

/** Parses per-name results `{name, errorCode, errorMessage}`; throws the first error. */
async function parseNamedErrors(data: unknown) {
  const results = data as Array<{ name: string; errorCode: number; errorMessage: string | null }>;
  const bad = results.find((r) => r.errorCode !== 0);
  if (bad) throw brokerError(bad.errorCode, bad.errorMessage);
  return results;
}

export function createTopics(topics: NewTopic[], timeoutMs: number): ProtocolRequest {
  return apiRequest('CreateTopics', 4, {
    encode: (e) => {
      writeArray(e, topics, (t) => {
        e.writeString(t.name);
        e.writeInt32(t.assignment ? -1 : t.partitions);
        e.writeInt16(t.assignment ? -1 : t.replicationFactor);
        let partition = 0;
        writeArray(e, t.assignment ?? [], (brokers) => {
          e.writeInt32(partition++);
          writeInt32s(e, brokers);
        });
        writeArray(e, Object.entries(t.configs), ([k, v]) => {
          e.writeString(k);
          e.writeString(v);
        });
      });
      e.writeInt32(timeoutMs);
      e.writeBoolean(false);
    },
    decode: readNamedErrors,
    // per-topic errors: the caller decides (several topics, --if-not-exists)
  });
}

// ---- CreatePartitions v1 ----

export function createPartitions(topic: string, count: number, assignment: number[][] | undefined, timeoutMs: number): ProtocolRequest {
  return apiRequest('CreatePartitions', 1, {
    encode: (e) => {
      e.writeInt32(1);
      e.writeString(topic);
      e.writeInt32(count);
      writeArray(e, assignment ?? null, (brokers) => writeInt32s(e, brokers));
      e.writeInt32(timeoutMs);
      e.writeBoolean(false);
    },
    decode: readNamedErrors,
    parse: parseNamedErrors,
  });
}

// ---- DeleteTopics v3 ----

export function deleteTopics(names: string[], timeoutMs: number): ProtocolRequest {
  return apiRequest('DeleteTopics', 3, {
    encode: (e) => {
      writeArray(e, names, (n) => e.writeString(n));
      e.writeInt32(timeoutMs);
    },
    decode: (d) => {
      d.readInt32();
      return d.readArray((t: Dec) => ({ name: t.readString(), errorCode: t.readInt16(), errorMessage: null }));
    },
    parse: parseNamedErrors,
  });
}

// ---- IncrementalAlterConfigs v0 ----

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;
export const RESOURCE_GROUP = 32;
/** Client metrics subscriptions (KIP-714): the metrics clients push, how often, and which clients. */
export const RESOURCE_CLIENT_METRICS = 16;
export const OP_SET = 0;
export const OP_DELETE = 1;

/** One AlterableConfig: name, operation (0 set, 1 delete, 2 append, 3 subtract), value. */
function writeConfigOp(e: Enc, o: { name: string; op: number; value: string | null }): void {
  e.writeString(o.name);
  e.writeInt8(o.op);
  e.writeString(o.value);
}

export function incrementalAlterConfigs(
  resourceType: number,
  resourceName: string,
  ops: Array<{ name: string; op: number; value: string | null }>,
): ProtocolRequest {
  return apiRequest('IncrementalAlterConfigs', 0, {
    encode: (e) => {
      e.writeInt32(1);
      e.writeInt8(resourceType);
      e.writeString(resourceName);
      writeArray(e, ops, (o) => writeConfigOp(e, o));
      e.writeBoolean(false);
    },
    decode: (d) => {
      d.readInt32();
      return d.readArray((r: Dec) => {
        const errorCode = r.readInt16();
        const errorMessage = r.readString();
        r.readInt8();
        return { name: r.readString(), errorCode, errorMessage };
      });
    },
    parse: parseNamedErrors,
  });
}

// ---- ListConfigResources v0-v1 (key 74, flexible) ----

/**
 * The config resources of the given types the cluster knows. Version 0 (Kafka 3.7-4.0, then
 * ListClientMetricsResources) lists client metrics resources only, and takes no types.
 */
export function listConfigResources(version: number, types: number[]): ProtocolRequest {
  return flexibleRequest('ListConfigResources', version, {
    encode: (e) => {
      if (version >= 1) writeCompactArray(e, types, (t) => e.writeInt8(t));
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const resources = readCompactArray(d, () => {
        const name = d.readUVarIntString() as string;
        const type = version >= 1 ? d.readInt8() : RESOURCE_CLIENT_METRICS;
        d.readTaggedFields();
        return { name, type };
      });
      return { errorCode, resources };
    },
  });
}

// ---- OffsetDelete v0 (key 47): to the group coordinator ----

export function offsetDelete(group: string, partitions: Array<{ topic: string; partition: number }>): ProtocolRequest {
  return apiRequest('OffsetDelete', 0, {
    encode: (e) => {
      e.writeString(group);
      writeTopicPartitions(e, [...groupByTopic(partitions)], (p) => e.writeInt32(p.partition));
    },
    decode: (d) => {
      const errorCode = d.readInt16();
      d.readInt32(); // throttle
      const message = (code: number) => createErrorFromCode(code).message;
      return {
        error: errorCode ? { code: errorCode, message: message(errorCode) } : null,
        partitions: readTopicPartitions(d, (topic, partition) => {
          const code = d.readInt16();
          return { topic, partition, error: code ? message(code) : null, errorCode: code };
        }),
      };
    },
  });
}
