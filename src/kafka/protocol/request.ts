// One request/response object for kafkajs' Connection.send, from the parts that differ per API:
// the body's encoding and the answer's decoding. Flexible versions (KIP-482) go through
// flexibleRequest(), which adds the headers' tagged fields. Below: the readers and writers of the
// shapes many APIs share (compact arrays, topic ids, topics with their partitions).
import type { KafkajsDecoder, KafkajsEncoder, ProtocolRequest } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';

export interface RequestSpec<T> {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  encode(e: KafkajsEncoder): void;
  decode(d: KafkajsDecoder): T;
  /** What the caller gets (kafkajs' parse step): the decoded answer itself unless given; may throw a broker error. */
  parse?(data: T): Promise<unknown>;
}

export function protocolRequest<T>(spec: RequestSpec<T>): ProtocolRequest {
  const { Encoder, Decoder } = kafkajs();
  return {
    request: {
      apiKey: spec.apiKey,
      apiVersion: spec.apiVersion,
      apiName: spec.apiName,
      encode: async () => {
        const e = new Encoder();
        spec.encode(e);
        return e;
      },
    },
    response: {
      decode: async (raw: Buffer) => spec.decode(new Decoder(raw)),
      parse: (spec.parse ?? (async (data: T) => data)) as (data: unknown) => Promise<unknown>,
    },
  };
}

/**
 * The per-topic, per-partition array of a non-flexible answer (Produce, Fetch, OffsetFetch,
 * DeleteRecords, ...), flattened: `read` reads one partition's fields after its index.
 */
export function readTopicPartitions<T>(d: KafkajsDecoder, read: (topic: string, partition: number) => T): T[] {
  const out: T[] = [];
  const topics = d.readInt32();
  for (let t = 0; t < topics; t++) {
    const topic = d.readString();
    const n = d.readInt32();
    for (let i = 0; i < n; i++) out.push(read(topic, d.readInt32()));
  }
  return out;
}

/** Kafka's API keys (ApiKeys.java) of the requests kfk encodes itself, by Kafka's API name. */
export const API_KEYS = {
  Produce: 0,
  Fetch: 1,
  OffsetCommit: 8,
  OffsetFetch: 9,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  WriteTxnMarkers: 27,
  DescribeAcls: 29,
  CreateAcls: 30,
  DeleteAcls: 31,
  AlterReplicaLogDirs: 34,
  DescribeLogDirs: 35,
  CreatePartitions: 37,
  CreateDelegationToken: 38,
  RenewDelegationToken: 39,
  ExpireDelegationToken: 40,
  DescribeDelegationToken: 41,
  DeleteGroups: 42,
  ElectLeaders: 43,
  IncrementalAlterConfigs: 44,
  AlterPartitionReassignments: 45,
  ListPartitionReassignments: 46,
  OffsetDelete: 47,
  DescribeClientQuotas: 48,
  AlterClientQuotas: 49,
  DescribeUserScramCredentials: 50,
  AlterUserScramCredentials: 51,
  DescribeQuorum: 55,
  UpdateFeatures: 57,
  DescribeCluster: 60,
  UnregisterBroker: 64,
  DescribeProducers: 61,
  DescribeTransactions: 65,
  ListTransactions: 66,
  ConsumerGroupHeartbeat: 68,
  ConsumerGroupDescribe: 69,
  ListConfigResources: 74,
  DescribeTopicPartitions: 75,
  ShareGroupHeartbeat: 76,
  ShareGroupDescribe: 77,
  ShareFetch: 78,
  ShareAcknowledge: 79,
  AddRaftVoter: 80,
  RemoveRaftVoter: 81,
  StreamsGroupDescribe: 89,
  DescribeShareGroupOffsets: 90,
  AlterShareGroupOffsets: 91,
  DeleteShareGroupOffsets: 92,
  UnregisterController: 94,
} as const;
export type ApiName = keyof typeof API_KEYS;

/** What differs per API and version: the body's encoding, the answer's decoding. */
export type Codec<T> = Omit<RequestSpec<T>, 'apiKey' | 'apiVersion' | 'apiName'>;

/** protocolRequest() for an API of API_KEYS, by its name. */
export function apiRequest<T>(api: ApiName, version: number, codec: Codec<T>): ProtocolRequest {
  return protocolRequest({ apiKey: API_KEYS[api], apiVersion: version, apiName: api, ...codec });
}

/**
 * A request of a flexible version (KIP-482): request header v2 and response header v1. Their
 * tagged fields are written and read here, and so are the body's own trailing tagged fields:
 * `encode` writes the body's fields, `decode` reads the body from its first field.
 */
export function flexibleRequest<T>(api: ApiName, version: number, codec: Codec<T>): ProtocolRequest {
  return apiRequest(api, version, {
    ...codec,
    encode: (e) => {
      e.writeUVarInt(0); // request header v2: tagged fields after the client id
      codec.encode(e);
      e.writeUVarInt(0);
    },
    decode: (d) => {
      d.readTaggedFields(); // response header v1
      return codec.decode(d);
    },
  });
}

type Dec = KafkajsDecoder;
type Enc = KafkajsEncoder;

/** Items by topic, in the order their topics first appear: the shape of every per-topic request. */
export function groupByTopic<T extends { topic: string }>(items: Iterable<T>): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(i.topic);
    if (list) list.push(i);
    else m.set(i.topic, [i]);
  }
  return m;
}

/** Kafka 16-byte UUIDs (topic ids) as Kafka prints them: base64url without padding. */
export const readUuid = (d: Dec): string => Buffer.from(d.readBytes(16)).toString('base64url');
export function writeUuid(e: Enc, id: string): void {
  e.writeBuffer(Buffer.from(id, 'base64url'));
}

