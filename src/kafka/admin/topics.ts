// Topics as plain data: what `kfk topic` needs from the cluster, independent of kafkajs' shapes.
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import {
  OP_DELETE,
  OP_SET,
  RESOURCE_TOPIC,
  createPartitions as createPartitionsRequest,
  brokerError,
  createTopics as createTopicsRequest,
  deleteTopics as deleteTopicsRequest,
  describeTopicPartitions,
  incrementalAlterConfigs,
  type DtpPartition,
  type DtpResult,
  type DtpTopic,
  type ProtocolRequest,
} from '../protocol/admin-requests.js';


/** A partition as DescribeTopicPartitions gives it, without the errors and epochs kfk does not show. */
export type PartitionInfo = Omit<DtpPartition, 'errorCode' | 'leaderEpoch'> & {
  /** While the partition is being reassigned: the replicas it is adding and removing. */
  adding?: number[];
  removing?: number[];
};

export interface ConfigInfo {
  name: string;
  value: string | null;
  isDefault: boolean;
  isSensitive: boolean;
  source: number;
}

export interface TopicInfo {
  name: string;
  topicId: string;
  internal: boolean;
  partitions: PartitionInfo[];
  configs: ConfigInfo[];
}

import { listPartitionReassignments, type OngoingReassignment } from '../protocol/runbook-requests.js';
import { TOPIC_AUTHORIZATION_FAILED } from '../wire/metadata.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { takes } from '../protocol/versions.js';

const ADMIN_TIMEOUT_MS = 30_000;

async function send<T>(broker: KafkajsBroker, req: ProtocolRequest, requestTimeout = ADMIN_TIMEOUT_MS): Promise<T> {
  return (await broker.connectionPool.send({ ...req, requestTimeout })) as T;
}

async function anyBroker(client: KafkaClient): Promise<KafkajsBroker> {
  return client.anyBroker();
}

// Metadata and configs go over the one connection kfk already holds (no admin client of its
// own, which would connect a second time).
export async function listTopicNames(client: KafkaClient, o: { includeInternal: boolean }): Promise<string[]> {
  const cluster = await client.cluster();
  const { topicMetadata } = client.takeConnectMetadata() ?? ((await cluster.metadata()) as { topicMetadata: Array<{ topic: string }> });
  const names = topicMetadata.map((t) => t.topic);
  return o.includeInternal ? names : names.filter((n) => !n.startsWith('__'));
}

export async function liveBrokerIds(client: KafkaClient): Promise<number[]> {
  return (await client.brokers()).brokers.map((b) => b.nodeId);
}

/**
 * Java's HashMap iteration order for these keys (kafka-topics prints a topic's configs from a
 * HashMap): bucket by the spread String.hashCode, buckets ascending, insertion order within one.
 */
export function javaHashMapOrder(keys: string[], initialCapacity = 16): string[] {
  return javaHashOrder(keys, javaStringHash, initialCapacity);
}

/** Java's String.hashCode. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java's TopicPartition.hashCode. */
export function javaTopicPartitionHash(tp: { topic: string; partition: number }): number {
  return (Math.imul(31 + tp.partition, 31) + javaStringHash(tp.topic)) | 0;
}

