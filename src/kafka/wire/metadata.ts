// Cluster metadata as kfk reads it: the one place where a Metadata answer becomes data.
//
// kafkajs' Metadata response parser (v0, which v1-v6 reuse) throws the first topic or partition
// error it finds. On a degraded cluster every answer carries one: a partition whose leader is
// down says LEADER_NOT_AVAILABLE, and one with a replica on a dead broker says
// REPLICA_NOT_AVAILABLE while its leader serves it. Thrown, either one took every command down,
// whatever topic it was about. So the parser is replaced (installed once, when kafkajs loads, for
// kafkajs' own clients too) with one that keeps every error code as data: a partition without a
// leader has `leader: -1`, a topic the broker does not know (or was deleted, or may not be seen)
// carries its topic error code and no partitions. Each command decides what these mean for it.

import { ERRORS } from './error-codes.js';

export const NO_LEADER = -1;

export const UNKNOWN_TOPIC_OR_PARTITION = ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code;
export const TOPIC_AUTHORIZATION_FAILED = ERRORS.TOPIC_AUTHORIZATION_FAILED.code;
export const LEADER_NOT_AVAILABLE = ERRORS.LEADER_NOT_AVAILABLE.code;

export interface PartitionState {
  partition: number;
  /** -1 (NO_LEADER) when the partition has no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
  /** Replicas on brokers that are not alive (Metadata v5+; else empty). */
  offline: number[];
  /** The broker's error code for this partition (0, LEADER_NOT_AVAILABLE, REPLICA_NOT_AVAILABLE, ...). */
  errorCode: number;
}

export interface TopicState {
  name: string;
  /** 0, or why the topic has no partitions here (UNKNOWN_TOPIC_OR_PARTITION, TOPIC_AUTHORIZATION_FAILED, ...). */
  errorCode: number;
  internal: boolean;
  partitions: PartitionState[];
}

