// Share group requests (KIP-932, Kafka 4.1+), which kafkajs lacks: request/response objects for
// kafkajs' Connection.send, as in group-requests.ts. All flexible versions (request header v2,
// response header v1: the tagged-field bytes come first in the body).
//
//   ShareGroupHeartbeat v1 (key 76): join, stay in and leave a share group; the assignment
//   ShareFetch v1-v2 (key 78): acquired records, with acknowledgements of earlier ones piggy-backed
//   ShareAcknowledge v1-v2 (key 79): acknowledgements alone (and the session's close, epoch -1)
//   ShareGroupDescribe v1 (key 77): members and their assignments
//   DescribeShareGroupOffsets v0-v1 (key 90): start offsets (and lag, v1) per partition
//   AlterShareGroupOffsets v0 (key 91), DeleteShareGroupOffsets v0 (key 92)
//   DeleteGroups v2 (key 42, flexible): with each group's error message
import type { KafkajsDecoder, KafkajsEncoder, ProtocolRequest } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';
import { readUuid } from './group-requests.js';

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;
const { Encoder } = kafkajs();
const { Decoder } = kafkajs();

const writeUuid = (e: Enc, id: string) => e.writeBuffer(Buffer.from(id, 'base64url'));
const writeCompactArray = <T>(e: Enc, items: T[] | null, each: (e: Enc, item: T) => void) => {
  if (items === null) {
    e.writeUVarInt(0);
    return;
  }
  e.writeUVarInt(items.length + 1);
  for (const i of items) each(e, i);
};
const readArray = <T>(d: Dec, each: (d: Dec) => T): T[] => (d.readUVarIntArray(each) ?? []) as T[];
const readInt32s = (d: Dec): number[] => readArray(d, (p) => p.readInt32() as number);

/** Error codes of the share APIs that kafkajs does not know. */
export const SHARE_ERRORS: Record<number, string> = {
  25: 'UNKNOWN_MEMBER_ID',
  69: 'GROUP_ID_NOT_FOUND',
  100: 'UNKNOWN_TOPIC_ID',
  110: 'FENCED_MEMBER_EPOCH',
  121: 'INVALID_RECORD_STATE',
  122: 'SHARE_SESSION_NOT_FOUND',
  123: 'INVALID_SHARE_SESSION_EPOCH',
  133: 'SHARE_SESSION_LIMIT_REACHED',
  134: 'GROUP_DELETION_FAILED',
};

/** Acknowledgement types (AcknowledgeType in Kafka's client). */
export const ACK_GAP = 0;
export const ACK_ACCEPT = 1;
export const ACK_RELEASE = 2;
export const ACK_REJECT = 3;

// ---- ShareGroupHeartbeat v1 ----

export interface ShareHeartbeatResponse {
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  /** The member's whole assignment when it changed; null otherwise. */
  assignment: Array<{ topicId: string; partitions: number[] }> | null;
}

