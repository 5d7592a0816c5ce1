// Requests of the runbook commands that kafkajs lacks. Each is a request/response object for
// kafkajs' Connection.send, encoded with kafkajs' Encoder/Decoder, as in admin-requests.ts.
//
//   DeleteRecords v1 (key 21): move partitions' log start offsets forward
//   DescribeQuorum v0-v2 (key 55, flexible): the KRaft metadata quorum's leader, voters, observers
//   ElectLeaders v1 (key 43): preferred or unclean leader elections, on some partitions or all
//   DescribeLogDirs v1 (key 35): a broker's log directories and the size of each replica in them
//   DescribeClientQuotas v0 (key 48), AlterClientQuotas v0 (key 49): user, client-id and ip quotas
//   DescribeTransactions v0 (key 65, flexible) (ListTransactions, DescribeProducers: transaction-requests.ts)
//   AlterPartitionReassignments v0 (key 45), ListPartitionReassignments v0 (key 46), flexible
//   ApiVersions v3-v4 (key 18, flexible body, v0 response header): the APIs and their versions, the supported and finalized features
//   (v4, not v3: brokers leave out the features whose range starts at 0 before v4, KIP-1022)
import type { KafkajsBroker, KafkajsDecoder, KafkajsEncoder } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';
import { usableVersion, type VersionedBroker } from './versions.js';
import {
  API_KEYS,
  flexibleRequest,
  groupByTopic,
  apiRequest,
  readCompactArray,
  readCompactInt32s,
  readCompactTopicPartitions,
  readTopicPartitions,
  readUuid,
  writeArray,
  writeCompactArray,
  writeCompactInt32s,
  writeCompactTopicPartitions,
  writeTopicPartitions,
} from './request.js';

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;
const { Decoder } = kafkajs();
/** Kafka's error code for a request version the broker does not take. */
const UNSUPPORTED_VERSION = 35;

/** Tagged fields at the end of a struct, read after its fields. */
function withTagged<T>(d: Dec, value: T): T {
  d.readTaggedFields();
  return value;
}

// ---- DeleteRecords v1 (to each partition's leader) ----

export interface DeleteRecordsPartition {
  topic: string;
  partition: number;
  lowWatermark: number;
  errorCode: number;
}

export function deleteRecords(wanted: Array<{ topic: string; partition: number; offset: number }>, timeoutMs: number): ProtocolRequest {
  return apiRequest('DeleteRecords', 1, {
    encode: (e) => {
      writeTopicPartitions(e, [...groupByTopic(wanted)], (p) => {
        e.writeInt32(p.partition);
        e.writeInt64(p.offset);
      });
      e.writeInt32(timeoutMs);
    },
    decode: (d): DeleteRecordsPartition[] => {
      d.readInt32(); // throttle
      return readTopicPartitions(d, (topic, partition) => ({ topic, partition, lowWatermark: Number(d.readInt64()), errorCode: d.readInt16() }));
    },
  });
}

/** Tagged fields as tag -> raw bytes. */
function readTagged(d: Dec): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  const n = d.readUVarInt();
  for (let i = 0; i < n; i++) {
    const tag = d.readUVarInt();
    const size = d.readUVarInt();
    out.set(tag, Buffer.from(d.readBytes(size)));
  }
  return out;
}

// ---- DescribeQuorum v0-v2 ----

/** The directory id of a replica that has none, as Kafka prints it (Uuid.ZERO_UUID). */
const NO_DIRECTORY_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

export interface QuorumReplica {
  replicaId: number;
  /** base64url; AAAAAAAAAAAAAAAAAAAAAA when the node has none (a static quorum). */
  directoryId: string;
  logEndOffset: number;
  /** -1: unknown. */
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
}

export interface QuorumDescription {
  errorCode: number;
  errorMessage: string | null;
  leaderId: number;
  leaderEpoch: number;
  highWatermark: number;
  voters: QuorumReplica[];
  observers: QuorumReplica[];
  nodes: Array<{ nodeId: number; listeners: Array<{ name: string; host: string; port: number }> }>;
}

