// Partition reassignments as kafka-reassign-partitions makes them: the current assignment (with
// each replica's log directory), AlterPartitionReassignments to start or cancel, the ongoing
// ones (ListPartitionReassignments), and the replication throttles on topics and brokers.
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { brokerError } from '../protocol/admin-requests.js';
import { readMetadata } from '../wire/metadata.js';
import { alterConfigs } from './configs.js';
import { adminBroker } from './quorum.js';
import { brokerIds, describeLogDirs } from './log-dirs.js';
import { alterReplicaLogDirsRequest } from '../protocol/controller-requests.js';
import { CONTROLLER_UNSUPPORTED, KfkError } from '../../errors.js';
import { alterPartitionReassignments, listPartitionReassignments, type OngoingReassignment } from '../protocol/runbook-requests.js';

export type { OngoingReassignment } from '../protocol/runbook-requests.js';
export { brokerIds };

export interface TP {
  topic: string;
  partition: number;
}

const TIMEOUT_MS = 30_000;

/** Each partition's replicas now (from the metadata); a partition that does not exist is left out. */
export async function currentReplicas(client: KafkaClient, parts: TP[]): Promise<Map<string, number[]>> {
  const cluster = await client.cluster();
  const state = await readMetadata(cluster, [...new Set(parts.map((p) => p.topic))]);
  const out = new Map<string, number[]>();
  for (const p of parts) {
    const r = state.topics.find((t) => t.name === p.topic)?.partitions.find((x) => x.partition === p.partition)?.replicas;
    if (r) out.set(`${p.topic}-${p.partition}`, r);
  }
  return out;
}

/** Which of these topics the cluster has. */
export async function existingTopics(client: KafkaClient, topics: string[]): Promise<Set<string>> {
  const state = await readMetadata(await client.cluster(), topics);
  return new Set(state.topics.filter((t) => t.errorCode === 0 && topics.includes(t.name)).map((t) => t.name));
}

/** The log directory of each replica (`topic-partition/broker` -> directory). */
export async function replicaLogDirs(client: KafkaClient, brokers: number[], topics: string[]): Promise<Map<string, string>> {
  const dirs = await describeLogDirs(client, brokers, topics);
  const out = new Map<string, string>();
  for (const d of dirs) for (const r of d.replicas) if (!r.isFuture) out.set(`${r.topic}-${r.partition}/${d.broker}`, d.logDir);
  return out;
}

export async function ongoingReassignments(client: KafkaClient, parts: TP[] | null = null): Promise<OngoingReassignment[]> {
  const broker = await adminBroker(client);
  const res = (await broker.connectionPool.send({ ...listPartitionReassignments(parts, TIMEOUT_MS), requestTimeout: TIMEOUT_MS + 5000 })) as { errorCode: number; errorMessage: string | null; reassignments: OngoingReassignment[] };
  if (res.errorCode) throw brokerError(res.errorCode, res.errorMessage);
  return res.reassignments;
}

/** Starts (replicas) or cancels (null) reassignments; per-partition errors as `topic-partition` -> message. */
export async function alterReassignments(client: KafkaClient, parts: Array<TP & { replicas: number[] | null }>): Promise<Map<string, string>> {
  const broker = await adminBroker(client);
  const res = (await broker.connectionPool.send({ ...alterPartitionReassignments(parts, TIMEOUT_MS), requestTimeout: TIMEOUT_MS + 5000 })) as {
    errorCode: number;
    errorMessage: string | null;
    partitions: Array<TP & { errorCode: number; errorMessage: string | null }>;
  };
  if (res.errorCode) throw brokerError(res.errorCode, res.errorMessage);
  const errors = new Map<string, string>();
  for (const p of res.partitions) if (p.errorCode) errors.set(`${p.topic}-${p.partition}`, p.errorMessage ?? kafkajs().createErrorFromCode(p.errorCode).message);
  return errors;
}

export const BROKER_THROTTLES = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate', 'replica.alter.log.dirs.io.max.bytes.per.second'];
export const TOPIC_THROTTLES = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'];