export interface BrokerState {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterState {
  clusterId: string | null;
  /** -1 when the answer named none. */
  controllerId: number;
  brokers: BrokerState[];
  topics: TopicState[];
}

/** kafkajs' decoded Metadata response (v0-v6 field names). */
export interface RawMetadata {
  clusterId?: string | null;
  controllerId?: number;
  brokers: Array<{ nodeId: number; host: string; port: number; rack?: string | null }>;
  topicMetadata: Array<{
    topicErrorCode: number;
    topic: string;
    isInternal?: boolean;
    partitionMetadata: Array<{
      partitionErrorCode: number;
      partitionId: number;
      leader: number;
      replicas: number[];
      isr: number[];
      offlineReplicas?: number[];
    }>;
  }>;
}

interface ResponseModule {
  decode: (raw: Buffer) => Promise<RawMetadata>;
  parse: (data: RawMetadata) => Promise<RawMetadata>;
}

/**
 * Replaces the decode and parse steps of kafkajs' Metadata responses, v0-v6 in this order (each
 * version's module, so the order in which kafkajs loads them does not matter): the answer is
 * returned whole, errors and all, and each topic's partitions are decoded when first read
 * (decodeMetadata).
 */
export function installMetadataDecoding(responses: ResponseModule[]): void {
  responses.forEach((r, version) => {
    r.decode = async (raw) => decodeMetadata(raw, version);
    r.parse = async (data) => data;
  });
}

type RawPartition = RawMetadata['topicMetadata'][number]['partitionMetadata'][number];

/**
 * A topic of a Metadata answer, its partitions decoded from the answer's bytes when first read.
 * The commands that connect for every topic (`topic list`, `describe`, `offsets`) read the
 * partitions of none or a few of them: decoding them all (an object and three arrays per
 * partition) cost 8-9 ms per 1000 partitions of the cluster at every start.
 */
class LazyTopic {
  private decoded: RawPartition[] | undefined;
  constructor(
    readonly topicErrorCode: number,
    readonly topic: string,
    readonly isInternal: boolean | undefined,
    private readonly bytes: Buffer,
    private readonly at: number,
    private readonly version: number,
  ) {}
  get partitionMetadata(): RawPartition[] {
    this.decoded ??= decodePartitions(this.bytes, this.at, this.version);
    return this.decoded;
  }
  set partitionMetadata(partitions: RawPartition[]) {
    this.decoded = partitions;
  }
  toJSON() {
    return { topicErrorCode: this.topicErrorCode, topic: this.topic, isInternal: this.isInternal, partitionMetadata: this.partitionMetadata };
  }
}

/** An INT32 array as kafkajs reads one (a null array is empty). */
function int32s(b: Buffer, at: number): number[] {
  const n = b.readInt32BE(at);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(b.readInt32BE(at + 4 + 4 * i));
  return out;
}

/** The end of an INT32 array that starts at `at`. */
function skipInt32s(b: Buffer, at: number): number {
  const n = b.readInt32BE(at);
  return at + 4 + (n > 0 ? 4 * n : 0);
}

function decodePartitions(b: Buffer, at: number, version: number): RawPartition[] {
  const n = b.readInt32BE(at);
  let o = at + 4;
  const out: RawPartition[] = [];
  for (let i = 0; i < n; i++) {
    const partitionErrorCode = b.readInt16BE(o);
    const partitionId = b.readInt32BE(o + 2);
    const leader = b.readInt32BE(o + 6);
    o += 10;
    const replicas = int32s(b, o);
    o = skipInt32s(b, o);
    const isr = int32s(b, o);
    o = skipInt32s(b, o);
    if (version >= 5) {
      const offlineReplicas = int32s(b, o);
      o = skipInt32s(b, o);
      out.push({ partitionErrorCode, partitionId, leader, replicas, isr, offlineReplicas });
    } else out.push({ partitionErrorCode, partitionId, leader, replicas, isr });
  }
  return out;
}

/**
 * A Metadata answer, v0-v6, as kafkajs' decoders give it (the same fields; no `rack` in v0,
 * `controllerId` and `isInternal` from v1, `clusterId` from v2, `throttleTime` from v3,
 * `offlineReplicas` from v5, `clientSideThrottleTime` in v6), with each topic's partitions left in the answer's bytes until read:
 * to find the next topic the partitions are only counted over. The answer's buffer is its own
 * (only Fetch answers go back to the socket's pool, src/kafka/wire/kafkajs-socket.cjs).
 */
export function decodeMetadata(b: Buffer, version: number): RawMetadata {
  let o = 0;
  const int32 = (): number => {
    o += 4;
    return b.readInt32BE(o - 4);
  };
  const int16 = (): number => {
    o += 2;
    return b.readInt16BE(o - 2);
  };
  const string = (): string | null => {
    const len = int16();
    if (len < 0) return null;
    o += len;
    return b.toString('utf8', o - len, o);
  };
  const out: RawMetadata & { throttleTime?: number; clientSideThrottleTime?: number } = { brokers: [], topicMetadata: [] };
  if (version >= 3) {
    out.throttleTime = int32();
    // From v6 the client waits out the broker's throttle itself (KIP-219), as kafkajs' v6 says.
    if (version >= 6) {
      out.clientSideThrottleTime = out.throttleTime;
      out.throttleTime = 0;
    }
  }
  for (let i = int32(); i > 0; i--) {
    const nodeId = int32();
    const host = string() ?? '';
    const port = int32();
    if (version >= 1) out.brokers.push({ nodeId, host, port, rack: string() });
    else out.brokers.push({ nodeId, host, port });
  }
  if (version >= 2) out.clusterId = string();
  if (version >= 1) out.controllerId = int32();
  for (let i = int32(); i > 0; i--) {
    const errorCode = int16();
    const name = string() ?? '';
    const internal = version >= 1 ? b[o++] === 1 : undefined;
    const at = o;
    for (let p = int32(); p > 0; p--) {
      o = skipInt32s(b, o + 10);
      o = skipInt32s(b, o);
      if (version >= 5) o = skipInt32s(b, o);
    }
    out.topicMetadata.push(new LazyTopic(errorCode, name, internal, b, at, version));
  }
  return out;
}

/** A Metadata answer (as kafkajs holds it, in its broker pool) as plain data. */
export function toClusterState(raw: RawMetadata | null | undefined): ClusterState {
  if (!raw) return { clusterId: null, controllerId: NO_LEADER, brokers: [], topics: [] };
  return {
    clusterId: raw.clusterId ?? null,
    controllerId: raw.controllerId ?? NO_LEADER,
    brokers: raw.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })),
    topics: raw.topicMetadata.map(toTopicState),
  };
}

