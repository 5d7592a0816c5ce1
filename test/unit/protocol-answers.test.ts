// kfk's own decoders against answers a real Kafka 4.4 broker gave (one per API and version, taken
// from the e2e runs; `decoded` is what the codecs made of them when checked against Kafka's tools).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProtocolRequest } from '../../src/kafka/wire/kafkajs-types.js';
import * as admin from '../../src/kafka/protocol/admin-requests.js';
import * as group from '../../src/kafka/protocol/group-requests.js';
import * as acl from '../../src/kafka/protocol/acl-requests.js';
import * as runbook from '../../src/kafka/protocol/runbook-requests.js';
import * as share from '../../src/kafka/protocol/share-requests.js';
import * as txn from '../../src/kafka/protocol/transaction-requests.js';

const answers = JSON.parse(readFileSync(new URL('./fixtures/kafka-answers.json', import.meta.url), 'utf8')) as Array<{ api: string; version: number; hex: string; decoded: string }>;

// Only the version and the API matter to a decoder; the arguments are placeholders.
const none = null as never;
const requests: Record<string, (v: number) => ProtocolRequest> = {
  DescribeTopicPartitions: () => admin.describeTopicPartitions([], 0, null),
  CreateTopics: () => admin.createTopics([], 0),
  CreatePartitions: () => admin.createPartitions('t', 1, undefined, 0),
  DeleteTopics: () => admin.deleteTopics([], 0),
  IncrementalAlterConfigs: () => admin.incrementalAlterConfigs(admin.RESOURCE_TOPIC, 't', []),
  OffsetDelete: () => admin.offsetDelete('g', []),
  ListGroups: (v) => group.listGroups(v),
  ConsumerGroupDescribe: (v) => group.consumerGroupDescribe([], v),
  OffsetFetch: () => group.offsetFetch('g', null),
  ConsumerGroupHeartbeat: (v) => group.consumerGroupHeartbeat(none, v),
  OffsetCommit: () => group.offsetCommit('g', 'm', 0, []),
  DescribeAcls: () => acl.describeAclsRequest(none),
  CreateAcls: () => acl.createAclsRequest([]),
  DeleteAcls: () => acl.deleteAclsRequest([]),
  DeleteRecords: () => runbook.deleteRecords([], 0),
  DescribeQuorum: (v) => runbook.describeQuorum(v),
  ApiVersions: (v) => runbook.apiVersions(v),
  ElectLeaders: () => runbook.electLeaders(runbook.ELECTION_PREFERRED, null, 0),
  DescribeClientQuotas: () => runbook.describeClientQuotas([], false),
  AlterClientQuotas: () => runbook.alterClientQuotas([], [], false),
  ListTransactions: () => txn.listTransactionsRequest({}),
  DescribeTransactions: () => runbook.describeTransactions([]),
  DescribeProducers: () => txn.describeProducersRequest([]),
  ListPartitionReassignments: () => runbook.listPartitionReassignments(null, 0),
  ShareGroupHeartbeat: () => share.shareGroupHeartbeat(none),
  ShareFetch: (v) => share.shareFetch(v, none),
  ShareAcknowledge: (v) => share.shareAcknowledge(v, none),
  ShareGroupDescribe: () => share.shareGroupDescribe([]),
  DescribeShareGroupOffsets: (v) => share.describeShareGroupOffsets(v, 'g', null),
  AlterShareGroupOffsets: () => share.alterShareGroupOffsets('g', []),
  DeleteShareGroupOffsets: () => share.deleteShareGroupOffsets('g', []),
  DeleteGroups: () => group.deleteGroups([]),
};

const show = (x: unknown) => JSON.stringify(x, (_, y) => (y && y.type === 'Buffer' ? Buffer.from(y.data).toString('hex') : y));

describe("Kafka 4.4's answers", () => {
  it('cover every API kfk decodes itself', () => {
    expect(answers.map((a) => a.api).sort()).toEqual(Object.keys(requests).sort());
  });
  it.each(answers.map((a) => [`${a.api} v${a.version}`, a] as const))('%s decodes as before', async (_, a) => {
    const r = requests[a.api](a.version);
    expect(r.request.apiName).toBe(a.api);
    expect(r.request.apiVersion).toBe(a.version);
    expect(show(await r.response.parse(await r.response.decode(Buffer.from(a.hex, 'hex'))))).toBe(a.decoded);
  });
});
