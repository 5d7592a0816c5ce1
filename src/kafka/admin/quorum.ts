// The KRaft metadata quorum (DescribeQuorum, which a broker forwards to the active controller)
// and the cluster's feature levels (ApiVersions' supported and finalized features).
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { ENDPOINT_BROKERS, ENDPOINT_CONTROLLERS, addRaftVoterRequest, describeClusterRequest, removeRaftVoterRequest, unregisterBrokerRequest, unregisterControllerRequest, type ClusterNodes, type RaftVoterAnswer } from '../protocol/controller-requests.js';
import { usableVersion } from '../protocol/versions.js';
import { askApiVersions, describeQuorum as describeQuorumRequest, type FeatureDescription, type QuorumDescription } from '../protocol/runbook-requests.js';

export type { FeatureDescription, QuorumDescription, QuorumReplica } from '../protocol/runbook-requests.js';

export async function describeQuorum(client: KafkaClient): Promise<QuorumDescription & { clusterId: string }> {
  // Through controllers: the active one (a follower answers NOT_LEADER_OR_FOLLOWER).
  const broker = await adminBroker(client);
  const q = (await broker.connectionPool.send({ ...describeQuorumRequest(usableVersion(broker, 'DescribeQuorum', 0, 2)), requestTimeout: 30_000 })) as QuorumDescription;
  if (q.errorCode) throw brokerError(q.errorCode, q.errorMessage);
  if (client.options.controllers) return { ...q, clusterId: (await describeClusterNodes(client)).clusterId };
  const cluster = await client.cluster();
  return { ...q, clusterId: (cluster.brokerPool.metadata?.clusterId as string | undefined) ?? '' };
}

/**
 * DescribeCluster: the cluster id and its brokers, or with `--bootstrap-controller` its
 * controllers (what the admin client sees of a cluster through a controller's listener).
 */
export async function describeClusterNodes(client: KafkaClient, includeFenced?: boolean): Promise<ClusterNodes> {
  const broker = await client.anyBroker();
  // Version 2 (Kafka 4.0) tells fenced brokers apart; without it, every broker listed is unfenced.
  const version = usableVersion(broker, 'DescribeCluster', includeFenced ? 2 : 1, includeFenced === undefined ? 1 : 2, 'fenced brokers are listed from v2 (Kafka 4.0)') as 1 | 2;
  const r = (await broker.connectionPool.send({ ...describeClusterRequest(version, client.options.controllers ? ENDPOINT_CONTROLLERS : ENDPOINT_BROKERS, includeFenced), requestTimeout: 30_000 })) as ClusterNodes;
  if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
  return r;
}

const active = new WeakMap<KafkaClient, Promise<KafkajsBroker>>();

/**
 * The broker for a cluster-wide admin request: with `--bootstrap-controller` the active
 * controller, at the address DescribeCluster lists for it (the others answer NOT_CONTROLLER;
 * Kafka's admin client sends such requests there too), otherwise any broker (KafkaClient.anyBroker).
 */
export function adminBroker(client: KafkaClient): Promise<KafkajsBroker> {
  if (!client.options.controllers) return client.anyBroker();
  let found = active.get(client);
  if (!found) {
    found = (async () => {
      const { controllerId, nodes } = await describeClusterNodes(client);
      const node = nodes.find((n) => n.nodeId === controllerId);
      return node ? client.controllerAt(`${node.host}:${node.port}`) : client.anyBroker();
    })();
    active.set(client, found);
  }
  return found;
}

export async function describeFeatures(client: KafkaClient, nodeId?: number): Promise<FeatureDescription> {
  let broker: KafkajsBroker;
  if (nodeId === undefined) broker = await client.anyBroker();
  else if (client.options.controllers) {
    // Through a controller's listener: controller N itself, at the address DescribeCluster lists.
    const node = (await describeClusterNodes(client)).nodes.find((n) => n.nodeId === nodeId);
    if (!node) throw new KfkError(`No node with id ${nodeId} found.`);
    broker = await client.controllerAt(`${node.host}:${node.port}`);
  } else {
    const cluster = await client.cluster();
    try {
      broker = await cluster.findBroker({ nodeId });
    } catch {
      throw new KfkError(`broker ${nodeId} is not in the cluster`);
    }
  }
  const f = await askApiVersions(broker, 30_000);
  if (f.errorCode) throw brokerError(f.errorCode, null);
  return f;
}

/** A controller's endpoint on its listener, as a voter lists it. */
export interface VoterEndpoint {
  name: string;
  host: string;
  port: number;
}

/** KIP-853: a controller (an observer of a dynamic quorum now) becomes a voter (AddRaftVoter). */
export async function addRaftVoter(client: KafkaClient, voterId: number, directoryId: string, endpoints: VoterEndpoint[]): Promise<void> {
  const broker = await adminBroker(client);
  const r = (await broker.connectionPool.send({ ...addRaftVoterRequest({ clusterId: null, timeoutMs: 30_000, voterId, directoryId, listeners: endpoints }), requestTimeout: 40_000 })) as RaftVoterAnswer;
  if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
}

/** KIP-853: a voter leaves the quorum (RemoveRaftVoter). */
export async function removeRaftVoter(client: KafkaClient, voterId: number, directoryId: string): Promise<void> {
  const broker = await adminBroker(client);
  const r = (await broker.connectionPool.send({ ...removeRaftVoterRequest({ clusterId: null, voterId, directoryId }), requestTimeout: 40_000 })) as RaftVoterAnswer;
  // The broker's own code too: kafkajs knows no VOTER_NOT_FOUND (127).
  if (r.errorCode) throw Object.assign(brokerError(r.errorCode, r.errorMessage), { errorCode: r.errorCode });
}

/**
 * A controller's registration leaves the cluster metadata (UnregisterController, Kafka 4.4):
 * through controllers, sent to the active one, as Kafka's admin client does (another answers
 * NOT_CONTROLLER), whichever controller was named.
 */
export async function unregisterController(client: KafkaClient, controllerId: number): Promise<void> {
  const broker = await adminBroker(client);
  const r = (await broker.connectionPool.send({ ...unregisterControllerRequest(controllerId), requestTimeout: 40_000 })) as RaftVoterAnswer;
  if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
}

/** A broker's registration leaves the cluster metadata (UnregisterBroker), through the active controller as unregisterController. */
export async function unregisterBroker(client: KafkaClient, brokerId: number): Promise<void> {
  const broker = await adminBroker(client);
  const r = (await broker.connectionPool.send({ ...unregisterBrokerRequest(brokerId), requestTimeout: 40_000 })) as RaftVoterAnswer;
  if (r.errorCode) throw brokerError(r.errorCode, r.errorMessage);
}
