// Group requests kafkajs lacks: the ones of Kafka 4's group coordinator. Each is a
// request/response object for kafkajs' Connection.send, as in admin-requests.ts.
//
//   ListGroups v3-v5 (key 16, flexible): each group's state (v4+) and type (v5+: classic, consumer, ...)
//   ConsumerGroupDescribe v0-v1 (key 69, flexible): members, epochs, current and target assignments
//   OffsetFetch v5 (key 9): committed offsets with their leader epoch
//   ConsumerGroupHeartbeat v0-v1 (key 68, flexible): join, stay in and leave a consumer group
//   OffsetCommit v9 (key 8, flexible): commits of a consumer group's member (member id and epoch)
import type { KafkajsEncoder, KafkajsDecoder } from '../wire/kafkajs-types.js';
import { protocolRequest } from './request.js';
import type { ProtocolRequest } from './admin-requests.js';

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;

/** Kafka 16-byte UUIDs (topic ids) as Kafka prints them: base64url without padding. */
export const readUuid = (d: Dec): string => Buffer.from(d.readBytes(16)).toString('base64url');
const writeUuid = (e: Enc, id: string) => e.writeBuffer(Buffer.from(id, 'base64url'));

// ---- ListGroups v3-v5 ----

export interface ListedGroup {
  group: string;
  protocolType: string;
  /** v4+; null before. */
  state: string | null;
  /** v5+ (lower case: classic, consumer, share, streams); null before. */
  type: string | null;
}

