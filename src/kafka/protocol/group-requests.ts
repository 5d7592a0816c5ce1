// Group requests kafkajs lacks: the ones of Kafka 4's group coordinator. Each is a
// request/response object for kafkajs' Connection.send, as in admin-requests.ts.
//
//   ListGroups v3-v5 (key 16, flexible): each group's state (v4+) and type (v5+: classic, consumer, ...)
//   ConsumerGroupDescribe v0-v1 (key 69, flexible): members, epochs, current and target assignments
//   OffsetFetch v5 (key 9): committed offsets with their leader epoch
//   ConsumerGroupHeartbeat v0-v1 (key 68, flexible): join, stay in and leave a consumer group
//   OffsetCommit v9 (key 8, flexible): commits of a consumer group's member (member id and epoch)
//   DeleteGroups v2 (key 42, flexible): consumer and share groups alike
import type { KafkajsDecoder } from '../wire/kafkajs-types.js';
import {
  flexibleRequest,
  groupByTopic,
  apiRequest,
  readCompactArray,
  readCompactTopicPartitions,
  readTopicIdPartitions,
  readTopicPartitions,
  writeCompactArray,
  writeCompactTopicPartitions,
  writeTopicIdPartitions,
  writeTopicPartitions,
} from './request.js';
import type { ProtocolRequest } from './admin-requests.js';

// ---- ListGroups v3-v5 ----

export interface ListedGroup {
  group: string;
  protocolType: string;
  /** v4+; null before. */
  state: string | null;
  /** v5+ (lower case: classic, consumer, share, streams); null before. */
  type: string | null;
}

/** `types`: only groups of these types (v5+: classic, consumer, share, streams); empty: all. */
export function listGroups(version: number, types: string[] = []): ProtocolRequest {
  return flexibleRequest('ListGroups', version, {
    encode: (e) => {
      if (version >= 4) e.writeUVarInt(1); // StatesFilter: empty, all states
      if (version >= 5) writeCompactArray(e, types, (t) => e.writeUVarIntString(t)); // TypesFilter (empty: all types)
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const groups = readCompactArray(d, (): ListedGroup => {
        const group = d.readUVarIntString();
        const protocolType = d.readUVarIntString() ?? '';
        const state = version >= 4 ? d.readUVarIntString() : null;
        const type = version >= 5 ? d.readUVarIntString() : null;
        d.readTaggedFields();
        return { group, protocolType, state, type };
      });
      return { errorCode, groups };
    },
  });
}

// ---- ConsumerGroupDescribe v0-v1 ----

export interface DescribedTopicPartitions {
  topicId: string;
  topic: string;
  partitions: number[];
}

export interface DescribedConsumerMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: DescribedTopicPartitions[];
  targetAssignment: DescribedTopicPartitions[];
  /** v1+: 0 a classic member (a consumer of the old protocol in this group), 1 a consumer member; -1 unknown. */
  memberType: number;
}

/** A group as ConsumerGroupDescribe and ShareGroupDescribe give it, with its members (`M`). */
export interface DescribedGroup<M> {
  errorCode: number;
  errorMessage: string | null;
  group: string;
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: M[];
}

export type DescribedConsumerGroup = DescribedGroup<DescribedConsumerMember>;

/** A member's assignment in the describe APIs: topics by id and name, in an Assignment struct. */
export const readAssignment = (d: KafkajsDecoder): DescribedTopicPartitions[] => {
  const topics = readTopicIdPartitions(d, true);
  d.readTaggedFields(); // of the Assignment struct
  return topics;
};

/** ConsumerGroupDescribe and ShareGroupDescribe: the same request, and the same answer but for the members' fields. */
export function describeGroups<M>(api: 'ConsumerGroupDescribe' | 'ShareGroupDescribe', version: number, groups: string[], readMember: (d: KafkajsDecoder) => M): ProtocolRequest {
  return flexibleRequest(api, version, {
    encode: (e) => {
      writeCompactArray(e, groups, (g) => e.writeUVarIntString(g));
      e.writeBoolean(false); // IncludeAuthorizedOperations
    },
    decode: (d) => {
      d.readInt32(); // throttle
      return readCompactArray(d, (): DescribedGroup<M> => {
        const errorCode = d.readInt16();
        const errorMessage = d.readUVarIntString() as string | null;
        const group = d.readUVarIntString();
        const state = d.readUVarIntString() ?? '';
        const groupEpoch = d.readInt32();
        const assignmentEpoch = d.readInt32();
        const assignorName = d.readUVarIntString() ?? '';
        const members = readCompactArray(d, () => {
          const member = readMember(d);
          d.readTaggedFields();
          return member;
        });
        d.readInt32(); // authorized operations
        d.readTaggedFields();
        return { errorCode, errorMessage, group, state, groupEpoch, assignmentEpoch, assignorName, members };
      });
    },
  });
}

export function consumerGroupDescribe(groups: string[], version: number): ProtocolRequest {
  return describeGroups('ConsumerGroupDescribe', version, groups, (d): DescribedConsumerMember => {
    const member: DescribedConsumerMember = {
      memberId: d.readUVarIntString(),
      instanceId: d.readUVarIntString(),
      rackId: d.readUVarIntString(),
      memberEpoch: d.readInt32(),
      clientId: d.readUVarIntString() ?? '',
      clientHost: d.readUVarIntString() ?? '',
      subscribedTopicNames: readCompactArray(d, () => d.readUVarIntString()),
      subscribedTopicRegex: d.readUVarIntString(),
      assignment: readAssignment(d),
      targetAssignment: readAssignment(d),
      memberType: -1,
    };
    if (version >= 1) member.memberType = d.readInt8();
    return member;
  });
}