/**
 * A topic as data. Its partitions are made when first read (an own, enumerable property, so that
 * JSON and spreads see them): a command that wants the brokers of an answer for every topic, or
 * a few of its topics, does not decode the partitions of all the others (decodeMetadata).
 */
function toTopicState(t: RawMetadata['topicMetadata'][number]): TopicState {
  const state = { name: t.topic, errorCode: t.topicErrorCode, internal: t.isInternal ?? t.topic.startsWith('__') } as TopicState;
  let partitions: PartitionState[] | undefined;
  Object.defineProperty(state, 'partitions', {
    enumerable: true,
    configurable: true,
    get: () => (partitions ??= toPartitionStates(t.partitionMetadata)),
    set: (v: PartitionState[]) => {
      partitions = v;
    },
  });
  return state;
}

function toPartitionStates(raw: RawMetadata['topicMetadata'][number]['partitionMetadata']): PartitionState[] {
  return raw
    .map((p) => ({
      partition: p.partitionId,
      leader: p.leader ?? NO_LEADER,
      replicas: p.replicas,
      isr: p.isr,
      offline: p.offlineReplicas ?? [],
      errorCode: p.partitionErrorCode,
    }))
    .sort((a, b) => a.partition - b.partition);
}

/** kafkajs' Cluster, as far as metadata goes. */
export interface MetadataSource {
  brokerPool: { metadata: RawMetadata | null };
  refreshMetadata(topics?: string[]): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  /** The topics kafkajs asks metadata for. */
  targetTopics?: Set<string>;
}

/** What the last Metadata answer on this connection said (no request). */
export function knownMetadata(cluster: MetadataSource): ClusterState {
  return toClusterState(cluster.brokerPool.metadata);
}

/** One topic as the last Metadata answer had it; undefined when the answer did not mention it. */
export function knownTopic(cluster: MetadataSource, topic: string): TopicState | undefined {
  const t = lastAnswerOf(cluster, topic);
  return t ? toTopicState(t) : undefined;
}

/** Whether the last Metadata answer named the topic (its partitions are not read). */
export function mentioned(cluster: MetadataSource, topic: string): boolean {
  return lastAnswerOf(cluster, topic) !== undefined;
}

function lastAnswerOf(cluster: MetadataSource, topic: string): RawMetadata['topicMetadata'][number] | undefined {
  return cluster.brokerPool.metadata?.topicMetadata.find((x) => x.topic === topic);
}

/** Whether the last Metadata answer names this broker the leader of a partition (of the topics kfk asks about, when it knows them). */
export function leadsAny(cluster: MetadataSource, nodeId: number): boolean {
  const asked = cluster.targetTopics?.size ? cluster.targetTopics : null;
  return (cluster.brokerPool.metadata?.topicMetadata ?? []).some((t) => (!asked || asked.has(t.topic)) && t.partitionMetadata.some((p) => p.leader === nodeId));
}

/** The leader of a partition as last known: -1 when it has none or the partition is unknown. */
export function knownLeader(cluster: MetadataSource, topic: string, partition: number): number {
  const t = lastAnswerOf(cluster, topic);
  const p = t ? byPartition(t)[partition] : undefined;
  return p && p.leader !== null && p.leader !== undefined ? p.leader : NO_LEADER;
}

/**
 * Whether the last Metadata answer has the topic with its partitions (no error for it), without
 * making its partitions into data: a consumer asks at every round of fetches.
 */
