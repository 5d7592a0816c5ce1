// The KRaft metadata quorum (DescribeQuorum, which a broker forwards to the active controller)
// and the cluster's feature levels (ApiVersions' supported and finalized features).
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { apiVersionsFeatures, describeQuorum as describeQuorumRequest, type FeatureDescription, type QuorumDescription } from '../protocol/runbook-requests.js';

export type { FeatureDescription, QuorumDescription, QuorumReplica } from '../protocol/runbook-requests.js';

export async function describeQuorum(client: KafkaClient): Promise<QuorumDescription & { clusterId: string }> {
  const broker = await client.anyBroker();
  const q = (await broker.connectionPool.send({ ...describeQuorumRequest(), requestTimeout: 30_000 })) as QuorumDescription;
  if (q.errorCode) throw brokerError(q.errorCode, q.errorMessage);
  const cluster = await client.cluster();
  return { ...q, clusterId: (cluster.brokerPool.metadata?.clusterId as string | undefined) ?? '' };
}

export async function describeFeatures(client: KafkaClient, nodeId?: number): Promise<FeatureDescription> {
  let broker: KafkajsBroker;
  if (nodeId === undefined) broker = await client.anyBroker();
  else {
    const cluster = await client.cluster();
    try {
      broker = await cluster.findBroker({ nodeId });
    } catch {
      throw new KfkError(`broker ${nodeId} is not in the cluster`);
    }
  }
  const f = (await broker.connectionPool.send({ ...apiVersionsFeatures(), requestTimeout: 30_000 })) as FeatureDescription & { errorCode: number };
  if (f.errorCode) throw brokerError(f.errorCode, null);
  return f;
}