/** Versions 0 and 1 lack the error messages, the directory ids (read as none) and the nodes; version 0 the two timestamps (read as -1). */
export function describeQuorum(version: number): ProtocolRequest {
  return flexibleRequest('DescribeQuorum', version, {
    encode: (e) =>
      writeCompactTopicPartitions(e, [['__cluster_metadata', [0]]], (p) => {
        e.writeInt32(p);
        e.writeUVarInt(0);
      }),
    decode: (d): QuorumDescription => {
      const errorCode = d.readInt16();
      const out: QuorumDescription = { errorCode, errorMessage: version >= 2 ? d.readUVarIntString() : null, leaderId: -1, leaderEpoch: -1, highWatermark: -1, voters: [], observers: [], nodes: [] };
      const replica = (): QuorumReplica =>
        withTagged(d, {
          replicaId: d.readInt32(),
          directoryId: version >= 2 ? readUuid(d) : NO_DIRECTORY_ID,
          logEndOffset: Number(d.readInt64()),
          lastFetchTimestamp: version >= 1 ? Number(d.readInt64()) : -1,
          lastCaughtUpTimestamp: version >= 1 ? Number(d.readInt64()) : -1,
        });
      readCompactTopicPartitions(d, () => d.readUVarIntString(), () => {
        const errorCode = d.readInt16();
        const errorMessage = version >= 2 ? d.readUVarIntString() : null;
        if (errorCode && !out.errorCode) Object.assign(out, { errorCode, errorMessage });
        out.leaderId = d.readInt32();
        out.leaderEpoch = d.readInt32();
        out.highWatermark = Number(d.readInt64());
        out.voters = readCompactArray(d, replica);
        out.observers = readCompactArray(d, replica);
      });
      if (version >= 2)
        out.nodes = readCompactArray(d, () => {
        const nodeId = d.readInt32();
        const listeners = readCompactArray(d, () => withTagged(d, { name: d.readUVarIntString(), host: d.readUVarIntString(), port: d.readInt16() & 0xffff }));
        return withTagged(d, { nodeId, listeners });
      });
      return out;
    },
  });
}

// ---- ApiVersions v3-v4: the APIs, and the supported and finalized features ----

/** One API a broker offers, with the versions it takes. */
export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface FeatureDescription {
  supported: Array<{ name: string; minVersion: number; maxVersion: number }>;
  /** -1 when the broker sent none. */
  finalizedEpoch: number;
  finalized: Array<{ name: string; maxVersionLevel: number; minVersionLevel: number }>;
}

export type ApiVersionsAnswer = FeatureDescription & { errorCode: number; apis: ApiVersionRange[] };

/**
 * Versions 3 and 4 are the same on the wire; a broker answering version 3 leaves out the
 * supported features whose lowest level is 0 (KAFKA-17011), so 4 is sent where the broker takes it.
 */
export function apiVersions(version: number): ProtocolRequest {
  return apiRequest('ApiVersions', version, {
    encode: (e) => {
      e.writeUVarInt(0); // request header v2
      e.writeUVarIntString('kfk');
      e.writeUVarIntString('0.1.0');
      e.writeUVarInt(0);
    },
    decode: (d): ApiVersionsAnswer => {
      // ApiVersions answers with response header v0, whatever its version.
      const errorCode = d.readInt16();
      if (errorCode === UNSUPPORTED_VERSION) {
        // A broker older than the version asked answers in v0 (KIP-511): the error and the
        // versions of ApiVersions it takes, for the client to ask again at one of them.
        const apis: ApiVersionRange[] = [];
        for (let n = d.readInt32(); n > 0; n--) apis.push({ apiKey: d.readInt16(), minVersion: d.readInt16(), maxVersion: d.readInt16() });
        return { errorCode, apis, supported: [], finalizedEpoch: -1, finalized: [] };
      }
      const apis = readCompactArray(d, () => withTagged(d, { apiKey: d.readInt16(), minVersion: d.readInt16(), maxVersion: d.readInt16() }));
      d.readInt32(); // throttle
      const tagged = readTagged(d);
      const out: ApiVersionsAnswer = { errorCode, apis, supported: [], finalizedEpoch: -1, finalized: [] };
      const features = <T>(tag: number, read: (f: Dec) => T): T[] => {
        const raw = tagged.get(tag);
        return raw ? readCompactArray(new Decoder(raw), (f) => withTagged(f, read(f))) : [];
      };
      out.supported = features(0, (f) => ({ name: f.readUVarIntString(), minVersion: f.readInt16(), maxVersion: f.readInt16() }));
      const epoch = tagged.get(1);
      if (epoch) out.finalizedEpoch = Number(new Decoder(epoch).readInt64());
      out.finalized = features(2, (f) => ({ name: f.readUVarIntString(), maxVersionLevel: f.readInt16(), minVersionLevel: f.readInt16() }));
      return out;
    },
  });
}