export function knownWithPartitions(cluster: MetadataSource, topic: string): boolean {
  const t = lastAnswerOf(cluster, topic);
  return t !== undefined && t.topicErrorCode !== UNKNOWN_TOPIC_OR_PARTITION && t.partitionMetadata.length > 0;
}

const partitionIndexes = new WeakMap<RawPartition[], Array<RawPartition | undefined>>();

/**
 * A topic's partitions in an answer, by partition id: made once per list of them (a lookup per
 * partition at each round of fetches was a scan of them all).
 */
function byPartition(t: RawMetadata['topicMetadata'][number]): Array<RawPartition | undefined> {
  const list = t.partitionMetadata;
  let index = partitionIndexes.get(list);
  if (!index) {
    index = [];
    for (const p of list) index[p.partitionId] = p;
    partitionIndexes.set(list, index);
  }
  return index;
}

/** kafkajs' broker pool, as far as choosing the broker of a Metadata or FindCoordinator request goes. */
interface BrokerChoice {
  brokers?: Record<string, unknown>;
  /** The connection that answered the client's first Metadata request (its node id known once it has). */
  seedBroker?: { nodeId?: number; isConnected?: () => boolean };
  findConnectedBroker?(): Promise<unknown>;
  findBroker?(args: { nodeId: number }): Promise<unknown>;
  /** Tries `callback` on each broker until one succeeds (kafkajs: FindCoordinator). */
  withBroker?(callback: (b: { nodeId: string; broker: unknown }) => Promise<unknown>): Promise<unknown>;
}

/** Per connection: the brokers that took a request and did not answer it within its timeout. */
const silentOf = new WeakMap<BrokerChoice, Set<number>>();

/**
 * Marks a broker that did not answer a request within its timeout (`answers` false: a stopped
 * process, a broker stuck on a full disk), or that answered again. While some broker answers,
 * Metadata and FindCoordinator requests go to it: kafkajs sends them to any connected broker (or
 * tries the brokers in a random order), and one that takes the connection and answers nothing
 * held each of them for a request timeout: a leader or a coordinator that had moved elsewhere
 * long before was not seen to move.
 */
export function brokerAnswers(cluster: { brokerPool: BrokerChoice }, nodeId: number, answers: boolean): void {
  if (answers) {
    silentOf.get(cluster.brokerPool)?.delete(nodeId);
    return;
  }
  answeringFirst(cluster).add(nodeId);
}

/**
 * Makes a client's requests that may go to any broker (Metadata, FindCoordinator) prefer brokers
 * that answer: those marked as not answering last, and FindCoordinator to the broker that answered
 * the client's first Metadata request first (kafkajs tries the brokers in a random order, and a
 * broker just stopped, which the cluster has not fenced yet, held `group describe` to its time
 * bound). Returns the set of brokers marked as not answering.
 */
export function answeringFirst(cluster: { brokerPool: BrokerChoice }): Set<number> {
  const pool = cluster.brokerPool;
  let silent = silentOf.get(pool);
  if (!silent) {
    silent = new Set();
    silentOf.set(pool, silent);
    preferAnswering(pool, silent);
  }
  return silent;
}

/** Whether a broker was marked as not answering (brokerAnswers) and has not answered since. */
export function unanswering(cluster: { brokerPool: BrokerChoice }, nodeId: number): boolean {
  return silentOf.get(cluster.brokerPool)?.has(nodeId) ?? false;
}

