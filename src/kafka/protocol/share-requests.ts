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
//   (DeleteGroups, for share groups too: group-requests.ts)
import type { KafkajsDecoder, KafkajsEncoder, ProtocolRequest } from '../wire/kafkajs-types.js';
import { describeGroups, readAssignment, type DescribedGroup } from './group-requests.js';
import {
  flexibleRequest,
  groupByTopic,
  readCompactArray,
  readCompactTopicPartitions,
  readTopicIdPartitions,
  readUuid,
  writeCompactArray,
  writeCompactTopicPartitions,
  writeTopicIdPartitions,
  writeUuid,
} from './request.js';

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;

/** The error code and message at the top of most share answers. */
const readError = (d: Dec) => ({ errorCode: d.readInt16(), errorMessage: d.readUVarIntString() as string | null });

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
  return flexibleRequest('ShareGroupHeartbeat', 1, {
    encode: (e) => {
      e.writeUVarIntString(r.group);
      e.writeUVarIntString(r.memberId);
      e.writeInt32(r.memberEpoch);
      e.writeUVarIntString(null); // RackId
      writeCompactArray(e, r.subscribedTopicNames, (t) => e.writeUVarIntString(t));
    },
    decode: (d): ShareHeartbeatResponse => {
      d.readInt32(); // throttle
      const { errorCode, errorMessage } = readError(d);
      const memberId = d.readUVarIntString() as string | null;
      const memberEpoch = d.readInt32();
      const heartbeatIntervalMs = d.readInt32();
      let assignment: ShareHeartbeatResponse['assignment'] = null;
      if (d.readInt8() === 1) {
        assignment = readTopicIdPartitions(d);
        d.readTaggedFields();
      }
      d.readTaggedFields();
      return { errorCode, errorMessage, memberId, memberEpoch, heartbeatIntervalMs, assignment };
    },
  });
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
  writeCompactArray(e, topics, (t) => {
    writeUuid(e, t.topicId);
    writeCompactArray(e, t.partitions, (p) => {
      e.writeInt32(p.partition);
      writeCompactArray(e, p.acks, (a) => {
        e.writeInt64(a.firstOffset);
        e.writeInt64(a.lastOffset);
        writeCompactArray(e, a.types, (ty) => e.writeInt8(ty));
        e.writeUVarInt(0);
      });
      e.writeUVarInt(0);
    });
    e.writeUVarInt(0);
  });

/** The share session a ShareFetch or ShareAcknowledge belongs to: its group, member and epoch. */
function writeSession(e: Enc, r: { group: string; memberId: string; sessionEpoch: number }): void {
  e.writeUVarIntString(r.group);
  e.writeUVarIntString(r.memberId);
  e.writeInt32(r.sessionEpoch);
}

/** The per-partition answers of ShareFetch and ShareAcknowledge: topics by id. */
const readSharePartitions = <T>(d: Dec, read: (topicId: string, partition: number) => T): T[] => readCompactTopicPartitions(d, readUuid, read);

export function shareFetch(version: number, r: ShareFetchParams): ProtocolRequest {
  return flexibleRequest('ShareFetch', version, {
    encode: (e) => {
      writeSession(e, r);
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
      writeTopicIdPartitions(e, r.forgotten);
    },
    decode: (d): ShareFetchResponse => {
      d.readInt32(); // throttle
      const { errorCode, errorMessage } = readError(d);
      if (version >= 2) d.readInt32(); // AcquisitionLockTimeoutMs
      const partitions = readSharePartitions(d, (topicId, partition): ShareFetchPartition => {
        const { errorCode: pErr, errorMessage: pMsg } = readError(d);
        const { errorCode: ackErrorCode, errorMessage: ackErrorMessage } = readError(d);
        const leaderId = d.readInt32();
        const leaderEpoch = d.readInt32();
        d.readTaggedFields();
        const len = d.readUVarInt() - 1;
        const records = len > 0 ? d.readBytes(len) : Buffer.alloc(0);
        const acquired = readCompactArray(d, () => {
          const firstOffset = Number(d.readInt64());
          const lastOffset = Number(d.readInt64());
          const deliveryCount = d.readInt16();
          d.readTaggedFields();
          return { firstOffset, lastOffset, deliveryCount };
        });
        return { topicId, partition, errorCode: pErr, errorMessage: pMsg, ackErrorCode, ackErrorMessage, leaderId, leaderEpoch, records, acquired };
      });
      // NodeEndpoints and tagged fields follow: not needed (leaders come from metadata).
      return { errorCode, errorMessage, partitions };
    },
  });
}

