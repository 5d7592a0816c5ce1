// The parts of kafkajs' internal Cluster and Broker (src/cluster/index.js, src/broker/index.js)
// that kfk calls, typed: every call into kafkajs' internals goes through these two interfaces,
// so a misspelled method or a wrong argument does not compile. kafkajs ships types for its
// public API only.
import type { RawMetadata } from './metadata.js';

/**
 * A request body as kafkajs' request framing takes it (src/kafka/wire/kafkajs-request.cjs):
 * kafkajs' Encoder, a buffer of our own with free room (`headroom`) in front of the body in `buf`,
 * or the body's pieces in order (`chunks`, written to the socket one after the other).
 */
export type EncodedBody = { readonly buffer: Buffer; buf?: Buffer; headroom?: number } | { readonly chunks: Buffer[]; size(): number };

/** The bytes of a body, in one buffer. */
export function bodyBytes(body: EncodedBody): Buffer {
  return 'chunks' in body ? Buffer.concat(body.chunks) : body.buffer;
}

export interface ProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<EncodedBody> };
  response: { decode(raw: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
}

export interface ApiVersionRange {
  minVersion: number;
  maxVersion: number;
}

/** A request of our own on a broker connection; `requestTimeout` bounds the wait for its answer. */
export type WireRequest = ProtocolRequest & { requestTimeout?: number };

export interface KafkajsConnectionPool {
  send<T = unknown>(request: WireRequest): Promise<T>;
  /** The broker's connections: kafkajs sends Fetch on the second, everything else on the first. */
  pool?: Array<{ rejectRequests(error: Error): void }>;
}

export interface TopicPartitions<P = number> {
  topic: string;
  partitions: P[];
}

export interface KafkajsBroker {
  nodeId: number;
  /** Whether its Metadata requests let the broker create a topic they name (read as each is built). */
  allowAutoTopicCreation: boolean;
  /** ApiVersions answer: api key -> version range. */
  versions: Record<number, ApiVersionRange> | null;
  connectionPool: KafkajsConnectionPool;
  isConnected(): boolean;
  metadata(topics?: string[]): Promise<RawMetadata>;
  initProducerId(args: { transactionalId?: string; transactionTimeout: number }): Promise<{ producerId: string; producerEpoch: number }>;
  addPartitionsToTxn(args: { transactionalId?: string; producerId: number; producerEpoch: number; topics: TopicPartitions[] }): Promise<unknown>;
  endTxn(args: { transactionalId?: string; producerId: number; producerEpoch: number; transactionResult: boolean }): Promise<unknown>;
  findGroupCoordinator(args: { groupId: string; coordinatorType?: number }): Promise<{ coordinator: { nodeId: number; host: string; port: number } }>;
  listGroups(): Promise<{ groups: Array<{ groupId: string; protocolType: string }> }>;
  listOffsets(args: {
    replicaId?: number;
    isolationLevel?: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number | string }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; errorCode: number; offset?: string; offsets?: string[] }> }> }>;
  describeConfigs(args: {
    resources: Array<{ type: number; name: string; configNames?: string[] }>;
    includeSynonyms?: boolean;
  }): Promise<{ resources: Array<{ errorCode: number; errorMessage: string | null; resourceType: number; resourceName: string; configEntries: Array<KafkajsConfigEntry> }> }>;
  offsetCommit(args: {
    groupId: string;
    groupGenerationId?: number;
    memberId?: string;
    retentionTime?: number;
    topics: Array<TopicPartitions<{ partition: number; offset: string; metadata?: string | null }>>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; errorCode: number }> }> }>;
  offsetFetch(args: { groupId: string; topics: Array<TopicPartitions<{ partition: number }>> | null }): Promise<{
    responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata: string | null; errorCode: number }> }>;
  }>;
  joinGroup(args: {
    groupId: string;
    sessionTimeout: number;
    rebalanceTimeout: number;
    memberId: string;
    groupInstanceId?: string | null;
    protocolType: string;
    groupProtocols: Array<{ name: string; metadata: Buffer }>;
  }): Promise<{ generationId: number; groupProtocol: string; leaderId: string; memberId: string; members: Array<{ memberId: string; memberMetadata: Buffer }> }>;
  syncGroup(args: { groupId: string; generationId: number; memberId: string; groupAssignment: Array<{ memberId: string; memberAssignment: Buffer }> }): Promise<{ memberAssignment: Buffer }>;
  heartbeat(args: { groupId: string; groupGenerationId: number; memberId: string }): Promise<unknown>;
  leaveGroup(args: { groupId: string; memberId: string }): Promise<unknown>;
}

export interface KafkajsConfigEntry {
  configName: string;
  configValue: string | null;
  readOnly: boolean;
  isDefault: boolean;
  configSource: number;
  isSensitive: boolean;
  configSynonyms?: Array<{ configName: string; configValue: string | null; configSource: number }>;
}

export interface KafkajsBrokerPool {
  /** The broker of the first address that answered (the one connection of `--bootstrap-controller`). */
  seedBroker?: KafkajsBroker;
  /** The brokers connected to by node id. */
  brokers?: Record<string, KafkajsBroker>;
  metadata: RawMetadata | null;
  versions: Record<number, ApiVersionRange> | null;
  /** The broker kafkajs sends Metadata requests to (a connected one, else the first that connects). */
  findConnectedBroker?(): Promise<KafkajsBroker>;
  findBroker?(args: { nodeId: number }): Promise<KafkajsBroker>;
}

export interface KafkajsCluster {
  brokerPool: KafkajsBrokerPool;
  targetTopics?: Set<string>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  metadata(args?: { topics?: string[] }): Promise<RawMetadata>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findBroker(args: { nodeId: number }): Promise<KafkajsBroker>;
  findControllerBroker(): Promise<KafkajsBroker>;
  findGroupCoordinator(args: { groupId: string; coordinatorType?: number }): Promise<KafkajsBroker>;
  findGroupCoordinatorMetadata(args: { groupId: string; coordinatorType?: number }): Promise<{ coordinator: { nodeId: number; host: string; port: number } }>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number; leader: number }>;
}

/** kafkajs' protocol Encoder (src/protocol/encoder.js), as the codecs in src/kafka/protocol/ use it. */
export interface KafkajsEncoder {
  readonly buffer: Buffer;
  size(): number;
  writeInt8(v: number): KafkajsEncoder;
  writeInt16(v: number): KafkajsEncoder;
  writeInt32(v: number): KafkajsEncoder;
  writeInt64(v: number | string | bigint): KafkajsEncoder;
  writeBoolean(v: boolean): KafkajsEncoder;
  writeString(v: string | null): KafkajsEncoder;
  writeBuffer(v: Buffer): KafkajsEncoder;
  writeUVarInt(v: number): KafkajsEncoder;
  writeUVarIntString(v: string | null): KafkajsEncoder;
}

/** kafkajs' protocol Decoder (src/protocol/decoder.js). */
export interface KafkajsDecoder {
  offset: number;
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  /** A string of the decimal value (kafkajs keeps 64-bit integers exact). */
  readInt64(): string;
  readBoolean(): boolean;
  /** A nullable field that is null reads as null: the codecs declare those `string | null`. */
  readString(): string;
  /** `length` bytes, or as many as the int32 in front of them says. */
  readBytes(length?: number): Buffer;
  readUVarIntString(): string;
  readUVarInt(): number;
  readArray<T>(read: (d: KafkajsDecoder) => T): T[];
  readUVarIntArray<T>(read: (d: KafkajsDecoder) => T): T[] | null;
  readTaggedFields(): void;
}
