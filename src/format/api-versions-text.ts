// kafka-cluster api-versions' and kafka-broker-api-versions' text: each node, then every API it
// offers with the versions it takes and the newest that Kafka 4.4's Java client would use with it
// (NodeApiVersions#toString).
import type { ApiVersionRange, NodeApiVersions } from '../kafka/admin/api-versions.js';
import { defaultHashSetOrder, javaStringHash } from './java-order.js';

/**
 * Kafka 4.4's ApiKeys: id, name, oldest and latest version its client speaks (-1: none, an API
 * removed with ZooKeeper), and whether it is a client API (one the tool lists as UNSUPPORTED
 * where a broker does not offer it).
 */
const API_KEYS: ReadonlyArray<readonly [number, string, number, number, boolean]> = [
  [0, 'Produce', 3, 13, true],
  [1, 'Fetch', 4, 18, true],
  [2, 'ListOffsets', 1, 11, true],
  [3, 'Metadata', 0, 13, true],
  [4, 'LeaderAndIsr', 0, -1, false],
  [5, 'StopReplica', 0, -1, false],
  [6, 'UpdateMetadata', 0, -1, false],
  [7, 'ControlledShutdown', 0, -1, false],
  [8, 'OffsetCommit', 2, 10, true],
  [9, 'OffsetFetch', 1, 10, true],
  [10, 'FindCoordinator', 0, 6, true],
  [11, 'JoinGroup', 0, 9, true],
  [12, 'Heartbeat', 0, 4, true],
  [13, 'LeaveGroup', 0, 5, true],
  [14, 'SyncGroup', 0, 5, true],
  [15, 'DescribeGroups', 0, 6, true],
  [16, 'ListGroups', 0, 5, true],
  [17, 'SaslHandshake', 0, 1, true],
  [18, 'ApiVersions', 0, 5, true],
  [19, 'CreateTopics', 2, 7, true],
  [20, 'DeleteTopics', 1, 6, true],
  [21, 'DeleteRecords', 0, 2, true],
  [22, 'InitProducerId', 0, 6, true],
  [23, 'OffsetForLeaderEpoch', 2, 4, true],
  [24, 'AddPartitionsToTxn', 0, 5, true],
  [25, 'AddOffsetsToTxn', 0, 4, true],
  [26, 'EndTxn', 0, 5, true],
  [27, 'WriteTxnMarkers', 1, 2, true],
  [28, 'TxnOffsetCommit', 0, 6, true],
  [29, 'DescribeAcls', 1, 3, true],
  [30, 'CreateAcls', 1, 3, true],
  [31, 'DeleteAcls', 1, 3, true],
  [32, 'DescribeConfigs', 1, 4, true],
  [33, 'AlterConfigs', 0, 2, true],
  [34, 'AlterReplicaLogDirs', 1, 2, true],
  [35, 'DescribeLogDirs', 1, 5, true],
  [36, 'SaslAuthenticate', 0, 2, true],
  [37, 'CreatePartitions', 0, 3, true],
  [38, 'CreateDelegationToken', 1, 3, true],
  [39, 'RenewDelegationToken', 1, 2, true],
  [40, 'ExpireDelegationToken', 1, 2, true],
  [41, 'DescribeDelegationToken', 1, 3, true],
  [42, 'DeleteGroups', 0, 3, true],
  [43, 'ElectLeaders', 0, 2, true],
  [44, 'IncrementalAlterConfigs', 0, 1, true],
  [45, 'AlterPartitionReassignments', 0, 1, true],
  [46, 'ListPartitionReassignments', 0, 0, true],
  [47, 'OffsetDelete', 0, 0, true],
  [48, 'DescribeClientQuotas', 0, 1, true],
  [49, 'AlterClientQuotas', 0, 1, true],
  [50, 'DescribeUserScramCredentials', 0, 0, true],
  [51, 'AlterUserScramCredentials', 0, 0, true],
  [52, 'Vote', 0, 2, false],
  [53, 'BeginQuorumEpoch', 0, 1, false],
  [54, 'EndQuorumEpoch', 0, 1, false],
  [55, 'DescribeQuorum', 0, 2, true],
  [56, 'AlterPartition', 2, 3, false],
  [57, 'UpdateFeatures', 0, 2, true],
  [58, 'Envelope', 0, 0, false],
  [59, 'FetchSnapshot', 0, 1, false],
  [60, 'DescribeCluster', 0, 2, true],
  [61, 'DescribeProducers', 0, 0, true],
  [62, 'BrokerRegistration', 0, 4, false],
  [63, 'BrokerHeartbeat', 0, 2, false],
  [64, 'UnregisterBroker', 0, 0, true],
  [65, 'DescribeTransactions', 0, 0, true],
  [66, 'ListTransactions', 0, 2, true],
  [67, 'AllocateProducerIds', 0, 0, false],
  [68, 'ConsumerGroupHeartbeat', 0, 1, true],
  [69, 'ConsumerGroupDescribe', 0, 1, true],
  [70, 'ControllerRegistration', 0, 0, false],
  [71, 'GetTelemetrySubscriptions', 0, 0, true],
  [72, 'PushTelemetry', 0, 0, true],
  [73, 'AssignReplicasToDirs', 0, 0, false],
  [74, 'ListConfigResources', 0, 1, true],
  [75, 'DescribeTopicPartitions', 0, 0, true],
  [76, 'ShareGroupHeartbeat', 1, 1, true],
  [77, 'ShareGroupDescribe', 1, 1, true],
  [78, 'ShareFetch', 1, 2, true],
  [79, 'ShareAcknowledge', 1, 2, true],
  [80, 'AddRaftVoter', 0, 1, true],
  [81, 'RemoveRaftVoter', 0, 0, true],
  [82, 'UpdateRaftVoter', 0, 0, false],
  [83, 'InitializeShareGroupState', 0, 0, true],
  [84, 'ReadShareGroupState', 0, 0, true],
  [85, 'WriteShareGroupState', 0, 1, true],
  [86, 'DeleteShareGroupState', 0, 0, true],
  [87, 'ReadShareGroupStateSummary', 0, 1, true],
  [88, 'StreamsGroupHeartbeat', 0, 1, true],
  [89, 'StreamsGroupDescribe', 0, 1, true],
  [90, 'DescribeShareGroupOffsets', 0, 1, true],
  [91, 'AlterShareGroupOffsets', 0, 0, true],
  [92, 'DeleteShareGroupOffsets', 0, 0, true],
  [93, 'StreamsGroupTopologyDescriptionUpdate', 0, 0, true],
  [94, 'UnregisterController', 0, 0, true],
];