export function listGroups(version: number): ProtocolRequest {
  return protocolRequest({
    apiKey: 16,
    apiVersion: version,
    apiName: 'ListGroups',
    encode: (e) => {
      e.writeUVarInt(0); // request header v2
      if (version >= 4) e.writeUVarInt(1); // StatesFilter: empty, all states
      if (version >= 5) e.writeUVarInt(1); // TypesFilter: empty, all types
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields(); // response header v1
      d.readInt32(); // throttle
      const errorCode = d.readInt16() as number;
      const groups = (d.readUVarIntArray((g: Dec): ListedGroup => {
        const group = g.readUVarIntString();
        const protocolType = g.readUVarIntString() ?? '';
        const state = version >= 4 ? g.readUVarIntString() : null;
        const type = version >= 5 ? g.readUVarIntString() : null;
        g.readTaggedFields();
        return { group, protocolType, state, type };
      }) ?? []) as ListedGroup[];
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

export interface DescribedConsumerGroup {
  errorCode: number;
  errorMessage: string | null;
  group: string;
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: DescribedConsumerMember[];
}

const readAssignment = (d: Dec): DescribedTopicPartitions[] => {
  const tps = (d.readUVarIntArray((t: Dec): DescribedTopicPartitions => {
    const topicId = readUuid(t);
    const topic = t.readUVarIntString();
    const partitions = (t.readUVarIntArray((p: Dec) => p.readInt32() as number) ?? []) as number[];
    t.readTaggedFields();
    return { topicId, topic, partitions };
  }) ?? []) as DescribedTopicPartitions[];
  d.readTaggedFields();
  return tps;
};

export function consumerGroupDescribe(groups: string[], version: number): ProtocolRequest {
  return protocolRequest({
    apiKey: 69,
    apiVersion: version,
    apiName: 'ConsumerGroupDescribe',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeUVarInt(groups.length + 1);
      for (const g of groups) e.writeUVarIntString(g);
      e.writeBoolean(false); // IncludeAuthorizedOperations
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields();
      d.readInt32();
      const described = (d.readUVarIntArray((g: Dec): DescribedConsumerGroup => {
        const errorCode = g.readInt16();
        const errorMessage = g.readUVarIntString();
        const group = g.readUVarIntString();
        const state = g.readUVarIntString() ?? '';
        const groupEpoch = g.readInt32();
        const assignmentEpoch = g.readInt32();
        const assignorName = g.readUVarIntString() ?? '';
        const members = (g.readUVarIntArray((m: Dec): DescribedConsumerMember => {
          const member: DescribedConsumerMember = {
            memberId: m.readUVarIntString(),
            instanceId: m.readUVarIntString(),
            rackId: m.readUVarIntString(),
            memberEpoch: m.readInt32(),
            clientId: m.readUVarIntString() ?? '',
            clientHost: m.readUVarIntString() ?? '',
            subscribedTopicNames: (m.readUVarIntArray((s: Dec) => s.readUVarIntString()) ?? []) as string[],
            subscribedTopicRegex: m.readUVarIntString(),
            assignment: readAssignment(m),
            targetAssignment: readAssignment(m),
            memberType: -1,
          };
          if (version >= 1) member.memberType = m.readInt8();
          m.readTaggedFields();
          return member;
        }) ?? []) as DescribedConsumerMember[];
        g.readInt32(); // authorized operations
        g.readTaggedFields();
        return { errorCode, errorMessage, group, state, groupEpoch, assignmentEpoch, assignorName, members };
      }) ?? []) as DescribedConsumerGroup[];
      return described;
    },
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
  return protocolRequest({
    apiKey: 9,
    apiVersion: 5,
    apiName: 'OffsetFetch',
    encode: (e) => {
      e.writeString(group);
      if (topics === null) e.writeInt32(-1);
      else {
        e.writeInt32(topics.length);
        for (const t of topics) {
          e.writeString(t.topic);
          e.writeInt32(t.partitions.length);
          t.partitions.forEach((p) => e.writeInt32(p));
        }
      }
    },
    decode: (d) => {
      d.readInt32();
      const offsets: FetchedOffset[] = [];
      d.readArray((t: Dec) => {
        const topic = t.readString() as string;
        t.readArray((p: Dec) => {
          const partition = p.readInt32() as number;
          const offset = Number(p.readInt64());
          const leaderEpoch = p.readInt32() as number;
          p.readString(); // metadata
          offsets.push({ topic, partition, offset, leaderEpoch, errorCode: p.readInt16() });
        });
      });
      return { errorCode: d.readInt16() as number, offsets };
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
  return protocolRequest({
    apiKey: 68,
    apiVersion: version,
    apiName: 'ConsumerGroupHeartbeat',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeUVarIntString(r.group);
      e.writeUVarIntString(r.memberId);
      e.writeInt32(r.memberEpoch);
      e.writeUVarIntString(null); // InstanceId: a dynamic member
      e.writeUVarIntString(null); // RackId
      e.writeInt32(r.rebalanceTimeoutMs);
      if (r.subscribedTopicNames === null) e.writeUVarInt(0);
      else {
        e.writeUVarInt(r.subscribedTopicNames.length + 1);
        for (const t of r.subscribedTopicNames) e.writeUVarIntString(t);
      }
      if (version >= 1) e.writeUVarIntString(null); // SubscribedTopicRegex
      e.writeUVarIntString(r.serverAssignor);
      if (r.owned === null) e.writeUVarInt(0);
      else {
        e.writeUVarInt(r.owned.length + 1);
        for (const t of r.owned) {
          writeUuid(e, t.topicId);
          e.writeUVarInt(t.partitions.length + 1);
          for (const p of t.partitions) e.writeInt32(p);
          e.writeUVarInt(0);
        }
      }
      e.writeUVarInt(0);
    },
    decode: (d): HeartbeatResponse => {
      d.readTaggedFields();
      d.readInt32();
      const errorCode = d.readInt16() as number;
      const errorMessage = d.readUVarIntString() as string | null;
      const memberId = d.readUVarIntString() as string | null;
      const memberEpoch = d.readInt32() as number;
      const heartbeatIntervalMs = d.readInt32() as number;
      let assignment: OwnedTopicPartitions[] | null = null;
      if (d.readInt8() === 1) {
        assignment = (d.readUVarIntArray((t: Dec): OwnedTopicPartitions => {
          const topicId = readUuid(t);
          const partitions = (t.readUVarIntArray((p: Dec) => p.readInt32() as number) ?? []) as number[];
          t.readTaggedFields();
          return { topicId, partitions };
        }) ?? []) as OwnedTopicPartitions[];
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
  const byTopic = new Map<string, Array<{ partition: number; offset: number }>>();
  for (const o of offsets) (byTopic.get(o.topic) ?? byTopic.set(o.topic, []).get(o.topic)!).push(o);
  return protocolRequest({
    apiKey: 8,
    apiVersion: 9,
    apiName: 'OffsetCommit',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeUVarIntString(group);
      e.writeInt32(memberEpoch);
      e.writeUVarIntString(memberId);
      e.writeUVarIntString(null); // GroupInstanceId
      e.writeUVarInt(byTopic.size + 1);
      for (const [topic, ps] of byTopic) {
        e.writeUVarIntString(topic);
        e.writeUVarInt(ps.length + 1);
        for (const p of ps) {
          e.writeInt32(p.partition);
          e.writeInt64(p.offset);
          e.writeInt32(-1); // CommittedLeaderEpoch
          e.writeUVarIntString(''); // CommittedMetadata
          e.writeUVarInt(0);
        }
        e.writeUVarInt(0);
      }
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields();
      d.readInt32();
      const out: Array<{ topic: string; partition: number; errorCode: number }> = [];
      d.readUVarIntArray((t: Dec) => {
        const topic = t.readUVarIntString() as string;
        t.readUVarIntArray((p: Dec) => {
          out.push({ topic, partition: p.readInt32(), errorCode: p.readInt16() });
          p.readTaggedFields();
        });
        t.readTaggedFields();
      });
      d.readTaggedFields();
      return out;
    },
  });
}