export interface ShareAckResponse {
  errorCode: number;
  errorMessage: string | null;
  partitions: Array<{ topicId: string; partition: number; errorCode: number; errorMessage: string | null }>;
}

export function shareAcknowledge(version: number, r: { group: string; memberId: string; sessionEpoch: number; topics: ShareTopicPartitions[] }): ProtocolRequest {
  return flexibleRequest('ShareAcknowledge', version, {
    encode: (e) => {
      writeSession(e, r);
      if (version >= 2) e.writeBoolean(false); // IsRenewAck
      writeTopics(e, r.topics);
    },
    decode: (d): ShareAckResponse => {
      d.readInt32(); // throttle
      const { errorCode, errorMessage } = readError(d);
      if (version >= 2) d.readInt32();
      const partitions = readSharePartitions(d, (topicId, partition) => {
        const result = { topicId, partition, ...readError(d) };
        d.readInt32(); // CurrentLeader
        d.readInt32();
        d.readTaggedFields();
        return result;
      });
      return { errorCode, errorMessage, partitions };
    },
  });
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

export type DescribedShareGroup = DescribedGroup<DescribedShareMember>;

export function shareGroupDescribe(groups: string[]): ProtocolRequest {
  return describeGroups('ShareGroupDescribe', 1, groups, (d): DescribedShareMember => {
    const memberId = d.readUVarIntString();
    const rackId = d.readUVarIntString() as string | null;
    const memberEpoch = d.readInt32();
    const clientId = d.readUVarIntString() ?? '';
    const clientHost = d.readUVarIntString() ?? '';
    const subscribedTopicNames = readCompactArray(d, () => d.readUVarIntString());
    const assignment = readAssignment(d);
    return { memberId, rackId, memberEpoch, clientId, clientHost, subscribedTopicNames, assignment };
  });
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
  return flexibleRequest('DescribeShareGroupOffsets', version, {
    encode: (e) => {
      e.writeUVarInt(2); // one group
      e.writeUVarIntString(group);
      writeCompactTopicPartitions(e, topics?.map((t) => [t.topic, t.partitions] as const), (p) => e.writeInt32(p));
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const readTopic = () => ({ topic: d.readUVarIntString(), topicId: readUuid(d) });
      const groups = readCompactArray(d, () => {
        d.readUVarIntString(); // group id
        const offsets = readCompactTopicPartitions(d, readTopic, (t, partition): ShareGroupOffset => {
          const startOffset = Number(d.readInt64());
          const leaderEpoch = d.readInt32();
          const lag = version >= 1 ? Number(d.readInt64()) : -1;
          return { ...t, partition, startOffset, leaderEpoch, lag, ...readError(d) };
        });
        const error = readError(d);
        d.readTaggedFields();
        return { ...error, offsets };
      });
      // One group asked for: its answer.
      return groups[0] ?? { errorCode: 0, errorMessage: null, offsets: [] };
    },
  });
}

// ---- AlterShareGroupOffsets v0 ----

export interface SharePartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
}

export function alterShareGroupOffsets(group: string, offsets: Array<{ topic: string; partition: number; offset: number }>): ProtocolRequest {
  return flexibleRequest('AlterShareGroupOffsets', 0, {
    encode: (e) => {
      e.writeUVarIntString(group);
      writeCompactTopicPartitions(e, [...groupByTopic(offsets)], (p) => {
        e.writeInt32(p.partition);
        e.writeInt64(p.offset);
        e.writeUVarInt(0);
      });
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const error = readError(d);
      const readTopic = () => {
        const topic = d.readUVarIntString();
        readUuid(d);
        return topic;
      };
      const results = readCompactTopicPartitions(d, readTopic, (topic, partition): SharePartitionResult => ({ topic, partition, ...readError(d) }));
      return { ...error, results };
    },
  });
}

// ---- DeleteShareGroupOffsets v0 ----

export function deleteShareGroupOffsets(group: string, topics: string[]): ProtocolRequest {
  return flexibleRequest('DeleteShareGroupOffsets', 0, {
    encode: (e) => {
      e.writeUVarIntString(group);
      writeCompactArray(e, topics, (t) => {
        e.writeUVarIntString(t);
        e.writeUVarInt(0);
      });
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const error = readError(d);
      const results = readCompactArray(d, () => {
        const topic = d.readUVarIntString();
        readUuid(d);
        const r = { topic, ...readError(d) };
        d.readTaggedFields();
        return r;
      });
      return { ...error, results };
    },
  });
}