/** A non-flexible array: its length, then `each` for every item; null writes the null array. */
export function writeArray<T>(e: Enc, items: readonly T[] | null, each: (item: T) => void): void {
  if (!items) {
    e.writeInt32(-1);
    return;
  }
  e.writeInt32(items.length);
  for (const i of items) each(i);
}

/** A non-flexible array of INT32s. */
export const writeInt32s = (e: Enc, ns: readonly number[]): void => writeArray(e, ns, (n) => e.writeInt32(n));

/** A compact array (flexible versions); null (or none) writes the null array. */
export function writeCompactArray<T>(e: Enc, items: readonly T[] | null | undefined, each: (item: T) => void): void {
  if (!items) {
    e.writeUVarInt(0);
    return;
  }
  e.writeUVarInt(items.length + 1);
  for (const i of items) each(i);
}

/** Compact bytes (flexible versions): length + 1 as an unsigned varint, then the bytes. */
export function writeCompactBytes(e: Enc, b: Buffer): void {
  e.writeUVarInt(b.length + 1);
  e.writeBuffer(b);
}

/** Compact bytes; null reads as empty. */
export function readCompactBytes(d: Dec): Buffer {
  const n = d.readUVarInt() - 1;
  return n > 0 ? Buffer.from(d.readBytes(n)) : Buffer.alloc(0);
}

/** A compact array (flexible versions); the null array reads as empty. */
export const readCompactArray = <T>(d: Dec, each: (d: Dec) => T): T[] => d.readUVarIntArray(each) ?? [];
export const readCompactInt32s = (d: Dec): number[] => readCompactArray(d, (x) => x.readInt32());
export const writeCompactInt32s = (e: Enc, ns: readonly number[]): void => writeCompactArray(e, ns, (n) => e.writeInt32(n));

/**
 * A non-flexible array of topics, each with its array of partitions (`each` writes one); null
 * (or none) writes the null array (all topics, for the APIs that take it so).
 */
export function writeTopicPartitions<T>(e: Enc, topics: ReadonlyArray<readonly [string, readonly T[]]> | null | undefined, each: (p: T) => void): void {
  writeArray(e, topics ?? null, ([topic, ps]) => {
    e.writeString(topic);
    writeArray(e, ps, each);
  });
}

/** The flexible form of writeTopicPartitions: compact arrays, and the topic's tagged fields. */
export function writeCompactTopicPartitions<T>(e: Enc, topics: ReadonlyArray<readonly [string, readonly T[]]> | null | undefined, each: (p: T) => void): void {
  writeCompactArray(e, topics, ([topic, ps]) => {
    e.writeUVarIntString(topic);
    writeCompactArray(e, ps, each);
    e.writeUVarInt(0);
  });
}

/**
 * The per-topic, per-partition array of a flexible answer, flattened: `readTopic` reads a topic's
 * fields before its partitions (its name, id, or both), `read` one partition's fields after its
 * index; the tagged fields of partitions and topics are read here.
 */
export function readCompactTopicPartitions<K, T>(d: Dec, readTopic: (d: Dec) => K, read: (topic: K, partition: number) => T): T[] {
  const out: T[] = [];
  readCompactArray(d, () => {
    const topic = readTopic(d);
    readCompactArray(d, () => {
      out.push(read(topic, d.readInt32()));
      d.readTaggedFields();
    });
    d.readTaggedFields();
  });
  return out;
}

/** Topics by id with their partitions (KIP-848 and share group assignments): a compact array. */
export function writeTopicIdPartitions(e: Enc, topics: ReadonlyArray<{ topicId: string; partitions: readonly number[] }> | null): void {
  writeCompactArray(e, topics, (t) => {
    writeUuid(e, t.topicId);
    writeCompactInt32s(e, t.partitions);
    e.writeUVarInt(0);
  });
}

/**
 * Topics by id with their partitions, as assignments come (KIP-848 and share groups); `named`:
 * with the topic's name after its id, as the describe APIs give them.
 */
export function readTopicIdPartitions(d: Dec): Array<{ topicId: string; partitions: number[] }>;
export function readTopicIdPartitions(d: Dec, named: true): Array<{ topicId: string; topic: string; partitions: number[] }>;
export function readTopicIdPartitions(d: Dec, named = false): Array<{ topicId: string; topic?: string; partitions: number[] }> {
  return readCompactArray(d, () => {
    const topicId = readUuid(d);
    const topic = named ? d.readUVarIntString() : undefined;
    const partitions = readCompactInt32s(d);
    d.readTaggedFields();
    return named ? { topicId, topic, partitions } : { topicId, partitions };
  });
}

// ---- Bodies written straight into a buffer: the hot paths (Produce, Fetch) ----

/**
 * A stand-in for kafkajs' Encoder around a buffer we filled ourselves: the body is
 * `buf[headroom..]`, and the bytes before it are free for the request framing
 * (src/kafka/wire/kafkajs-request.cjs frames it there, without a copy).
 */
export function rawBody(buf: Buffer, headroom = 0) {
  const body = headroom ? buf.subarray(headroom) : buf;
  return { buf, headroom, get buffer() { return body; }, size: () => body.length };
}

/** A topic's name (int16 length, UTF-8) and the count of its partitions that follow, at `off`; the offset after them. */
export function putTopic(b: Buffer, off: number, topic: string, partitions: number): number {
  const o = b.writeInt16BE(Buffer.byteLength(topic), off);
  return b.writeInt32BE(partitions, o + b.write(topic, o));
}
