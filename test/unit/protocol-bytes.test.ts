// The request bodies kfk's own codecs put on the wire, byte for byte (snapshots taken from codecs
// checked against a real broker): a change to a codec's shape shows here, before it reaches Kafka.
import { describe, expect, it } from 'vitest';
import { bodyBytes, type ProtocolRequest } from '../../src/kafka/wire/kafkajs-types.js';
import * as admin from '../../src/kafka/protocol/admin-requests.js';
import * as group from '../../src/kafka/protocol/group-requests.js';
import * as acl from '../../src/kafka/protocol/acl-requests.js';
import * as runbook from '../../src/kafka/protocol/runbook-requests.js';
import * as share from '../../src/kafka/protocol/share-requests.js';
import { fetchRequest } from '../../src/kafka/protocol/fetch.js';
import * as txn from '../../src/kafka/protocol/transaction-requests.js';
import { updateFeaturesRequest } from '../../src/kafka/protocol/feature-requests.js';
import * as ctl from '../../src/kafka/protocol/controller-requests.js';

const id1 = 'AAECAwQFBgcICQoLDA0ODw';
const id2 = 'EBESExQVFhcYGRobHB0eHw';

async function body(r: ProtocolRequest): Promise<string> {
  return `${r.request.apiName} v${r.request.apiVersion} (key ${r.request.apiKey}): ${bodyBytes(await r.request.encode()).toString('hex')}`;
}

const acl1: acl.WireAcl = { resourceType: 2, resourceName: 't', patternType: 3, principal: 'User:alice', host: '*', operation: 3, permissionType: 3 };
const filter: acl.WireAcl = { resourceType: 1, resourceName: null, patternType: 1, principal: null, host: null, operation: 1, permissionType: 1 };
const shareTopics: share.ShareTopicPartitions[] = [
  { topicId: id1, partitions: [{ partition: 0, acks: [{ firstOffset: 3, lastOffset: 5, types: [1] }, { firstOffset: 7, lastOffset: 8, types: [2, 3] }] }, { partition: 2, acks: [] }] },
  { topicId: id2, partitions: [{ partition: 1, acks: [] }] },
];