export function shareGroupHeartbeat(r: { group: string; memberId: string; memberEpoch: number; subscribedTopicNames: string[] | null }): ProtocolRequest {
  return {
    request: {
      apiKey: 76,
      apiVersion: 1,
      apiName: 'ShareGroupHeartbeat',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarIntString(r.group);
        e.writeUVarIntString(r.memberId);
        e.writeInt32(r.memberEpoch);
        e.writeUVarIntString(null); // RackId
        writeCompactArray(e, r.subscribedTopicNames, (e2, t) => e2.writeUVarIntString(t));
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<ShareHeartbeatResponse> => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16() as number;
        const errorMessage = d.readUVarIntString() as string | null;
        const memberId = d.readUVarIntString() as string | null;
        const memberEpoch = d.readInt32() as number;
        const heartbeatIntervalMs = d.readInt32() as number;
        let assignment: ShareHeartbeatResponse['assignment'] = null;
        if (d.readInt8() === 1) {
          assignment = readArray(d, (t) => {
            const topicId = readUuid(t);
            const partitions = readInt32s(t);
            t.readTaggedFields();
            return { topicId, partitions };
          });
          d.readTaggedFields();
        }
        d.readTaggedFields();
        return { errorCode, errorMessage, memberId, memberEpoch, heartbeatIntervalMs, assignment };
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- ShareFetch v1-v2, ShareAcknowledge v1-v2 ----

export interface AckBatch {
  firstOffset: number;
  lastOffset: number;
  /** One type for the whole range, or one per offset. */
  types: number[];
}

export interface ShareTopicPartitions {
  topicId: string;
  partitions: Array<{ partition: number; acks: AckBatch[] }>;
}

export interface ShareFetchParams {
  group: string;
  memberId: string;
  /** 0 opens a share session, -1 closes it, else the session's next epoch. */
  sessionEpoch: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  maxRecords: number;
  batchSize: number;
  /** Partitions added to the session, and partitions whose acknowledgements go with this request. */
  topics: ShareTopicPartitions[];
  /** Partitions the session no longer fetches. */
  forgotten: Array<{ topicId: string; partitions: number[] }>;
}

export interface ShareFetchPartition {
  topicId: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
  ackErrorCode: number;
  ackErrorMessage: string | null;
  leaderId: number;
  leaderEpoch: number;
  records: Buffer;
  /** Offset ranges this member acquired, with their delivery counts. */
  acquired: Array<{ firstOffset: number; lastOffset: number; deliveryCount: number }>;
}

export interface ShareFetchResponse {
  errorCode: number;
  errorMessage: string | null;
  partitions: ShareFetchPartition[];
}

const writeTopics = (e: Enc, topics: ShareTopicPartitions[]) =>
  writeCompactArray(e, topics, (e2, t) => {
    writeUuid(e2, t.topicId);
    writeCompactArray(e2, t.partitions, (e3, p) => {
      e3.writeInt32(p.partition);
      writeCompactArray(e3, p.acks, (e4, a) => {
        e4.writeInt64(a.firstOffset);
        e4.writeInt64(a.lastOffset);
        writeCompactArray(e4, a.types, (e5, ty) => e5.writeInt8(ty));
        e4.writeUVarInt(0);
      });
      e3.writeUVarInt(0);
    });
    e2.writeUVarInt(0);
  });

export function shareFetch(version: number, r: ShareFetchParams): ProtocolRequest {
  return {
    request: {
      apiKey: 78,
      apiVersion: version,
      apiName: 'ShareFetch',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarIntString(r.group);
        e.writeUVarIntString(r.memberId);
        e.writeInt32(r.sessionEpoch);
        e.writeInt32(r.maxWaitMs);
        e.writeInt32(r.minBytes);
        e.writeInt32(r.maxBytes);
        e.writeInt32(r.maxRecords);
        e.writeInt32(r.batchSize);
        if (version >= 2) {
          e.writeInt8(0); // ShareAcquireMode: batch_optimized
          e.writeBoolean(false); // IsRenewAck
        }
        writeTopics(e, r.topics);
        writeCompactArray(e, r.forgotten, (e2, t) => {
          writeUuid(e2, t.topicId);
          writeCompactArray(e2, t.partitions, (e3, p) => e3.writeInt32(p));
          e2.writeUVarInt(0);
        });
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<ShareFetchResponse> => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16() as number;
        const errorMessage = d.readUVarIntString() as string | null;
        if (version >= 2) d.readInt32(); // AcquisitionLockTimeoutMs
        const partitions: ShareFetchPartition[] = [];
        readArray(d, (t) => {
          const topicId = readUuid(t);
          readArray(t, (p) => {
            const partition = p.readInt32() as number;
            const pErr = p.readInt16() as number;
            const pMsg = p.readUVarIntString() as string | null;
            const ackErrorCode = p.readInt16() as number;
            const ackErrorMessage = p.readUVarIntString() as string | null;
            const leaderId = p.readInt32() as number;
            const leaderEpoch = p.readInt32() as number;
            p.readTaggedFields();
            const len = (p.readUVarInt() as number) - 1;
            const records = len > 0 ? (p.readBytes(len) as Buffer) : Buffer.alloc(0);
            const acquired = readArray(p, (a) => {
              const firstOffset = Number(a.readInt64());
              const lastOffset = Number(a.readInt64());
              const deliveryCount = a.readInt16() as number;
              a.readTaggedFields();
              return { firstOffset, lastOffset, deliveryCount };
            });
            p.readTaggedFields();
            partitions.push({ topicId, partition, errorCode: pErr, errorMessage: pMsg, ackErrorCode, ackErrorMessage, leaderId, leaderEpoch, records, acquired });
          });
          t.readTaggedFields();
        });
        // NodeEndpoints and tagged fields follow: not needed (leaders come from metadata).
        return { errorCode, errorMessage, partitions };
      },
      parse: async (data: unknown) => data,
    },
  };
}

export interface ShareAckResponse {
  errorCode: number;
  errorMessage: string | null;
  partitions: Array<{ topicId: string; partition: number; errorCode: number; errorMessage: string | null }>;
}

export function shareAcknowledge(version: number, r: { group: string; memberId: string; sessionEpoch: number; topics: ShareTopicPartitions[] }): ProtocolRequest {
  return {
    request: {
      apiKey: 79,
      apiVersion: version,
      apiName: 'ShareAcknowledge',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarIntString(r.group);
        e.writeUVarIntString(r.memberId);
        e.writeInt32(r.sessionEpoch);
        if (version >= 2) e.writeBoolean(false); // IsRenewAck
        writeTopics(e, r.topics);
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<ShareAckResponse> => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16() as number;
        const errorMessage = d.readUVarIntString() as string | null;
        if (version >= 2) d.readInt32();
        const partitions: ShareAckResponse['partitions'] = [];
        readArray(d, (t) => {
          const topicId = readUuid(t);
          readArray(t, (p) => {
            const partition = p.readInt32() as number;
            const pErr = p.readInt16() as number;
            const pMsg = p.readUVarIntString() as string | null;
            p.readInt32();
            p.readInt32();
            p.readTaggedFields();
            p.readTaggedFields();
            partitions.push({ topicId, partition, errorCode: pErr, errorMessage: pMsg });
          });
          t.readTaggedFields();
        });
        return { errorCode, errorMessage, partitions };
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- ShareGroupDescribe v1 ----

export interface DescribedShareMember {
  memberId: string;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  assignment: Array<{ topicId: string; topic: string; partitions: number[] }>;
}

export interface DescribedShareGroup {
  errorCode: number;
  errorMessage: string | null;
  group: string;
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: DescribedShareMember[];
}

export function shareGroupDescribe(groups: string[]): ProtocolRequest {
  return {
    request: {
      apiKey: 77,
      apiVersion: 1,
      apiName: 'ShareGroupDescribe',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        writeCompactArray(e, groups, (e2, g) => e2.writeUVarIntString(g));
        e.writeBoolean(false);
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<DescribedShareGroup[]> => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        return readArray(d, (g): DescribedShareGroup => {
          const errorCode = g.readInt16() as number;
          const errorMessage = g.readUVarIntString() as string | null;
          const group = g.readUVarIntString() as string;
          const state = (g.readUVarIntString() as string | null) ?? '';
          const groupEpoch = g.readInt32() as number;
          const assignmentEpoch = g.readInt32() as number;
          const assignorName = (g.readUVarIntString() as string | null) ?? '';
          const members = readArray(g, (m): DescribedShareMember => {
            const memberId = m.readUVarIntString() as string;
            const rackId = m.readUVarIntString() as string | null;
            const memberEpoch = m.readInt32() as number;
            const clientId = (m.readUVarIntString() as string | null) ?? '';
            const clientHost = (m.readUVarIntString() as string | null) ?? '';
            const subscribedTopicNames = readArray(m, (s) => s.readUVarIntString() as string);
            const assignment = readArray(m, (t) => {
              const topicId = readUuid(t);
              const topic = t.readUVarIntString() as string;
              const partitions = readInt32s(t);
              t.readTaggedFields();
              return { topicId, topic, partitions };
            });
            m.readTaggedFields(); // of the Assignment struct
            m.readTaggedFields();
            return { memberId, rackId, memberEpoch, clientId, clientHost, subscribedTopicNames, assignment };
          });
          g.readInt32(); // authorized operations
          g.readTaggedFields();
          return { errorCode, errorMessage, group, state, groupEpoch, assignmentEpoch, assignorName, members };
        });
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- DescribeShareGroupOffsets v0-v1 ----

export interface ShareGroupOffset {
  topic: string;
  topicId: string;
  partition: number;
  /** -1: no start offset (the partition was never read by the group). */
  startOffset: number;
  leaderEpoch: number;
  /** v1+; -1 unknown. */
  lag: number;
  errorCode: number;
  errorMessage: string | null;
}

export function describeShareGroupOffsets(version: number, group: string, topics: Array<{ topic: string; partitions: number[] }> | null): ProtocolRequest {
  return {
    request: {
      apiKey: 90,
      apiVersion: version,
      apiName: 'DescribeShareGroupOffsets',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarInt(2);
        e.writeUVarIntString(group);
        writeCompactArray(e, topics, (e2, t) => {
          e2.writeUVarIntString(t.topic);
          writeCompactArray(e2, t.partitions, (e3, p) => e3.writeInt32(p));
          e2.writeUVarInt(0);
        });
        e.writeUVarInt(0);
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        let errorCode = 0;
        let errorMessage: string | null = null;
        const offsets: ShareGroupOffset[] = [];
        readArray(d, (g) => {
          g.readUVarIntString();
          readArray(g, (t) => {
            const topic = t.readUVarIntString() as string;
            const topicId = readUuid(t);
            readArray(t, (p) => {
              const partition = p.readInt32() as number;
              const startOffset = Number(p.readInt64());
              const leaderEpoch = p.readInt32() as number;
              const lag = version >= 1 ? Number(p.readInt64()) : -1;
              const pErr = p.readInt16() as number;
              const pMsg = p.readUVarIntString() as string | null;
              p.readTaggedFields();
              offsets.push({ topic, topicId, partition, startOffset, leaderEpoch, lag, errorCode: pErr, errorMessage: pMsg });
            });
            t.readTaggedFields();
          });
          errorCode = g.readInt16() as number;
          errorMessage = g.readUVarIntString() as string | null;
          g.readTaggedFields();
        });
        return { errorCode, errorMessage, offsets };
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- AlterShareGroupOffsets v0 ----

export interface SharePartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
}

export function alterShareGroupOffsets(group: string, offsets: Array<{ topic: string; partition: number; offset: number }>): ProtocolRequest {
  const byTopic = new Map<string, Array<{ partition: number; offset: number }>>();
  for (const o of offsets) (byTopic.get(o.topic) ?? byTopic.set(o.topic, []).get(o.topic)!).push(o);
  return {
    request: {
      apiKey: 91,
      apiVersion: 0,
      apiName: 'AlterShareGroupOffsets',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarIntString(group);
        writeCompactArray(e, [...byTopic], (e2, [topic, ps]) => {
          e2.writeUVarIntString(topic);
          writeCompactArray(e2, ps, (e3, p) => {
            e3.writeInt32(p.partition);
            e3.writeInt64(p.offset);
            e3.writeUVarInt(0);
          });
          e2.writeUVarInt(0);
        });
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16() as number;
        const errorMessage = d.readUVarIntString() as string | null;
        const results: SharePartitionResult[] = [];
        readArray(d, (t) => {
          const topic = t.readUVarIntString() as string;
          readUuid(t);
          readArray(t, (p) => {
            results.push({ topic, partition: p.readInt32() as number, errorCode: p.readInt16() as number, errorMessage: p.readUVarIntString() as string | null });
            p.readTaggedFields();
          });
          t.readTaggedFields();
        });
        return { errorCode, errorMessage, results };
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- DeleteShareGroupOffsets v0 ----

export function deleteShareGroupOffsets(group: string, topics: string[]): ProtocolRequest {
  return {
    request: {
      apiKey: 92,
      apiVersion: 0,
      apiName: 'DeleteShareGroupOffsets',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarIntString(group);
        writeCompactArray(e, topics, (e2, t) => {
          e2.writeUVarIntString(t);
          e2.writeUVarInt(0);
        });
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16() as number;
        const errorMessage = d.readUVarIntString() as string | null;
        const results = readArray(d, (t) => {
          const topic = t.readUVarIntString() as string;
          readUuid(t);
          const r = { topic, errorCode: t.readInt16() as number, errorMessage: t.readUVarIntString() as string | null };
          t.readTaggedFields();
          return r;
        });
        return { errorCode, errorMessage, results };
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- DeleteGroups v2 ----

export function deleteGroups(groups: string[]): ProtocolRequest {
  return {
    request: {
      apiKey: 42,
      apiVersion: 2,
      apiName: 'DeleteGroups',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        writeCompactArray(e, groups, (e2, g) => e2.writeUVarIntString(g));
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        return readArray(d, (g) => {
          const r = { group: g.readUVarIntString() as string, errorCode: g.readInt16() as number };
          g.readTaggedFields();
          return r;
        });
      },
      parse: async (data: unknown) => data,
    },
  };
}