// ---- OffsetFetch v5 ----

export interface FetchedOffset {
  topic: string;
  partition: number;
  /** -1: no committed offset. */
  offset: number;
  /** -1: none recorded with the commit. */
  leaderEpoch: number;
  errorCode: number;
}

/** The group's committed offsets: of every partition it has one for (`topics` null), or of these. */
export function offsetFetch(group: string, topics: Array<{ topic: string; partitions: number[] }> | null): ProtocolRequest {
  return apiRequest('OffsetFetch', 5, {
    encode: (e) => {
      e.writeString(group);
      writeTopicPartitions(e, topics?.map((t) => [t.topic, t.partitions] as const), (p) => e.writeInt32(p));
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const offsets = readTopicPartitions(d, (topic, partition): FetchedOffset => {
        const offset = Number(d.readInt64());
        const leaderEpoch = d.readInt32();
        d.readString(); // metadata
        return { topic, partition, offset, leaderEpoch, errorCode: d.readInt16() };
      });
      return { errorCode: d.readInt16(), offsets };
    },
  });
}

// ---- ConsumerGroupHeartbeat v0-v1 ----

export interface OwnedTopicPartitions {
  topicId: string;
  partitions: number[];
}

export interface HeartbeatRequest {
  group: string;
  memberId: string;
  /** 0 to join, -1 to leave, else the member's current epoch. */
  memberEpoch: number;
  rebalanceTimeoutMs: number;
  /** null: unchanged since the last heartbeat. */
  subscribedTopicNames: string[] | null;
  serverAssignor: string | null;
  /** The partitions the member owns now; null: unchanged. */
  owned: OwnedTopicPartitions[] | null;
}

export interface HeartbeatResponse {
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  /** The member's whole assignment when it changed; null otherwise. */
  assignment: OwnedTopicPartitions[] | null;
}

export function consumerGroupHeartbeat(r: HeartbeatRequest, version: number): ProtocolRequest {
  return flexibleRequest('ConsumerGroupHeartbeat', version, {
    encode: (e) => {
      e.writeUVarIntString(r.group);
      e.writeUVarIntString(r.memberId);
      e.writeInt32(r.memberEpoch);
      e.writeUVarIntString(null); // InstanceId: a dynamic member
      e.writeUVarIntString(null); // RackId
      e.writeInt32(r.rebalanceTimeoutMs);
      writeCompactArray(e, r.subscribedTopicNames, (t) => e.writeUVarIntString(t));
      if (version >= 1) e.writeUVarIntString(null); // SubscribedTopicRegex
      e.writeUVarIntString(r.serverAssignor);
      writeTopicIdPartitions(e, r.owned);
    },
    decode: (d): HeartbeatResponse => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString() as string | null;
      const memberId = d.readUVarIntString() as string | null;
      const memberEpoch = d.readInt32();
      const heartbeatIntervalMs = d.readInt32();
      let assignment: OwnedTopicPartitions[] | null = null;
      if (d.readInt8() === 1) {
        assignment = readTopicIdPartitions(d);
        d.readTaggedFields();
      }
      d.readTaggedFields();
      return { errorCode, errorMessage, memberId, memberEpoch, heartbeatIntervalMs, assignment };
    },
  });
}

// ---- OffsetCommit v9 ----

/** Commits as a member of a consumer group: its id and epoch; per-partition error codes come back. */
export function offsetCommit(group: string, memberId: string, memberEpoch: number, offsets: Array<{ topic: string; partition: number; offset: number }>): ProtocolRequest {
  return flexibleRequest('OffsetCommit', 9, {
    encode: (e) => {
      e.writeUVarIntString(group);
      e.writeInt32(memberEpoch);
      e.writeUVarIntString(memberId);
      e.writeUVarIntString(null); // GroupInstanceId
      writeCompactTopicPartitions(e, [...groupByTopic(offsets)], (p) => {
        e.writeInt32(p.partition);
        e.writeInt64(p.offset);
        e.writeInt32(-1); // CommittedLeaderEpoch
        e.writeUVarIntString(''); // CommittedMetadata
        e.writeUVarInt(0);
      });
    },
    decode: (d) => {
      d.readInt32(); // throttle
      return readCompactTopicPartitions(d, () => d.readUVarIntString(), (topic, partition) => ({ topic, partition, errorCode: d.readInt16() }));
    },
  });
}

// ---- DeleteGroups v2 ----

export function deleteGroups(groups: string[]): ProtocolRequest {
  return flexibleRequest('DeleteGroups', 2, {
    encode: (e) => writeCompactArray(e, groups, (g) => e.writeUVarIntString(g)),
    decode: (d) => {
      d.readInt32(); // throttle
      return readCompactArray(d, () => {
        const r = { group: d.readUVarIntString(), errorCode: d.readInt16() };
        d.readTaggedFields();
        return r;
      });
    },
  });
}
