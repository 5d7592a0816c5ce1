// Group requests kafkajs lacks: the ones of Kafka 4's group coordinator. Each is a
// request/response object for kafkajs' Connection.send, as in admin-requests.ts.
//
//   ListGroups v3-v5 (key 16, flexible): each group's state (v4+) and type (v5+: classic, consumer, ...)
//   ConsumerGroupDescribe v0-v1 (key 69, flexible): members, epochs, current and target assignments
//   OffsetFetch v5 (key 9): committed offsets with their leader epoch
import { kafkajs } from '../kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';

type Dec = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const { Encoder } = kafkajs();
const { Decoder } = kafkajs();

/** Kafka 16-byte UUIDs (topic ids) as Kafka prints them: base64url without padding. */
export const readUuid = (d: Dec): string => Buffer.from(d.readBytes(16)).toString('base64url');

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
  return {
    request: {
      apiKey: 16,
      apiVersion: version,
      apiName: 'ListGroups',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0); // request header v2
        if (version >= 4) e.writeUVarInt(1); // StatesFilter: empty, all states
        if (version >= 5) e.writeUVarInt(1); // TypesFilter: empty, all types
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
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
      parse: async (data: unknown) => data,
    },
  };
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
  return {
    request: {
      apiKey: 69,
      apiVersion: version,
      apiName: 'ConsumerGroupDescribe',
      encode: async () => {
        const e = new Encoder();
        e.writeUVarInt(0);
        e.writeUVarInt(groups.length + 1);
        for (const g of groups) e.writeUVarIntString(g);
        e.writeBoolean(false); // IncludeAuthorizedOperations
        e.writeUVarInt(0);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
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
      parse: async (data: unknown) => data,
    },
  };
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
  return {
    request: {
      apiKey: 9,
      apiVersion: 5,
      apiName: 'OffsetFetch',
      encode: async () => {
        const e = new Encoder();
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
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
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
      parse: async (data: unknown) => data,
    },
  };
}