/** Java's HashMap iteration order for items with these hashCodes. */
export function javaHashOrder<T>(items: T[], hash: (item: T) => number, initialCapacity = 16): T[] {
  let capacity = 1;
  while (capacity < initialCapacity) capacity *= 2;
  while (items.length > capacity * 0.75) capacity *= 2;
  const bucket = (item: T) => {
    const h = hash(item);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return items
    .map((k, i) => ({ k, i, b: bucket(k) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((x) => x.k);
}

/**
 * The order in which kafka-topics 4.x describes several topics: that of the HashMap its admin
 * client returns, the last of three (KafkaAdminClient.describeTopics: a HashMap sized for the
 * names, filled in sorted order; a copy of it; DescribeTopicsResult.allTopicNames: one more sized
 * for them, filled from the copy). Entries of one bucket keep their insertion order, so each map's
 * order breaks the ties of the next.
 */
export function describeOrder(sortedNames: string[]): string[] {
  const n = sortedNames.length;
  const first = javaHashOrder(sortedNames, javaStringHash, n);
  const copy = javaHashOrder(first, javaStringHash, Math.floor(n / 0.75 + 1));
  return javaHashOrder(copy, javaStringHash, n);
}

async function topicConfigs(client: KafkaClient, names: string[]): Promise<Map<string, ConfigInfo[]>> {
  const broker = await anyBroker(client);
  const res = (await broker
    .describeConfigs({
      includeSynonyms: false,
      resources: names.map((name) => ({ type: RESOURCE_TOPIC, name })),
    })
    .catch((err: { type?: string }) => {
      // kafkajs' own wording ("Not authorized to access topics: [Topic authorization failed]") names no topic.
      if (err?.type === 'TOPIC_AUTHORIZATION_FAILED') {
        throw new KfkError(`Not authorized to describe the configs of topics: [${names.join(', ')}]`, { hint: 'describing a topic needs the DescribeConfigs ACL on it besides Describe' });
      }
      throw err;
    })) as { resources: Array<{ resourceName: string; errorCode: number; errorMessage: string | null; configEntries: Array<{ configName: string; configValue: string | null; isDefault: boolean; isSensitive: boolean; configSource?: number }> }> };
  const out = new Map<string, ConfigInfo[]>();
  for (const r of res.resources) {
    if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
    const entries = r.configEntries.map((e) => ({
      name: e.configName,
      value: e.configValue,
      isDefault: e.isDefault,
      isSensitive: e.isSensitive,
      source: (e as { configSource?: number }).configSource ?? -1,
    }));
    const byName = new Map(entries.map((e) => [e.name, e]));
    out.set(r.resourceName, javaHashMapOrder(entries.map((e) => e.name)).map((n) => byName.get(n)!));
  }
  return out;
}

/**
 * DescribeTopicPartitions of `names`, page after page (a page holds up to 2000 partitions, so a
 * topic can span pages): each topic, or part of a topic, as it comes.
 */
export async function forEachDescribedTopic(broker: KafkajsBroker, names: string[], requestTimeout: number, each: (t: DtpTopic) => void): Promise<void> {
  let cursor: DtpResult['nextCursor'] = null;
  do {
    const res: DtpResult = await send<DtpResult>(broker, describeTopicPartitions(names, 2000, cursor), requestTimeout);
    for (const t of res.topics) each(t);
    cursor = res.nextCursor;
  } while (cursor);
}

/** Adds the topic id -> name of each of these topics that exists to `names` (assignments name topics by id). */
export async function learnTopicIds(client: KafkaClient, topics: string[], names: Map<string, string>): Promise<void> {
  await forEachDescribedTopic(await client.anyBroker(), topics, client.options.requestTimeout, (t) => {
    if (t.errorCode === 0 && t.name) names.set(t.topicId, t.name);
  });
}

async function describePartitions(client: KafkaClient, names: string[]): Promise<Map<string, Omit<TopicInfo, 'configs'>>> {
  const out = new Map<string, Omit<TopicInfo, 'configs'>>();
  const broker = await anyBroker(client);
  if (takes(broker, 'DescribeTopicPartitions', 0)) {
    await forEachDescribedTopic(broker, names, ADMIN_TIMEOUT_MS, (t) => {
      if (t.errorCode !== 0) {
        throw brokerError(t.errorCode, t.errorCode === 3 ? `Topic '${t.name}' does not exist` : null);
      }
      const prev = out.get(t.name!);
      const partitions = t.partitions.map(({ errorCode, leaderEpoch, ...p }) => p);
      if (prev) prev.partitions.push(...partitions);
      else out.set(t.name!, { name: t.name!, topicId: t.topicId, internal: t.internal, partitions });
    });
    return out;
  }
  // Brokers before Kafka 3.8: Metadata through kafkajs, without topic ids or ELR.
  const admin = await client.admin();
  const meta = await admin.fetchTopicMetadata({ topics: names });
  for (const t of meta.topics) {
    out.set(t.name, {
      name: t.name,
      topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
      internal: t.name.startsWith('__'),
      partitions: t.partitions.map((p) => ({
        partition: p.partitionId,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        elr: null,
        lastKnownElr: null,
        offline: p.offlineReplicas ?? [],
      })),
    });
  }
  return out;
}

/**
 * The topics with their partitions and (withConfigs) configs, and the reassignments under way.
 * `note` is told when the reassignments are left out because no answer came in time.
 */
export async function describeTopics(client: KafkaClient, names: string[], o: { withConfigs: boolean; note?: (line: string) => void }): Promise<TopicInfo[]> {
  const [parts, configs, moving] = await Promise.all([
    describePartitions(client, names),
    o.withConfigs ? topicConfigs(client, names) : Promise.resolve(new Map<string, ConfigInfo[]>()),
    reassigning(client, o.note),
  ]);
  for (const r of moving) {
    const p = parts.get(r.topic)?.partitions.find((x) => x.partition === r.partition);
    if (p) Object.assign(p, { adding: r.adding, removing: r.removing });
  }
  return names
    .filter((n) => parts.has(n))
    .map((n) => ({ ...parts.get(n)!, configs: configs.get(n) ?? [] }));
}

/**
 * The reassignments under way (ListPartitionReassignments), as kafka-topics --describe shows
 * them; none when the broker refuses (no DESCRIBE on the cluster) or is too old, as kafka-topics.
 * The broker asks the active controller for them: while a stopped controller is replaced, the
 * answer waits for the broker's controller channel (30 s), where kafka-topics waits a minute
 * and kfk's describe ended at its time bound with nothing shown. After half the request
 * timeout the topics are shown without them, and `note` says so.
 */
async function reassigning(client: KafkaClient, note?: (line: string) => void): Promise<OngoingReassignment[]> {
  const waitMs = client.perBrokerWaitMs;
  let broker: KafkajsBroker | undefined;
  try {
    broker = await anyBroker(client);
    if (!takes(broker, 'ListPartitionReassignments', 0)) return [];
    const res = await withDeadline(
      send<{ errorCode: number; reassignments: OngoingReassignment[] }>(broker, listPartitionReassignments(null, ADMIN_TIMEOUT_MS)),
      waitMs,
      'no answer',
    );
    return res.errorCode ? [] : res.reassignments;
  } catch (err) {
    if (err instanceof DeadlineError) {
      note?.(`broker ${broker?.nodeId ?? '?'} did not answer ListPartitionReassignments within ${waitMs} ms (it asks the active controller): reassignments under way are not shown`);
    }
    return [];
  }
}

export interface NewTopicSpec {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs: Record<string, string>;
  replicaAssignment?: number[][];
}

/** Creates all topics in one CreateTopics request; each topic's outcome (error or null), in order. */
export async function createTopics(client: KafkaClient, topics: NewTopicSpec[]): Promise<Array<{ name: string; error: (Error & { type: string }) | null }>> {
  const broker = await anyBroker(client);
  const res = await send<Array<{ name: string; errorCode: number; errorMessage: string | null }>>(
    broker,
    createTopicsRequest(
      topics.map((t) => ({ name: t.name, partitions: t.partitions ?? -1, replicationFactor: t.replicationFactor ?? -1, assignment: t.replicaAssignment, configs: t.configs })),
      ADMIN_TIMEOUT_MS,
    ),
  );
  const byName = new Map(res.map((r) => [r.name, r]));
  return topics.map((t) => {
    const r = byName.get(t.name);
    return { name: t.name, error: r && r.errorCode !== 0 ? brokerError(r.errorCode, r.errorMessage) : null };
  });
}

/** Grows a topic to `count` partitions. `assignment` lists replicas for every partition (kafka-topics style); only the new ones are sent. */
export async function createPartitions(client: KafkaClient, name: string, count: number, assignment?: number[][]): Promise<void> {
  const broker = await anyBroker(client);
  let newAssignment: number[][] | undefined;
  if (assignment) {
    const current = (await describePartitions(client, [name])).get(name)?.partitions.length ?? 0;
    newAssignment = assignment.slice(current);
  }
  await send(broker, createPartitionsRequest(name, count, newAssignment, ADMIN_TIMEOUT_MS));
}

export async function alterTopicConfigs(client: KafkaClient, name: string, change: { set: Record<string, string>; delete: string[] }): Promise<void> {
  const broker = await anyBroker(client);
  const ops = [
    ...Object.entries(change.set).map(([k, v]) => ({ name: k, op: OP_SET, value: v })),
    ...change.delete.map((k) => ({ name: k, op: OP_DELETE, value: null })),
  ];
  await send(broker, incrementalAlterConfigs(RESOURCE_TOPIC, name, ops));
}

export async function deleteTopics(client: KafkaClient, names: string[]): Promise<void> {
  const broker = await anyBroker(client);
  await send(broker, deleteTopicsRequest(names, ADMIN_TIMEOUT_MS));
}

/**
 * Why named topics are not in the listing: a topic the user may not see is left out of
 * ListTopics, so each name is asked for directly. "Not authorized" when the broker says so,
 * else Kafka's "does not exist" wording.
 */
export async function explainMissingTopics(client: KafkaClient, missing: string[]): Promise<KfkError> {
  const { MissingTopicsError } = await import('./missing-topics.js');
  const denied: string[] = [];
  const broker = await anyBroker(client);
  for (const name of missing.filter((m) => /^[A-Za-z0-9._-]+$/.test(m))) {
    // The Metadata answer carries the topic's error as data (metadata.ts).
    const res = (await broker.metadata([name]).catch(() => null)) as { topicMetadata: Array<{ topic: string; topicErrorCode: number }> } | null;
    if (res?.topicMetadata.some((t) => t.topic === name && t.topicErrorCode === TOPIC_AUTHORIZATION_FAILED)) denied.push(name);
  }
  if (denied.length) return new KfkError(`Not authorized to access topics: [${denied.join(', ')}]`);
  return new MissingTopicsError(missing);
}
