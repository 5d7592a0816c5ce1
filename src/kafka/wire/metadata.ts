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
  parse: (data: RawMetadata) => Promise<RawMetadata>;
}

/**
 * Replaces the parse step of kafkajs' Metadata responses (each version's module, so the order in
 * which kafkajs loads them does not matter): the decoded answer is returned whole, errors and all.
 */
export function keepMetadataErrorsAsData(responses: ResponseModule[]): void {
  for (const r of responses) r.parse = async (data) => data;
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

function toTopicState(t: RawMetadata['topicMetadata'][number]): TopicState {
  return {
    name: t.topic,
    errorCode: t.topicErrorCode,
    internal: t.isInternal ?? t.topic.startsWith('__'),
    partitions: t.partitionMetadata
      .map((p) => ({
        partition: p.partitionId,
        leader: p.leader ?? NO_LEADER,
        replicas: p.replicas,
        isr: p.isr,
        offline: p.offlineReplicas ?? [],
        errorCode: p.partitionErrorCode,
      }))
      .sort((a, b) => a.partition - b.partition),
  };
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
  const t = cluster.brokerPool.metadata?.topicMetadata.find((x) => x.topic === topic);
  return t ? toTopicState(t) : undefined;
}

/** The leader of a partition as last known: -1 when it has none or the partition is unknown. */
export function knownLeader(cluster: MetadataSource, topic: string, partition: number): number {
  const t = cluster.brokerPool.metadata?.topicMetadata.find((x) => x.topic === topic);
  const p = t?.partitionMetadata.find((x) => x.partitionId === partition);
  return p && p.leader !== null && p.leader !== undefined ? p.leader : NO_LEADER;
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
