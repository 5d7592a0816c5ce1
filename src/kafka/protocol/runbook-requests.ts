// Requests of the runbook commands that kafkajs lacks. Each is a request/response object for
// kafkajs' Connection.send, encoded with kafkajs' Encoder/Decoder, as in admin-requests.ts.
//
//   DeleteRecords v1 (key 21): move partitions' log start offsets forward
//   DescribeQuorum v2 (key 55, flexible): the KRaft metadata quorum's leader, voters, observers
//   ElectLeaders v1 (key 43): preferred or unclean leader elections, on some partitions or all
//   DescribeLogDirs v1 (key 35): a broker's log directories and the size of each replica in them
//   DescribeClientQuotas v0 (key 48), AlterClientQuotas v0 (key 49): user, client-id and ip quotas
//   ListTransactions v0 (key 66), DescribeTransactions v0 (key 65), DescribeProducers v0 (key 61), flexible
//   AlterPartitionReassignments v0 (key 45), ListPartitionReassignments v0 (key 46), flexible
//   ApiVersions v4 (key 18, flexible body, v0 response header): supported and finalized features
//   (v4, not v3: brokers leave out the features whose range starts at 0 before v4, KIP-1022)
import type { KafkajsDecoder, KafkajsEncoder } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';
import type { ProtocolRequest } from './admin-requests.js';

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;
const { Encoder } = kafkajs();
const { Decoder } = kafkajs();

// ---- DeleteRecords v1 (to each partition's leader) ----

export interface DeleteRecordsPartition {
  topic: string;
  partition: number;
  lowWatermark: number;
  errorCode: number;
}

export function deleteRecords(wanted: Array<{ topic: string; partition: number; offset: number }>, timeoutMs: number): ProtocolRequest {
  const byTopic = new Map<string, Array<{ partition: number; offset: number }>>();
  for (const w of wanted) (byTopic.get(w.topic) ?? byTopic.set(w.topic, []).get(w.topic)!).push(w);
  return {
    request: {
      apiKey: 21,
      apiVersion: 1,
      apiName: 'DeleteRecords',
      encode: async () => {
        const e = new Encoder();
        e.writeInt32(byTopic.size);
        for (const [topic, ps] of byTopic) {
          e.writeString(topic);
          e.writeInt32(ps.length);
          for (const p of ps) {
            e.writeInt32(p.partition);
            e.writeInt64(p.offset);
          }
        }
        e.writeInt32(timeoutMs);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer): Promise<DeleteRecordsPartition[]> => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        const topics = d.readArray((t: Dec) => {
          const topic = t.readString();
          return t.readArray((p: Dec) => ({ topic, partition: p.readInt32(), lowWatermark: Number(p.readInt64()), errorCode: p.readInt16() }));
        }) as DeleteRecordsPartition[][];
        return topics.flat();
      },
      parse: async (data: unknown) => data,
    },
  };
}

const readUuid = (d: Dec): string => Buffer.from(d.readBytes(16)).toString('base64url');
const flexibleRequest = (body: (e: Enc) => void) => async () => {
  const e = new Encoder();
  e.writeUVarInt(0); // request header v2: tagged fields after the client id
  body(e);
  e.writeUVarInt(0);
  return e;
};

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

// ---- DescribeQuorum v2 ----

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

