// kfk's decoder of Metadata answers (each topic's partitions decoded when first read) against
// kafkajs' own decoders, v0-v6, on one answer with what a degraded cluster puts in it: a
// partition without a leader, an empty ISR, offline replicas, a topic the broker does not know,
// a broker without a rack.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { NO_LEADER, decodeMetadata, knownLeader, knownWithPartitions, toClusterState, type MetadataSource } from '../../src/kafka/wire/metadata.js';

const require = createRequire(import.meta.url);
const kafkajsDecoder = (v: number) => (require(`kafkajs/src/protocol/requests/metadata/v${v}/response`) as { decode(b: Buffer): Promise<unknown> }).decode;

class Writer {
  private parts: Buffer[] = [];
  int8(n: number) {
    this.parts.push(Buffer.from([n]));
    return this;
  }
  int16(n: number) {
    const b = Buffer.alloc(2);
    b.writeInt16BE(n);
    this.parts.push(b);
    return this;
  }
  int32(n: number) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    this.parts.push(b);
    return this;
  }
  string(s: string | null) {
    if (s === null) return this.int16(-1);
    this.int16(Buffer.byteLength(s));
    this.parts.push(Buffer.from(s));
    return this;
  }
  int32s(a: number[]) {
    this.int32(a.length);
    for (const n of a) this.int32(n);
    return this;
  }
  bytes() {
    return Buffer.concat(this.parts);
  }
}

const brokers = [
  { nodeId: 1, host: '127.0.0.1', port: 9092, rack: 'r1' },
  { nodeId: 2, host: 'kafka-2.example', port: 9093, rack: null },
];
const topics = [
  { error: 0, name: 'orders', internal: false, partitions: [
    { error: 0, id: 1, leader: 2, replicas: [2, 1], isr: [2, 1], offline: [] },
    { error: 5, id: 0, leader: -1, replicas: [3, 1], isr: [], offline: [3] },
    { error: 9, id: 2, leader: 1, replicas: [1, 3], isr: [1], offline: [3] },
  ] },
  { error: 3, name: 'gone', internal: false, partitions: [] },
  { error: 0, name: '__consumer_offsets', internal: true, partitions: [{ error: 0, id: 0, leader: 1, replicas: [1], isr: [1], offline: [] }] },
  { error: 0, name: 'ünïcode-тема', internal: false, partitions: [{ error: 0, id: 0, leader: 1, replicas: [1], isr: [1], offline: [] }] },
];

function answer(version: number): Buffer {
  const w = new Writer();
  if (version >= 3) w.int32(0);
  w.int32(brokers.length);
  for (const b of brokers) {
    w.int32(b.nodeId).string(b.host).int32(b.port);
    if (version >= 1) w.string(b.rack);
  }
  if (version >= 2) w.string('cluster-Id_1');
  if (version >= 1) w.int32(2);
  w.int32(topics.length);
  for (const t of topics) {
    w.int16(t.error).string(t.name);
    if (version >= 1) w.int8(t.internal ? 1 : 0);
    w.int32(t.partitions.length);
    for (const p of t.partitions) {
      w.int16(p.error).int32(p.id).int32(p.leader).int32s(p.replicas).int32s(p.isr);
      if (version >= 5) w.int32s(p.offline);
    }
  }
  return w.bytes();
}

describe('Metadata answers, v0-v6', () => {
  for (const version of [0, 1, 2, 3, 4, 5, 6]) {
    it(`v${version}: the same data as kafkajs' decoder, partitions read when asked for`, async () => {
      const raw = answer(version);
      const theirs = await kafkajsDecoder(version)(raw);
      const ours = decodeMetadata(raw, version);
      expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(theirs)));
      // Read as kafkajs' cluster and kfk read it: a topic's partitions by property.
      const mine = ours.topicMetadata.map((t) => [t.topic, t.topicErrorCode, t.partitionMetadata.map((p) => [p.partitionId, p.leader, p.replicas, p.isr, p.offlineReplicas])]);
      const kjs = (theirs as typeof ours).topicMetadata.map((t) => [t.topic, t.topicErrorCode, t.partitionMetadata.map((p) => [p.partitionId, p.leader, p.replicas, p.isr, p.offlineReplicas])]);
      expect(mine).toEqual(kjs);
      expect(toClusterState(ours)).toEqual(toClusterState(theirs as typeof ours));
    });
  }

  it('a topic\'s partitions, once read or replaced, stay what they are', () => {
    const t = decodeMetadata(answer(6), 6).topicMetadata[0]!;
    const first = t.partitionMetadata;
    expect(t.partitionMetadata).toBe(first);
    t.partitionMetadata = [];
    expect(t.partitionMetadata).toEqual([]);
  });

  it('leaders and presence as a consumer asks at every round: by partition id, following a new answer or replaced partitions', () => {
    const cluster = { brokerPool: { metadata: decodeMetadata(answer(6), 6) } } as unknown as MetadataSource;
    expect([0, 1, 2, 3].map((p) => knownLeader(cluster, 'orders', p))).toEqual([NO_LEADER, 2, 1, NO_LEADER]);
    expect(knownLeader(cluster, 'nope', 0)).toBe(NO_LEADER);
    expect(['orders', 'gone', 'nope', '__consumer_offsets'].map((t) => knownWithPartitions(cluster, t))).toEqual([true, false, false, true]);
    // A topic the broker does not know, even with partitions listed, is not there.
    const unknown = { brokerPool: { metadata: { brokers: [], topicMetadata: [{ topicErrorCode: 3, topic: 'x', partitionMetadata: [{ partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1], isr: [1] }] }] } } } as unknown as MetadataSource;
    expect(knownWithPartitions(unknown, 'x')).toBe(false);
    // Partitions replaced in place (kafkajs may set them): the new leaders count.
    const orders = cluster.brokerPool.metadata!.topicMetadata[0]!;
    orders.partitionMetadata = [{ partitionErrorCode: 0, partitionId: 0, leader: 7, replicas: [7], isr: [7] }];
    expect([0, 1].map((p) => knownLeader(cluster, 'orders', p))).toEqual([7, NO_LEADER]);
    // A new answer: its leaders, not the last one's.
    cluster.brokerPool.metadata = decodeMetadata(answer(5), 5);
    expect(knownLeader(cluster, 'orders', 0)).toBe(NO_LEADER);
    expect(knownLeader(cluster, 'orders', 1)).toBe(2);
  });

  it('a truncated answer fails as it is decoded, not when a topic is read later', () => {
    const raw = answer(6);
    expect(() => decodeMetadata(raw.subarray(0, raw.length - 3), 6)).toThrow(RangeError);
  });
});