/**
 * A broker's ApiVersions answer, asked as Kafka's clients ask it: at the newest version kfk
 * encodes that the broker is known to take, and once more at the broker's own newest when it
 * answers that it does not take that one. The versions kfk knows of a broker may be another's
 * (kafkajs keeps the first broker's answer for all): in a rolling upgrade, a broker still on
 * Kafka 3.8 is asked v4 through a 4.x broker and answers UNSUPPORTED_VERSION with its range.
 */
export async function askApiVersions(broker: VersionedBroker & Pick<KafkajsBroker, 'connectionPool'>, requestTimeout: number): Promise<ApiVersionsAnswer> {
  const send = (version: number) => broker.connectionPool.send({ ...apiVersions(version), requestTimeout }) as Promise<ApiVersionsAnswer>;
  const version = usableVersion(broker, 'ApiVersions', 3, 4);
  const answer = await send(version);
  if (answer.errorCode !== UNSUPPORTED_VERSION) return answer;
  const theirs = answer.apis.find((a) => a.apiKey === API_KEYS.ApiVersions);
  if (!theirs || theirs.maxVersion < 3 || theirs.maxVersion >= version) return answer;
  return send(theirs.maxVersion);
}

// ---- ElectLeaders v1 ----

export const ELECTION_PREFERRED = 0;
export const ELECTION_UNCLEAN = 1;

export interface ElectionResult {
  topic: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
}

/** `partitions` null: every partition that needs an election. */
export function electLeaders(electionType: number, partitions: Array<{ topic: string; partition: number }> | null, timeoutMs: number): ProtocolRequest {
  return apiRequest('ElectLeaders', 1, {
    encode: (e) => {
      e.writeInt8(electionType);
      writeTopicPartitions(e, partitions && [...groupByTopic(partitions)], (p) => e.writeInt32(p.partition));
      e.writeInt32(timeoutMs);
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const results = readTopicPartitions(d, (topic, partition): ElectionResult => ({ topic, partition, errorCode: d.readInt16(), errorMessage: d.readString() }));
      return { errorCode, results };
    },
  });
}

// ---- DescribeLogDirs v1 (to each broker) ----

export interface LogDirReplica {
  topic: string;
  partition: number;
  size: number;
  offsetLag: number;
  isFuture: boolean;
}

export interface LogDirResult {
  errorCode: number;
  logDir: string;
  replicas: LogDirReplica[];
}

/** `topics` null: every topic. */
export function describeLogDirs(topics: Array<{ topic: string; partitions: number[] }> | null): ProtocolRequest {
  return apiRequest('DescribeLogDirs', 1, {
    encode: (e) => writeTopicPartitions(e, topics?.map((t) => [t.topic, t.partitions] as const), (p) => e.writeInt32(p)),
    decode: (d): LogDirResult[] => {
      d.readInt32(); // throttle
      return d.readArray((): LogDirResult => {
        const errorCode = d.readInt16();
        const logDir = d.readString();
        const replicas = readTopicPartitions(d, (topic, partition): LogDirReplica => ({ topic, partition, size: Number(d.readInt64()), offsetLag: Number(d.readInt64()), isFuture: d.readBoolean() }));
        return { errorCode, logDir, replicas };
      });
    },
  });
}

// ---- DescribeClientQuotas v0 / AlterClientQuotas v0 ----

/** An entity's parts: entity type (user, client-id, ip) -> name, null for the default entity. */
export type QuotaEntity = Array<{ type: string; name: string | null }>;

export const QUOTA_MATCH_EXACT = 0;
export const QUOTA_MATCH_DEFAULT = 1;
export const QUOTA_MATCH_ANY = 2;

export interface QuotaEntry {
  entity: QuotaEntity;
  values: Array<{ key: string; value: number }>;
}

const readDouble = (d: Dec) => d.readBytes(8).readDoubleBE(0);
function writeDouble(e: Enc, v: number) {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v, 0);
  e.writeBuffer(b);
}
const readEntity = (d: Dec): QuotaEntity => d.readArray((x: Dec) => ({ type: x.readString(), name: x.readString() as string | null }));
function writeEntity(e: Enc, entity: QuotaEntity) {
  writeArray(e, entity, (p) => {
    e.writeString(p.type);
    e.writeString(p.name);
  });
}