export function describeQuorum(): ProtocolRequest {
  return {
    request: {
      apiKey: 55,
      apiVersion: 2,
      apiName: 'DescribeQuorum',
      encode: flexibleRequest((e) => {
        e.writeUVarInt(2);
        e.writeUVarIntString('__cluster_metadata');
        e.writeUVarInt(2);
        e.writeInt32(0);
        e.writeUVarInt(0);
        e.writeUVarInt(0);
      }),
    },
    response: {
      decode: async (raw: Buffer): Promise<QuorumDescription> => {
        const d = new Decoder(raw);
        d.readTaggedFields(); // response header v1
        const out: QuorumDescription = { errorCode: d.readInt16(), errorMessage: d.readUVarIntString(), leaderId: -1, leaderEpoch: -1, highWatermark: -1, voters: [], observers: [], nodes: [] };
        const replica = (r: Dec): QuorumReplica => {
          const x = { replicaId: r.readInt32(), directoryId: readUuid(r), logEndOffset: Number(r.readInt64()), lastFetchTimestamp: Number(r.readInt64()), lastCaughtUpTimestamp: Number(r.readInt64()) };
          r.readTaggedFields();
          return x;
        };
        d.readUVarIntArray((t: Dec) => {
          t.readUVarIntString();
          t.readUVarIntArray((p: Dec) => {
            p.readInt32();
            const errorCode = p.readInt16();
            const errorMessage = p.readUVarIntString();
            if (errorCode && !out.errorCode) Object.assign(out, { errorCode, errorMessage });
            out.leaderId = p.readInt32();
            out.leaderEpoch = p.readInt32();
            out.highWatermark = Number(p.readInt64());
            out.voters = p.readUVarIntArray(replica) ?? [];
            out.observers = p.readUVarIntArray(replica) ?? [];
            p.readTaggedFields();
          });
          t.readTaggedFields();
        });
        out.nodes =
          d.readUVarIntArray((n: Dec) => {
            const nodeId = n.readInt32();
            const listeners =
              n.readUVarIntArray((l: Dec) => {
                const x = { name: l.readUVarIntString(), host: l.readUVarIntString(), port: l.readInt16() & 0xffff };
                l.readTaggedFields();
                return x;
              }) ?? [];
            n.readTaggedFields();
            return { nodeId, listeners };
          }) ?? [];
        return out;
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- ApiVersions v4: features ----

export interface FeatureDescription {
  supported: Array<{ name: string; minVersion: number; maxVersion: number }>;
  /** -1 when the broker sent none. */
  finalizedEpoch: number;
  finalized: Array<{ name: string; maxVersionLevel: number; minVersionLevel: number }>;
}

export function apiVersionsFeatures(): ProtocolRequest {
  return {
    request: {
      apiKey: 18,
      apiVersion: 4,
      apiName: 'ApiVersions',
      encode: flexibleRequest((e) => {
        e.writeUVarIntString('kfk');
        e.writeUVarIntString('0.1.0');
      }),
    },
    response: {
      decode: async (raw: Buffer): Promise<FeatureDescription & { errorCode: number }> => {
        // ApiVersions answers with response header v0, whatever its version.
        const d = new Decoder(raw);
        const errorCode = d.readInt16();
        d.readUVarIntArray((a: Dec) => {
          a.readInt16();
          a.readInt16();
          a.readInt16();
          a.readTaggedFields();
        });
        d.readInt32(); // throttle
        const tagged = readTagged(d);
        const out: FeatureDescription & { errorCode: number } = { errorCode, supported: [], finalizedEpoch: -1, finalized: [] };
        const supported = tagged.get(0);
        if (supported) {
          out.supported =
            new Decoder(supported).readUVarIntArray((f: Dec) => {
              const x = { name: f.readUVarIntString(), minVersion: f.readInt16(), maxVersion: f.readInt16() };
              f.readTaggedFields();
              return x;
            }) ?? [];
        }
        const epoch = tagged.get(1);
        if (epoch) out.finalizedEpoch = Number(new Decoder(epoch).readInt64());
        const finalized = tagged.get(2);
        if (finalized) {
          out.finalized =
            new Decoder(finalized).readUVarIntArray((f: Dec) => {
              const x = { name: f.readUVarIntString(), maxVersionLevel: f.readInt16(), minVersionLevel: f.readInt16() };
              f.readTaggedFields();
              return x;
            }) ?? [];
        }
        return out;
      },
      parse: async (data: unknown) => data,
    },
  };
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
  const byTopic = new Map<string, number[]>();
  for (const p of partitions ?? []) (byTopic.get(p.topic) ?? byTopic.set(p.topic, []).get(p.topic)!).push(p.partition);
  return {
    request: {
      apiKey: 43,
      apiVersion: 1,
      apiName: 'ElectLeaders',
      encode: async () => {
        const e = new Encoder();
        e.writeInt8(electionType);
        if (partitions === null) e.writeInt32(-1);
        else {
          e.writeInt32(byTopic.size);
          for (const [topic, ps] of byTopic) {
            e.writeString(topic);
            e.writeInt32(ps.length);
            ps.forEach((p) => e.writeInt32(p));
          }
        }
        e.writeInt32(timeoutMs);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        const errorCode = d.readInt16();
        const results = d.readArray((t: Dec) => {
          const topic = t.readString();
          return t.readArray((p: Dec): ElectionResult => ({ topic, partition: p.readInt32(), errorCode: p.readInt16(), errorMessage: p.readString() }));
        }).flat();
        return { errorCode, results };
      },
      parse: async (data: unknown) => data,
    },
  };
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
  return {
    request: {
      apiKey: 35,
      apiVersion: 1,
      apiName: 'DescribeLogDirs',
      encode: async () => {
        const e = new Encoder();
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
      decode: async (raw: Buffer): Promise<LogDirResult[]> => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        return d.readArray((r: Dec): LogDirResult => {
          const errorCode = r.readInt16();
          const logDir = r.readString();
          const replicas = r
            .readArray((t: Dec) => {
              const topic = t.readString();
              return t.readArray((p: Dec): LogDirReplica => ({ topic, partition: p.readInt32(), size: Number(p.readInt64()), offsetLag: Number(p.readInt64()), isFuture: p.readBoolean() }));
            })
            .flat();
          return { errorCode, logDir, replicas };
        });
      },
      parse: async (data: unknown) => data,
    },
  };
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
  e.writeInt32(entity.length);
  for (const p of entity) {
    e.writeString(p.type);
    e.writeString(p.name);
  }
}

export function describeClientQuotas(components: Array<{ type: string; match: number; name: string | null }>, strict: boolean): ProtocolRequest {
  return {
    request: {
      apiKey: 48,
      apiVersion: 0,
      apiName: 'DescribeClientQuotas',
      encode: async () => {
        const e = new Encoder();
        e.writeInt32(components.length);
        for (const c of components) {
          e.writeString(c.type);
          e.writeInt8(c.match);
          e.writeString(c.name);
        }
        e.writeBoolean(strict);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        const errorCode = d.readInt16();
        const errorMessage = d.readString() as string | null;
        const entries: QuotaEntry[] = d.readArray((x: Dec) => ({ entity: readEntity(x), values: x.readArray((v: Dec) => ({ key: v.readString(), value: readDouble(v) })) })) ?? [];
        return { errorCode, errorMessage, entries };
      },
      parse: async (data: unknown) => data,
    },
  };
}

export function alterClientQuotas(entity: QuotaEntity, ops: Array<{ key: string; value: number | null }>, validateOnly: boolean): ProtocolRequest {
  return {
    request: {
      apiKey: 49,
      apiVersion: 0,
      apiName: 'AlterClientQuotas',
      encode: async () => {
        const e = new Encoder();
        e.writeInt32(1);
        writeEntity(e, entity);
        e.writeInt32(ops.length);
        for (const o of ops) {
          e.writeString(o.key);
          writeDouble(e, o.value ?? 0);
          e.writeBoolean(o.value === null);
        }
        e.writeBoolean(validateOnly);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle
        return d.readArray((x: Dec) => ({ errorCode: x.readInt16(), errorMessage: x.readString() as string | null, entity: readEntity(x) }));
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- ListTransactions v0 (to each broker) ----

export interface TransactionListing {
  transactionalId: string;
  producerId: number;
  state: string;
}

export function listTransactions(): ProtocolRequest {
  return {
    request: {
      apiKey: 66,
      apiVersion: 0,
      apiName: 'ListTransactions',
      encode: flexibleRequest((e) => {
        e.writeUVarInt(1); // StateFilters: none
        e.writeUVarInt(1); // ProducerIdFilters: none
      }),
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields(); // response header v1
        d.readInt32(); // throttle
        const errorCode = d.readInt16();
        d.readUVarIntArray((x: Dec) => x.readUVarIntString());
        const transactions =
          d.readUVarIntArray((x: Dec): TransactionListing => {
            const t = { transactionalId: x.readUVarIntString(), producerId: Number(x.readInt64()), state: x.readUVarIntString() };
            x.readTaggedFields();
            return t;
          }) ?? [];
        return { errorCode, transactions };
      },
      parse: async (data: unknown) => data,
    },
  };
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
  return {
    request: {
      apiKey: 65,
      apiVersion: 0,
      apiName: 'DescribeTransactions',
      encode: flexibleRequest((e) => {
        e.writeUVarInt(ids.length + 1);
        ids.forEach((id) => e.writeUVarIntString(id));
      }),
    },
    response: {
      decode: async (raw: Buffer): Promise<TransactionState[]> => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        return (
          d.readUVarIntArray((x: Dec): TransactionState => {
            const t: TransactionState = {
              errorCode: x.readInt16(),
              transactionalId: x.readUVarIntString(),
              state: x.readUVarIntString(),
              timeoutMs: x.readInt32(),
              startTimeMs: Number(x.readInt64()),
              producerId: Number(x.readInt64()),
              producerEpoch: x.readInt16(),
              partitions: (
                x.readUVarIntArray((tp: Dec) => {
                  const topic = tp.readUVarIntString();
                  const ps = tp.readUVarIntArray((p: Dec) => p.readInt32()) ?? [];
                  tp.readTaggedFields();
                  return ps.map((partition) => ({ topic, partition }));
                }) ?? []
              ).flat(),
            };
            x.readTaggedFields();
            return t;
          }) ?? []
        );
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- DescribeProducers v0 (to the partition's leader) ----

export interface ProducerState {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  /** -1: no transaction under way. */
  currentTxnStartOffset: number;
}

export function describeProducers(topic: string, partition: number): ProtocolRequest {
  return {
    request: {
      apiKey: 61,
      apiVersion: 0,
      apiName: 'DescribeProducers',
      encode: flexibleRequest((e) => {
        e.writeUVarInt(2);
        e.writeUVarIntString(topic);
        e.writeUVarInt(2);
        e.writeInt32(partition);
        e.writeUVarInt(0);
      }),
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const out: Array<{ errorCode: number; errorMessage: string | null; producers: ProducerState[] }> = [];
        d.readUVarIntArray((t: Dec) => {
          t.readUVarIntString();
          t.readUVarIntArray((p: Dec) => {
            p.readInt32();
            const errorCode = p.readInt16();
            const errorMessage = p.readUVarIntString() as string | null;
            const producers =
              p.readUVarIntArray((x: Dec): ProducerState => {
                const s = { producerId: Number(x.readInt64()), producerEpoch: x.readInt32(), lastSequence: x.readInt32(), lastTimestamp: Number(x.readInt64()), coordinatorEpoch: x.readInt32(), currentTxnStartOffset: Number(x.readInt64()) };
                x.readTaggedFields();
                return s;
              }) ?? [];
            p.readTaggedFields();
            out.push({ errorCode, errorMessage, producers });
          });
          t.readTaggedFields();
        });
        return out[0] ?? { errorCode: 3, errorMessage: null, producers: [] };
      },
      parse: async (data: unknown) => data,
    },
  };
}

// ---- AlterPartitionReassignments v0 / ListPartitionReassignments v0 ----

function groupByTopic<T extends { topic: string }>(items: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) (m.get(i.topic) ?? m.set(i.topic, []).get(i.topic)!).push(i);
  return m;
}

/** `replicas` null: cancel the partition's reassignment. */
export function alterPartitionReassignments(parts: Array<{ topic: string; partition: number; replicas: number[] | null }>, timeoutMs: number): ProtocolRequest {
  return {
    request: {
      apiKey: 45,
      apiVersion: 0,
      apiName: 'AlterPartitionReassignments',
      encode: flexibleRequest((e) => {
        e.writeInt32(timeoutMs);
        const byTopic = groupByTopic(parts);
        e.writeUVarInt(byTopic.size + 1);
        for (const [topic, ps] of byTopic) {
          e.writeUVarIntString(topic);
          e.writeUVarInt(ps.length + 1);
          for (const p of ps) {
            e.writeInt32(p.partition);
            if (p.replicas === null) e.writeUVarInt(0);
            else {
              e.writeUVarInt(p.replicas.length + 1);
              p.replicas.forEach((r) => e.writeInt32(r));
            }
            e.writeUVarInt(0);
          }
          e.writeUVarInt(0);
        }
      }),
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16();
        const errorMessage = d.readUVarIntString() as string | null;
        const partitions =
          d.readUVarIntArray((t: Dec) => {
            const topic = t.readUVarIntString();
            const ps =
              t.readUVarIntArray((p: Dec) => {
                const r = { topic, partition: p.readInt32(), errorCode: p.readInt16(), errorMessage: p.readUVarIntString() as string | null };
                p.readTaggedFields();
                return r;
              }) ?? [];
            t.readTaggedFields();
            return ps;
          }) ?? [];
        return { errorCode, errorMessage, partitions: partitions.flat() };
      },
      parse: async (data: unknown) => data,
    },
  };
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
  return {
    request: {
      apiKey: 46,
      apiVersion: 0,
      apiName: 'ListPartitionReassignments',
      encode: flexibleRequest((e) => {
        e.writeInt32(timeoutMs);
        if (parts === null) e.writeUVarInt(0);
        else {
          const byTopic = groupByTopic(parts);
          e.writeUVarInt(byTopic.size + 1);
          for (const [topic, ps] of byTopic) {
            e.writeUVarIntString(topic);
            e.writeUVarInt(ps.length + 1);
            ps.forEach((p) => e.writeInt32(p.partition));
            e.writeUVarInt(0);
          }
        }
      }),
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readTaggedFields();
        d.readInt32();
        const errorCode = d.readInt16();
        const errorMessage = d.readUVarIntString() as string | null;
        const ints = (x: Dec) => x.readUVarIntArray((y: Dec) => y.readInt32()) ?? [];
        const reassignments =
          d.readUVarIntArray((t: Dec) => {
            const topic = t.readUVarIntString();
            const ps =
              t.readUVarIntArray((p: Dec): OngoingReassignment => {
                const r = { topic, partition: p.readInt32(), replicas: ints(p), adding: ints(p), removing: ints(p) };
                p.readTaggedFields();
                return r;
              }) ?? [];
            t.readTaggedFields();
            return ps;
          }) ?? [];
        return { errorCode, errorMessage, reassignments: reassignments.flat() };
      },
      parse: async (data: unknown) => data,
    },
  };
}