function preferAnswering(pool: BrokerChoice, silent: Set<number>): void {
  const original = pool.findConnectedBroker?.bind(pool);
  const find = pool.findBroker?.bind(pool);
  if (!original || !find) return;
  pool.findConnectedBroker = async () => {
    // The broker that answered the client's first Metadata request, unless marked: kafkajs picks
    // any connected broker, and one connected to but never answering (a group's coordinator
    // found just as it stopped) held each Metadata request for its timeout, and again at the retry.
    // (Its node id is known when the answer lists the address it was reached at; without it, it
    // could not be marked, and kafkajs' choice stands.)
    const seed = pool.seedBroker;
    if (typeof seed?.nodeId === 'number' && seed.isConnected?.() && !silent.has(seed.nodeId)) return seed;
    if (silent.size === 0) return original();
    const brokers = pool.brokers ?? {};
    const ids = Object.keys(brokers).filter((id) => !silent.has(Number(id)));
    const connected = ids.filter((id) => (brokers[id] as { isConnected?: () => boolean }).isConnected?.());
    for (const id of [...connected, ...ids.filter((id) => !connected.includes(id))]) {
      try {
        return await find({ nodeId: Number(id) });
      } catch {
        // The next one.
      }
    }
    return original();
  };
  const withBroker = pool.withBroker?.bind(pool);
  if (!withBroker) return;
  // kafkajs tries the brokers in a random order: the one that answered first, those that do not answer last.
  pool.withBroker = async (callback) => {
    const seed = pool.seedBroker;
    const first = seed?.nodeId !== undefined && seed.isConnected?.() && !silent.has(seed.nodeId) ? String(seed.nodeId) : undefined;
    const ids = Object.keys(pool.brokers ?? {});
    if (ids.length === 0 || (silent.size === 0 && (first === undefined || !ids.includes(first)))) return withBroker(callback);
    const rest = ids.filter((i) => i !== first);
    for (const id of [...(first !== undefined && ids.includes(first) ? [first] : []), ...rest.filter((i) => !silent.has(Number(i))), ...rest.filter((i) => silent.has(Number(i)))]) {
      try {
        return await callback({ nodeId: id, broker: await find({ nodeId: Number(id) }) });
      } catch {
        // The next one.
      }
    }
    return null;
  };
}

/**
 * Asks the cluster again, for these topics as well as those already followed, and returns the
 * answer. Only a failure to reach any broker throws; every broker answer is data.
 */
export async function readMetadata(cluster: MetadataSource, topics: string[] = []): Promise<ClusterState> {
  const before = cluster.targetTopics?.size;
  // kafkajs asks again only when the set of followed topics grew: then once is enough.
  if (topics.length) await cluster.addMultipleTargetTopics(topics);
  if (!topics.length || cluster.targetTopics?.size === before) await cluster.refreshMetadata();
  return knownMetadata(cluster);
}

/** `topic-partition` names of the partitions without a leader, for messages. */
export function leaderless(topic: TopicState): string[] {
  return topic.partitions.filter((p) => p.leader === NO_LEADER).map((p) => `${topic.name}-${p.partition}`);
}

/** A kafkajs broker connection, as much of it as metadataCreating uses. */
interface CreatingBroker {
  allowAutoTopicCreation: boolean;
  metadata(topics: string[]): Promise<RawMetadata>;
}

/**
 * Asks `broker` for `topic` as Kafka's producer does: its Metadata request lets the broker create
 * a topic it does not have, when the broker's auto.create.topics.enable is on (kfk's other
 * requests do not: a read, a describe or a typo creates nothing). The topic's error code in the
 * answer: 0 or LEADER_NOT_AVAILABLE (there, or being created), UNKNOWN_TOPIC_OR_PARTITION (not
 * there: Kafka 4's brokers answer so also for a topic they have just begun to create),
 * INVALID_TOPIC_EXCEPTION, TOPIC_AUTHORIZATION_FAILED, ...
 */
export async function metadataCreating(broker: CreatingBroker, topic: string): Promise<number> {
  // kafkajs reads the flag as it builds the request, before its first await.
  broker.allowAutoTopicCreation = true;
  let answer: Promise<RawMetadata>;
  try {
    answer = broker.metadata([topic]);
  } finally {
    broker.allowAutoTopicCreation = false;
  }
  const t = (await answer).topicMetadata.find((x) => x.topic === topic);
  return t ? t.topicErrorCode : UNKNOWN_TOPIC_OR_PARTITION;
}