export function describeClientQuotas(components: Array<{ type: string; match: number; name: string | null }>, strict: boolean): ProtocolRequest {
  return apiRequest('DescribeClientQuotas', 0, {
    encode: (e) => {
      writeArray(e, components, (c) => {
        e.writeString(c.type);
        e.writeInt8(c.match);
        e.writeString(c.name);
      });
      e.writeBoolean(strict);
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readString() as string | null;
      const entries: QuotaEntry[] = d.readArray(() => ({ entity: readEntity(d), values: d.readArray(() => ({ key: d.readString(), value: readDouble(d) })) })) ?? [];
      return { errorCode, errorMessage, entries };
    },
  });
}

export function alterClientQuotas(entity: QuotaEntity, ops: Array<{ key: string; value: number | null }>, validateOnly: boolean): ProtocolRequest {
  return apiRequest('AlterClientQuotas', 0, {
    encode: (e) => {
      e.writeInt32(1);
      writeEntity(e, entity);
      writeArray(e, ops, (o) => {
        e.writeString(o.key);
        writeDouble(e, o.value ?? 0);
        e.writeBoolean(o.value === null);
      });
      e.writeBoolean(validateOnly);
    },
    decode: (d) => {
      d.readInt32(); // throttle
      return d.readArray(() => ({ errorCode: d.readInt16(), errorMessage: d.readString() as string | null, entity: readEntity(d) }));
    },
  });
}

// ---- DescribeTransactions v0 (to the transaction coordinator) ----

export interface TransactionState {
  errorCode: number;
  transactionalId: string;
  state: string;
  timeoutMs: number;
  /** -1: no transaction under way. */
  startTimeMs: number;
  producerId: number;
  producerEpoch: number;
  partitions: Array<{ topic: string; partition: number }>;
}

export function describeTransactions(ids: string[]): ProtocolRequest {
  return flexibleRequest('DescribeTransactions', 0, {
    encode: (e) => writeCompactArray(e, ids, (id) => e.writeUVarIntString(id)),
    decode: (d): TransactionState[] => {
      d.readInt32(); // throttle
      return readCompactArray(d, (): TransactionState => {
        const t: TransactionState = {
          errorCode: d.readInt16(),
          transactionalId: d.readUVarIntString(),
          state: d.readUVarIntString(),
          timeoutMs: d.readInt32(),
          startTimeMs: Number(d.readInt64()),
          producerId: Number(d.readInt64()),
          producerEpoch: d.readInt16(),
          partitions: readCompactArray(d, () => {
            const topic = d.readUVarIntString();
            const ps = readCompactInt32s(d);
            d.readTaggedFields();
            return ps.map((partition) => ({ topic, partition }));
          }).flat(),
        };
        return withTagged(d, t);
      });
    },
  });
}

// ---- AlterPartitionReassignments v0 / ListPartitionReassignments v0 ----

/** `replicas` null: cancel the partition's reassignment. */
export function alterPartitionReassignments(parts: Array<{ topic: string; partition: number; replicas: number[] | null }>, timeoutMs: number): ProtocolRequest {
  return flexibleRequest('AlterPartitionReassignments', 0, {
    encode: (e) => {
      e.writeInt32(timeoutMs);
      writeCompactTopicPartitions(e, [...groupByTopic(parts)], (p) => {
        e.writeInt32(p.partition);
        if (p.replicas === null) e.writeUVarInt(0);
        else writeCompactInt32s(e, p.replicas);
        e.writeUVarInt(0);
      });
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString() as string | null;
      const partitions = readCompactTopicPartitions(d, () => d.readUVarIntString(), (topic, partition) => ({ topic, partition, errorCode: d.readInt16(), errorMessage: d.readUVarIntString() as string | null }));
      return { errorCode, errorMessage, partitions };
    },
  });
}

export interface OngoingReassignment {
  topic: string;
  partition: number;
  replicas: number[];
  adding: number[];
  removing: number[];
}

/** `parts` null: every ongoing reassignment. */
export function listPartitionReassignments(parts: Array<{ topic: string; partition: number }> | null, timeoutMs: number): ProtocolRequest {
  return flexibleRequest('ListPartitionReassignments', 0, {
    encode: (e) => {
      e.writeInt32(timeoutMs);
      writeCompactTopicPartitions(e, parts && [...groupByTopic(parts)], (p) => e.writeInt32(p.partition));
    },
    decode: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString() as string | null;
      const reassignments = readCompactTopicPartitions(
        d,
        () => d.readUVarIntString(),
        (topic, partition): OngoingReassignment => ({ topic, partition, replicas: readCompactInt32s(d), adding: readCompactInt32s(d), removing: readCompactInt32s(d) }),
      );
      return { errorCode, errorMessage, reassignments };
    },
  });
}
