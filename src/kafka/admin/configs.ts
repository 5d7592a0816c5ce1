// Topic and broker configs as plain data. DescribeConfigs with synonyms, and
// IncrementalAlterConfigs (SET/DELETE of the named keys only: nothing else is dropped). Broker
// resources go to that broker, as Kafka's admin client sends them. Group configs (Kafka 4:
// share.auto.offset.reset and the group's other settings) are resource type GROUP (32), client
// metrics subscriptions (KIP-714: which metrics clients push, how often, and which clients) type
// CLIENT_METRICS (16), listed by ListConfigResources.
import { CONTROLLER_UNSUPPORTED, KfkError, UnknownBrokerError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { OP_DELETE, OP_SET, RESOURCE_BROKER, RESOURCE_CLIENT_METRICS, RESOURCE_GROUP, RESOURCE_TOPIC, brokerError, incrementalAlterConfigs, listConfigResources } from '../protocol/admin-requests.js';
import { usableVersion } from '../protocol/versions.js';

export type ResourceKind = 'topic' | 'broker' | 'group' | 'client-metrics';

/** Kafka's ConfigEntry.ConfigSource names, by DescribeConfigs source id. */
export const CONFIG_SOURCES = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'DYNAMIC_CLIENT_METRICS_CONFIG',
  'DYNAMIC_GROUP_CONFIG',
];

export interface ConfigEntry {
  name: string;
  value: string | null;
  source: string;
  sensitive: boolean;
  readOnly: boolean;
  synonyms: Array<{ name: string; value: string | null; source: string }>;
}

const RESOURCE_TYPES: Record<ResourceKind, number> = { topic: RESOURCE_TOPIC, broker: RESOURCE_BROKER, group: RESOURCE_GROUP, 'client-metrics': RESOURCE_CLIENT_METRICS };
const resourceType = (kind: ResourceKind) => RESOURCE_TYPES[kind];


async function target(client: KafkaClient, kind: ResourceKind, name: string, change = false): Promise<KafkajsBroker> {
  const cluster = await client.cluster();
  if (client.options.controllers) {
    // KIP-919: broker configs through a controller's listener; topics and groups are the brokers',
    // but the active controller takes a change of a topic's configs (kafka-reassign-partitions
    // --cancel --bootstrap-controller clears the topics' throttles so).
    if (change && kind === 'topic') {
      const { adminBroker } = await import('./quorum.js');
      return adminBroker(client);
    }
    if (kind !== 'broker') throw new KfkError(CONTROLLER_UNSUPPORTED);
    if (!/^\d+$/.test(name)) throw new KfkError(`invalid broker id '${name}'`, { exitCode: 2 });
    // As Kafka's admin client: a describe of node N goes to controller N itself, a change to
    // the active controller (which refuses an id it has no registration of), each at the
    // address DescribeCluster lists for it.
    const { describeClusterNodes } = await import('./quorum.js');
    const listed = await describeClusterNodes(client);
    const id = change ? listed.controllerId : Number(name);
    const node = listed.nodes.find((n) => n.nodeId === id);
    // kfk's own describe of an id the quorum does not list: the same line as through a broker.
    if (!node) throw new KfkError(change ? `No node with id ${id} found.` : `broker ${id} is not in the cluster`);
    return client.controllerAt(`${node.host}:${node.port}`);
  }
  if (kind === 'broker') {
    if (!/^\d+$/.test(name)) throw new KfkError(`invalid broker id '${name}'`, { exitCode: 2 });
    try {
      return await cluster.findBroker({ nodeId: Number(name) });
    } catch {
      throw new UnknownBrokerError(Number(name));
    }
  }
  return client.anyBroker();
}

export async function describeConfigs(client: KafkaClient, kind: ResourceKind, name: string): Promise<ConfigEntry[]> {
  return (await describeEachConfigs(client, kind, [name]))[0];
}

interface DescribedResource {
  resourceName: string;
  errorCode: number;
  errorMessage: string | null;
  configEntries: Array<{ configName: string; configValue: string | null; readOnly: boolean; isSensitive: boolean; configSource: number; configSynonyms?: Array<{ configName: string; configValue: string | null; configSource: number }> }>;
}

/**
 * The configs of several resources of one kind, in one DescribeConfigs, in the order named. Not
 * for brokers: each broker's configs go to that broker.
 */
export async function describeEachConfigs(client: KafkaClient, kind: ResourceKind, names: string[]): Promise<ConfigEntry[][]> {
  if (names.length === 0) return [];
  if (kind === 'broker' && names.length > 1) throw new Error('one broker at a time');
  const broker = await target(client, kind, names[0]);
  const res = await broker.describeConfigs({ resources: names.map((name) => ({ type: resourceType(kind), name })), includeSynonyms: true });
  const byName = new Map((res.resources as DescribedResource[]).map((r) => [r.resourceName, r]));
  return names.map((name, i) => {
    const r = byName.get(name) ?? (res.resources[i] as DescribedResource);
    if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
    return configEntries(r);
  });
}

function configEntries(r: DescribedResource): ConfigEntry[] {
  return r.configEntries
    .map((e) => ({
      name: e.configName,
      value: e.configValue,
      source: CONFIG_SOURCES[e.configSource] ?? 'UNKNOWN',
      sensitive: e.isSensitive,
      readOnly: e.readOnly,
      synonyms: (e.configSynonyms ?? []).map((s) => ({ name: s.configName, value: s.configValue, source: CONFIG_SOURCES[s.configSource] ?? 'UNKNOWN' })),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function alterConfigs(client: KafkaClient, kind: ResourceKind, name: string, change: { set: Record<string, string>; delete: string[] }): Promise<void> {
  const broker = await target(client, kind, name, true);
  const ops = [
    ...Object.entries(change.set).map(([k, v]) => ({ name: k, op: OP_SET, value: v })),
    ...change.delete.map((k) => ({ name: k, op: OP_DELETE, value: null })),
  ];
  await broker.connectionPool.send({ ...incrementalAlterConfigs(resourceType(kind), name, ops), requestTimeout: 30_000 });
}

/** The names of the cluster's client metrics resources, in the order the broker lists them. */
export async function listClientMetrics(client: KafkaClient): Promise<string[]> {
  const broker = await client.anyBroker();
  const version = usableVersion(broker, 'ListConfigResources', 0, 1);
  const r = (await broker.connectionPool.send({ ...listConfigResources(version, [RESOURCE_CLIENT_METRICS]), requestTimeout: 30_000 })) as { errorCode: number; resources: Array<{ name: string; type: number }> };
  if (r.errorCode) throw brokerError(r.errorCode, null);
  return r.resources.filter((x) => x.type === RESOURCE_CLIENT_METRICS).map((x) => x.name);
}

export interface ClusterInfo {
  clusterId: string;
  controller: number;
  brokers: Array<{ id: number; host: string; port: number; rack: string | null }>;
}

export async function describeClusterInfo(client: KafkaClient): Promise<ClusterInfo> {
  const meta = await client.brokers();
  return {
    clusterId: meta.clusterId as string,
    controller: meta.controllerId as number,
    brokers: meta.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })).sort((a, b) => a.id - b.id),
  };
}