const KEYS = new Map(API_KEYS.map((k) => [k[0], k]));

/** The name Kafka 4.4 gives an API key; `UNKNOWN` for one it does not know. */
export function apiName(apiKey: number): string {
  return KEYS.get(apiKey)?.[1] ?? 'UNKNOWN';
}

/** The newest version Kafka 4.4's client would use with this range, or why it would use none. */
export function usableVersion(api: ApiVersionRange): number | 'node too new' | 'node too old' | null {
  const k = KEYS.get(api.apiKey);
  if (!k) return null;
  if (k[3] < api.minVersion) return 'node too new';
  if (api.maxVersion < k[2]) return 'node too old';
  return Math.min(k[3], api.maxVersion);
}

/** NodeApiVersions#toString(true): every API the broker offers and each client API it does not, by key. */
export function apiVersionsText(apis: ApiVersionRange[]): string {
  const lines = new Map<number, string>();
  for (const api of apis) {
    const range = api.minVersion === api.maxVersion ? String(api.minVersion) : `${api.minVersion} to ${api.maxVersion}`;
    const usable = usableVersion(api);
    const tail = usable === null ? '' : typeof usable === 'number' ? ` [usable: ${usable}]` : ` [unusable: ${usable}]`;
    lines.set(api.apiKey, `${apiName(api.apiKey)}(${api.apiKey}): ${range}${tail}`);
  }
  for (const [id, name, , , client] of API_KEYS) if (client && !lines.has(id)) lines.set(id, `${name}(${id}): UNSUPPORTED`);
  return `(\n\t${[...lines].sort((a, b) => a[0] - b[0]).map(([, l]) => l).join(',\n\t')}\n)`;
}

type NodeAddress = Pick<NodeApiVersions, 'nodeId' | 'host' | 'port' | 'rack'>;

/** org.apache.kafka.common.Node#toString, of a node as Metadata and DescribeCluster list it (never fenced). */
export function nodeText(b: NodeAddress): string {
  return `${b.host}:${b.port} (id: ${b.nodeId} rack: ${b.rack ?? 'null'} isFenced: false)`;
}

/** Node#hashCode: host, id, port, rack and isFenced (false: Boolean#hashCode 1237). */
function nodeHash(b: NodeAddress): number {
  let h = (31 + javaStringHash(b.host)) | 0;
  h = (Math.imul(31, h) + b.nodeId) | 0;
  h = (Math.imul(31, h) + b.port) | 0;
  h = (Math.imul(31, h) + (b.rack === null ? 0 : javaStringHash(b.rack))) | 0;
  return (Math.imul(31, h) + 1237) | 0;
}

/**
 * The tools' output: a line per node, `node -> (...)`, or `node -> ERROR: why` for one that gave
 * no answer (a node that did not answer in time in the words of the Java client's
 * TimeoutException, as kafka-broker-api-versions prints it). kafka-cluster api-versions lists the
 * nodes by id; kafka-broker-api-versions (`hashOrder`) in the order of its HashMap of nodes (ties
 * by id).
 */
export function apiVersionsToolText(nodes: NodeApiVersions[], hashOrder = false): string {
  const ordered = hashOrder ? defaultHashSetOrder(nodes, nodeHash) : nodes;
  const failure = (n: NodeApiVersions) => (n.waitedMs === null ? n.error : `org.apache.kafka.common.errors.TimeoutException: Failed to send request after ${n.waitedMs} ms.`);
  return ordered.map((n) => `${nodeText(n)} -> ${n.apis ? apiVersionsText(n.apis) : `ERROR: ${failure(n)}`}\n`).join('');
}