const requests: Array<() => ProtocolRequest> = [
  () => admin.describeTopicPartitions(['a', 'bb'], 2000, null),
  () => admin.describeTopicPartitions(['a'], 10, { topic: 'a', partition: 3 }),
  () =>
    admin.createTopics(
      [
        { name: 't', partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } },
        { name: 'u', partitions: -1, replicationFactor: -1, assignment: [[1, 2], [2, 3]], configs: {} },
      ],
      30000,
    ),
  () => admin.createPartitions('t', 6, [[1], [2, 3]], 30000),
  () => admin.createPartitions('t', 6, undefined, 30000),
  () => admin.deleteTopics(['a', 'b'], 30000),
  () => admin.incrementalAlterConfigs(admin.RESOURCE_TOPIC, 't', [{ name: 'x', op: admin.OP_SET, value: '1' }, { name: 'y', op: admin.OP_DELETE, value: null }]),
  () => admin.offsetDelete('g', [{ topic: 'a', partition: 0 }, { topic: 'b', partition: 1 }, { topic: 'a', partition: 2 }]),
  () => group.listGroups(3),
  () => group.listGroups(4),
  () => group.listGroups(5, ['share', 'consumer']),
  () => group.consumerGroupDescribe(['g1', 'g2'], 0),
  () => group.consumerGroupDescribe(['g1'], 1),
  () => group.offsetFetch('g', null),
  () => group.offsetFetch('g', [{ topic: 'a', partitions: [0, 1] }, { topic: 'b', partitions: [] }]),
  () =>
    group.consumerGroupHeartbeat(
      { group: 'g', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 300000, subscribedTopicNames: ['a', 'b'], serverAssignor: 'uniform', owned: [{ topicId: id1, partitions: [0, 2] }] },
      1,
    ),
  () => group.consumerGroupHeartbeat({ group: 'g', memberId: 'm', memberEpoch: -1, rebalanceTimeoutMs: -1, subscribedTopicNames: null, serverAssignor: null, owned: null }, 0),
  () => group.offsetCommit('g', 'm', 3, [{ topic: 'a', partition: 0, offset: 10 }, { topic: 'b', partition: 1, offset: 2 ** 40 }, { topic: 'a', partition: 2, offset: 0 }]),
  () => acl.describeAclsRequest(filter),
  () => acl.createAclsRequest([acl1, { ...acl1, resourceName: 'u', host: '10.0.0.1' }]),
  () => acl.deleteAclsRequest([filter, acl1]),
  () => runbook.deleteRecords([{ topic: 'a', partition: 0, offset: 5 }, { topic: 'b', partition: 1, offset: -1 }, { topic: 'a', partition: 3, offset: 2 ** 33 }], 30000),
  () => runbook.describeQuorum(2),
  () => runbook.apiVersions(4),
  () => runbook.electLeaders(runbook.ELECTION_PREFERRED, null, 30000),
  () => runbook.electLeaders(runbook.ELECTION_UNCLEAN, [{ topic: 'a', partition: 0 }, { topic: 'b', partition: 2 }, { topic: 'a', partition: 1 }], 30000),
  () => runbook.describeLogDirs(null),
  () => runbook.describeLogDirs([{ topic: 'a', partitions: [0, 1] }]),
  () => runbook.describeClientQuotas([{ type: 'user', match: runbook.QUOTA_MATCH_EXACT, name: 'alice' }, { type: 'client-id', match: runbook.QUOTA_MATCH_DEFAULT, name: null }], true),
  () => runbook.alterClientQuotas([{ type: 'user', name: 'alice' }, { type: 'client-id', name: null }], [{ key: 'producer_byte_rate', value: 1024.5 }, { key: 'consumer_byte_rate', value: null }], false),
  () => txn.listTransactionsRequest({}),
  () => runbook.describeTransactions(['tx1', 'tx2']),
  () => txn.describeProducersRequest([{ topic: 'a', partition: 3 }]),
  () => runbook.alterPartitionReassignments([{ topic: 'a', partition: 0, replicas: [1, 2] }, { topic: 'b', partition: 1, replicas: null }, { topic: 'a', partition: 2, replicas: [3] }], 30000),
  () => runbook.listPartitionReassignments(null, 30000),
  () => runbook.listPartitionReassignments([{ topic: 'a', partition: 0 }, { topic: 'b', partition: 4 }, { topic: 'a', partition: 1 }], 30000),
  () => share.shareGroupHeartbeat({ group: 'sg', memberId: 'm', memberEpoch: 0, subscribedTopicNames: ['a', 'b'] }),
  () => share.shareGroupHeartbeat({ group: 'sg', memberId: 'm', memberEpoch: 4, subscribedTopicNames: null }),
  () => share.shareFetch(1, { group: 'sg', memberId: 'm', sessionEpoch: 0, maxWaitMs: 500, minBytes: 1, maxBytes: 52428800, maxRecords: 500, batchSize: 500, topics: shareTopics, forgotten: [] }),
  () => share.shareFetch(2, { group: 'sg', memberId: 'm', sessionEpoch: 3, maxWaitMs: 500, minBytes: 1, maxBytes: 1024, maxRecords: 10, batchSize: 5, topics: [], forgotten: [{ topicId: id2, partitions: [1, 4] }] }),
  () => share.shareAcknowledge(1, { group: 'sg', memberId: 'm', sessionEpoch: -1, topics: shareTopics }),
  () => share.shareAcknowledge(2, { group: 'sg', memberId: 'm', sessionEpoch: 2, topics: [] }),
  () => share.shareGroupDescribe(['sg', 'sg2']),
  () => share.describeShareGroupOffsets(0, 'sg', null),
  () => share.describeShareGroupOffsets(1, 'sg', [{ topic: 'a', partitions: [0, 2] }]),
  () => share.alterShareGroupOffsets('sg', [{ topic: 'a', partition: 0, offset: 7 }, { topic: 'b', partition: 1, offset: 0 }, { topic: 'a', partition: 1, offset: 2 ** 35 }]),
  () => share.deleteShareGroupOffsets('sg', ['a', 'b']),
  () => group.deleteGroups(['g1', 'g2']),
  () => txn.listTransactionsRequest({ states: ['Ongoing', 'PrepareCommit'], producerIds: [7, 2 ** 40] }),
  () => txn.listTransactionsRequest({ durationMs: 60000 }),
  () => txn.listTransactionsRequest({ pattern: 'tx-.*', states: ['Ongoing'] }),
  () => txn.describeProducersRequest([{ topic: 'a', partition: 0 }, { topic: 'b', partition: 2 }, { topic: 'a', partition: 1 }]),
  () => txn.writeAbortMarkerRequest({ topic: 'a', partition: 2, producerId: 2 ** 33, producerEpoch: 5, coordinatorEpoch: 9 }),
  () => txn.initProducerIdRequest('tx-1', 60000),
  () => updateFeaturesRequest([{ feature: 'metadata.version', level: 27, upgradeType: 1 }, { feature: 'share.version', level: 0, upgradeType: 3 }], true, 30000),
  () => fetchRequest(4, { maxWaitMs: 500, minBytes: 1, maxBytes: 1024, readCommitted: false, partitions: [{ topic: 'a', partition: 0, offset: 5, maxBytes: 100 }, { topic: 'b', partition: 1, offset: 2 ** 33, maxBytes: 100 }, { topic: 'a', partition: 1, offset: 0, maxBytes: 100 }] }),
  () => fetchRequest(11, { maxWaitMs: 500, minBytes: 1, maxBytes: 1024, readCommitted: true, partitions: [{ topic: 'a', partition: 0, offset: 5, maxBytes: 100 }] }),
  () => ctl.describeClusterRequest(1, ctl.ENDPOINT_CONTROLLERS),
  () => ctl.addRaftVoterRequest({ clusterId: null, timeoutMs: 30000, voterId: 2, directoryId: id1, listeners: [{ name: 'CONTROLLER', host: '127.0.0.1', port: 40891 }] }),
  () => ctl.removeRaftVoterRequest({ clusterId: null, voterId: 2, directoryId: id2 }),
  () => ctl.alterReplicaLogDirsRequest([{ topic: 'a', partition: 0, path: '/d2' }, { topic: 'b', partition: 1, path: '/d1' }, { topic: 'a', partition: 2, path: '/d2' }]),
  () => ctl.unregisterBrokerRequest(7),
  () => ctl.unregisterControllerRequest(3001),
];

describe('request bodies', () => {
  it('are the bytes Kafka was given when the codecs were checked against it', async () => {
    const bodies: string[] = [];
    for (const r of requests) bodies.push(await body(r()));
    expect(bodies).toMatchSnapshot();
  });
});
