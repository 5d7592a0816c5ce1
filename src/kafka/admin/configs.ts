// Topic and broker configs as plain data. DescribeConfigs with synonyms, and
// IncrementalAlterConfigs (SET/DELETE of the named keys only: nothing else is dropped). Broker
// resources go to that broker, as Kafka's admin client sends them. Group configs (Kafka 4:
// share.auto.offset.reset and the group's other settings) are resource type GROUP (32).
import { CONTROLLER_UNSUPPORTED, KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { OP_DELETE, OP_SET, RESOURCE_BROKER, RESOURCE_GROUP, RESOURCE_TOPIC, brokerError, incrementalAlterConfigs } from '../protocol/admin-requests.js';

export type ResourceKind = 'topic' | 'broker' | 'group';

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

const resourceType = (kind: ResourceKind) => (kind === 'topic' ? RESOURCE_TOPIC : kind === 'group' ? RESOURCE_GROUP : RESOURCE_BROKER);


async function target(client: KafkaClient, kind: ResourceKind, name: string, alter = false): Promise<KafkajsBroker> {
  const cluster = await client.cluster();
  if (client.options.controllers) {
    // KIP-919, as Kafka's admin client through controllers' listeners: a broker's configs are read
    // from that node (a controller, at its own address); every change goes to the active
    // controller (the others answer NOT_CONTROLLER), a topic's too (kafka-reassign-partitions
    // --cancel clears the topics' throttles so). Reading a topic's or group's configs is the brokers'.
    if (!(alter && kind === 'topic')) {
      if (kind !== 'broker') throw new KfkError(CONTROLLER_UNSUPPORTED);
      if (!/^\d+$/.test(name)) throw new KfkError(`invalid broker id '${name}'`, { exitCode: 2 });
    }
    const { adminBroker, describeClusterNodes } = await import('./quorum.js');
    const quorum = await describeClusterNodes(client);
    const nodes = quorum.nodes;
    if (kind === 'broker' && !nodes.some((n) => n.nodeId === Number(name))) throw new KfkError(`broker ${name} is not in the cluster`);
    if (alter) return adminBroker(client);
    const node = nodes.find((n) => n.nodeId === Number(name));
    const self = nodes.find((n) => client.options.brokers.includes(`${n.host}:${n.port}`));
    if (!node || nodes.length === 1 || self?.nodeId === node.nodeId) return client.anyBroker();
    return client.otherController(`${node.host}:${node.port}`);
  }
  if (kind === 'broker') {
    if (!/^\d+$/.test(name)) throw new KfkError(`invalid broker id '${name}'`, { exitCode: 2 });
    try {
      return await cluster.findBroker({ nodeId: Number(name) });
    } catch {
      throw new KfkError(`broker ${name} is not in the cluster`);
    }
  }
  return client.anyBroker();
}

export async function describeConfigs(client: KafkaClient, kind: ResourceKind, name: string): Promise<ConfigEntry[]> {
  const broker = await target(client, kind, name);
  const res = await broker.describeConfigs({ resources: [{ type: resourceType(kind), name }], includeSynonyms: true });
  const r = res.resources[0] as {
    errorCode: number;
    errorMessage: string | null;
    configEntries: Array<{ configName: string; configValue: string | null; readOnly: boolean; isSensitive: boolean; configSource: number; configSynonyms?: Array<{ configName: string; configValue: string | null; configSource: number }> }>;
  };
  if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
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

export interface ClusterInfo {
  clusterId: string;
  controller: number;
  brokers: Array<{ id: number; host: string; port: number; rack: string | null }>;
}

export async function describeClusterInfo(client: KafkaClient): Promise<ClusterInfo> {
  const cluster = await client.cluster();
  await cluster.refreshMetadata();
  const meta = cluster.brokerPool.metadata as { clusterId: string; controllerId: number; brokers: Array<{ nodeId: number; host: string; port: number; rack: string | null }> };
  return {
    clusterId: meta.clusterId,
    controller: meta.controllerId,
    brokers: meta.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null })).sort((a, b) => a.id - b.id),
  };
}