export async function setTopicThrottles(client: KafkaClient, topic: string, leader: string | undefined, follower: string | undefined): Promise<void> {
  const set: Record<string, string> = {};
  if (leader !== undefined) set['leader.replication.throttled.replicas'] = leader;
  if (follower !== undefined) set['follower.replication.throttled.replicas'] = follower;
  await alterConfigs(client, 'topic', topic, { set, delete: [] });
}

export async function setBrokerThrottle(client: KafkaClient, broker: number, rate: number): Promise<void> {
  await alterConfigs(client, 'broker', String(broker), { set: { 'leader.replication.throttled.rate': String(rate), 'follower.replication.throttled.rate': String(rate) }, delete: [] });
}

export async function clearThrottles(client: KafkaClient, brokers: number[], topics: string[]): Promise<void> {
  await Promise.all([
    ...brokers.map((b) => alterConfigs(client, 'broker', String(b), { set: {}, delete: BROKER_THROTTLES })),
    ...topics.map((t) => alterConfigs(client, 'topic', t, { set: {}, delete: TOPIC_THROTTLES })),
  ]);
}

export interface LogDirMove extends TP {
  broker: number;
  path: string;
}

/** REPLICA_NOT_AVAILABLE: the replica is not on that broker yet (it is being reassigned there). */
export const REPLICA_NOT_AVAILABLE = 9;

/** AlterReplicaLogDirs to each broker: each replica's error code, by `topic-partition-broker`. */
export async function alterReplicaLogDirs(client: KafkaClient, moves: LogDirMove[]): Promise<Map<string, number>> {
  const cluster = await client.cluster();
  const out = new Map<string, number>();
  const brokers = [...new Set(moves.map((m) => m.broker))];
  await Promise.all(
    brokers.map(async (id) => {
      const mine = moves.filter((m) => m.broker === id);
      let broker: KafkajsBroker;
      try {
        broker = await cluster.findBroker({ nodeId: id });
      } catch {
        throw new KfkError(`broker ${id} did not answer`);
      }
      const res = (await broker.connectionPool.send({ ...alterReplicaLogDirsRequest(mine), requestTimeout: TIMEOUT_MS })) as Array<TP & { errorCode: number }>;
      for (const m of mine) out.set(`${m.topic}-${m.partition}-${id}`, res.find((r) => r.topic === m.topic && r.partition === m.partition)?.errorCode ?? REPLICA_NOT_AVAILABLE);
    }),
  );
  return out;
}

/** Where a replica is and where it is going (DescribeLogDirs: the current and the future replica). */
export interface ReplicaDirs {
  current: string | null;
  future: string | null;
}

/** Each replica's current and future log directory, by `topic-partition-broker`. */
export async function replicaDirStates(client: KafkaClient, moves: LogDirMove[]): Promise<Map<string, ReplicaDirs>> {
  // DescribeLogDirs is the brokers' (as Kafka's admin client says through a controller's listener).
  if (client.options.controllers) throw new KfkError(CONTROLLER_UNSUPPORTED);
  const brokers = [...new Set(moves.map((m) => m.broker))].sort((a, b) => a - b);
  const dirs = await describeLogDirs(client, brokers, [...new Set(moves.map((m) => m.topic))]);
  const out = new Map<string, ReplicaDirs>();
  for (const m of moves) {
    const key = `${m.topic}-${m.partition}-${m.broker}`;
    const state: ReplicaDirs = { current: null, future: null };
    for (const d of dirs) {
      if (d.broker !== m.broker) continue;
      for (const r of d.replicas) if (r.topic === m.topic && r.partition === m.partition) state[r.isFuture ? 'future' : 'current'] = d.logDir;
    }
    out.set(key, state);
  }
  return out;
}

export async function setLogDirThrottle(client: KafkaClient, broker: number, rate: number): Promise<void> {
  await alterConfigs(client, 'broker', String(broker), { set: { 'replica.alter.log.dirs.io.max.bytes.per.second': String(rate) }, delete: [] });
}
