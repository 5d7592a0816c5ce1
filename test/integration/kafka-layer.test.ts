// The src/kafka layer against the real broker, without the CLI: our own record batches on
// kafkajs' connection, the protocol versions kafkajs lacks, groups and offsets.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { KafkaClient } from '../../src/kafka/wire/client.js';
import { createTopics, describeTopics, explainMissingTopics } from '../../src/kafka/admin/topics.js';
import { openProducer } from '../../src/kafka/producer/session.js';
import { runDirectConsumer } from '../../src/kafka/consumer/direct.js';
import { viewToRecord, type DecodedRecord } from '../../src/kafka/records/decoder.js';
import { EARLIEST, LATEST, listOffsets, partitionsOf } from '../../src/kafka/admin/offsets.js';
import { commitGroupOffsets, committedOffsets, listGroups } from '../../src/kafka/admin/groups.js';
import { describeClusterInfo } from '../../src/kafka/admin/configs.js';
import { brokerIds } from '../../src/kafka/admin/log-dirs.js';
import { producerSettings } from '../../src/commands/produce/settings.js';
import { uniqueName } from '../helpers/cli.js';
import { kafkajs } from '../../src/kafka/wire/kafkajs.js';
import { knownTopic, readMetadata } from '../../src/kafka/wire/metadata.js';

const { bootstrap } = inject('cluster');
const client = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
afterAll(() => client.close());

const settings = () =>
  producerSettings(
    { topic: 'x', format: 'line', timeout: '5', batchSize: '65536', requestRequiredAcks: '-1', messageSendMaxRetries: '3', retryBackoffMs: '100', requestTimeoutMs: '30000', maxMemoryBytes: '33554432', maxBlockMs: '60000', metadataExpiryMs: '300000' } as never,
    new Set(),
    new Map(),
  );

describe('src/kafka against a real broker', () => {
  it('runs on the built kafkajs bundle with kfk\'s patched socket, as the CLI does', () => {
    // Only the bundle's socket hands response buffers back for reuse.
    expect(typeof kafkajs().releaseResponse).toBe('function');
  });
  it('CreateTopics creates several topics in one request; DescribeTopicPartitions gives ids and ISR', async () => {
    const names = [uniqueName('int-a'), uniqueName('int-b')];
    const res = await createTopics(client, names.map((name) => ({ name, partitions: 3, configs: { 'retention.ms': '60000' } })));
    expect(res).toEqual(names.map((name) => ({ name, error: null })));
    const again = await createTopics(client, [{ name: names[0], configs: {} }]);
    expect(again[0].error?.type).toBe('TOPIC_ALREADY_EXISTS');
    const info = await describeTopics(client, names, { withConfigs: true });
    expect(info.map((t) => t.partitions.length)).toEqual([3, 3]);
    expect(info[0].topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(info[0].topicId).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(info[0].partitions[0].isr).toEqual(info[0].partitions[0].replicas);
    expect(info[0].configs.find((c) => c.name === 'retention.ms')?.value).toBe('60000');
    expect((await explainMissingTopics(client, [uniqueName('int-none')])).message).toMatch(/does not exist as expected$/);
  });

  /** Counts the Metadata requests kafkajs' cluster makes from now on. */
  function countRefreshes(cluster: { refreshMetadata: () => Promise<void> }): { n: number } {
    const asked = { n: 0 };
    const refresh = cluster.refreshMetadata.bind(cluster);
    cluster.refreshMetadata = async () => {
      asked.n++;
      return refresh();
    };
    return asked;
  }

  it("a consumer's topic is followed from the answer of connecting, without a second Metadata request, when it named it ready", async () => {
    const topic = uniqueName('int-follow');
    await createTopics(client, [{ name: topic, partitions: 2, configs: {} }]);
    for (let i = 0; i < 50; i++) {
      const [t] = await describeTopics(client, [topic], { withConfigs: false });
      if (t.partitions.every((p) => p.leader >= 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const fresh = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
    try {
      const cluster = await fresh.cluster('all');
      const asked = countRefreshes(cluster);
      expect(await fresh.followFromConnect([topic])).toBe(true);
      expect(asked.n).toBe(0);
      expect(cluster.targetTopics?.has(topic)).toBe(true);
      expect(knownTopic(cluster, topic)?.partitions.map((p) => p.partition)).toEqual([0, 1]);
      // The answer of connecting is used once; a later caller asks.
      expect(await fresh.followFromConnect([topic])).toBe(false);
      await readMetadata(cluster, [topic]);
      expect(asked.n).toBe(1);
      expect(knownTopic(cluster, topic)?.partitions.map((p) => p.partition)).toEqual([0, 1]);
    } finally {
      await fresh.close();
    }
    // A topic the answer did not name: the caller asks (and finds it missing).
    const other = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
    try {
      await other.cluster('all');
      expect(await other.followFromConnect([topic, uniqueName('int-missing')])).toBe(false);
    } finally {
      await other.close();
    }
    // Connecting for named topics (consume, produce): the Metadata request asks for these alone,
    // and its answer serves the consumer as the answer for every topic does.
    const named = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
    try {
      const cluster = await named.cluster([topic, topic]);
      expect(cluster.brokerPool.metadata?.topicMetadata.map((t) => t.topic)).toEqual([topic]);
      expect(named.takeConnectMetadata()).toBeUndefined();
      const asked = countRefreshes(cluster);
      expect(await named.followFromConnect([topic])).toBe(true);
      expect(asked.n).toBe(0);
      expect(knownTopic(cluster, topic)?.partitions.map((p) => p.partition)).toEqual([0, 1]);
    } finally {
      await named.close();
    }
  });
  it('connecting for no topic asks Metadata for the brokers alone, as do the refreshes after it, until a topic is named', async () => {
    const topic = uniqueName('int-brokers');
    await createTopics(client, [{ name: topic, partitions: 2, configs: {} }]);
    const none = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
    try {
      const cluster = await none.cluster();
      const brokers = cluster.brokerPool.metadata?.brokers.map((b) => b.nodeId);
      expect(brokers?.length).toBeGreaterThan(0);
      expect(cluster.brokerPool.metadata?.topicMetadata).toEqual([]);
      expect(none.takeConnectMetadata()).toBeUndefined();
      expect(await none.followFromConnect([topic])).toBe(false);
      // A refresh with nothing followed (a broker's list, kafkajs after a lost connection): the brokers alone.
      const state = await readMetadata(cluster);
      expect(state.brokers.map((b) => b.nodeId)).toEqual(brokers);
      expect(state.topics).toEqual([]);
      // A topic asked for: that topic alone, and it stays followed.
      expect((await readMetadata(cluster, [topic])).topics.map((t) => [t.name, t.partitions.length])).toEqual([[topic, 2]]);
      expect((await readMetadata(cluster)).topics.map((t) => t.name)).toEqual([topic]);
      // Every topic, asked for as such (kafkajs' own admin calls, `topic list` later): all of them.
      const all = (await cluster.metadata()) as { topicMetadata: Array<{ topic: string }> };
      expect(all.topicMetadata.map((t) => t.topic)).toContain(topic);
      expect(all.topicMetadata.length).toBeGreaterThan(1);
    } finally {
      await none.close();
    }
    const every = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
    try {
      await every.cluster('all');
      expect(every.takeConnectMetadata()?.topicMetadata.map((t) => t.topic)).toContain(topic);
    } finally {
      await every.close();
    }
  });
  it('the brokers of connecting serve the first caller that lists them (cluster describe, group list); a later caller asks again', async () => {
    const c = new KafkaClient({ brokers: [bootstrap], clientId: 'kfk-integration', connectionTimeout: 5000, requestTimeout: 10000 });
    try {
      const cluster = await c.cluster();
      // Every Metadata request of this connection goes through the pool's refresh.
      const pool = cluster.brokerPool as unknown as { refreshMetadata: (topics: string[]) => Promise<void> };
      const refresh = pool.refreshMetadata.bind(pool);
      let asked = 0;
      pool.refreshMetadata = (topics) => {
        asked++;
        return refresh(topics);
      };
      const ids = cluster.brokerPool.metadata?.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
      const info = await describeClusterInfo(c);
      expect(info.brokers.map((b) => b.id)).toEqual(ids);
      expect(info.clusterId).toMatch(/^[\w-]{22}$/);
      expect(info.controller).toBeGreaterThanOrEqual(0);
      expect(asked).toBe(0);
      await listGroups(c);
      expect(asked).toBe(1);
      expect(await brokerIds(c)).toEqual(ids);
      expect(asked).toBe(2);
    } finally {
      await c.close();
    }
  });
  it('records encoded by src/kafka/records come back from the group-less fetcher byte for byte', async () => {
    const [topic] = [uniqueName('int-rec')];
    await createTopics(client, [{ name: topic, partitions: 2, configs: {} }]);
    const session = await openProducer(client, topic, settings(), undefined);
    const sent: Array<{ key: Buffer | null; value: Buffer | null; headers: [string, Buffer | null][] }> = [];
    for (let i = 0; i < 5000; i++) {
      const r = {
        key: i % 3 === 0 ? null : Buffer.from(`k${i % 17}`),
        value: i % 101 === 0 ? null : Buffer.from(`value-${i}-${'x'.repeat(i % 50)}`),
        headers: i % 2 ? ([['h', Buffer.from(String(i))], ['n', null]] as [string, Buffer | null][]) : [],
      };
      sent.push(r);
      await session.send({ ...r, tag: i + 1 });
    }
    const report = await session.close();
    expect(report).toMatchObject({ delivered: 5000, failed: 0 });

    const got: DecodedRecord[] = [];
    await runDirectConsumer(client, {
      topic,
      start: { kind: 'earliest' } as never,
      exitAtEnd: true,
      readCommitted: false,
      checkCrcs: true,
      // views are valid only during the call: copy what is kept
      onRecord: (v) => {
        const r = viewToRecord(v);
        got.push({ ...r, key: r.key && Buffer.from(r.key), value: r.value && Buffer.from(r.value), headers: r.headers.map(([k, h]) => [k, h && Buffer.from(h)]) });
      },
      afterSet: async () => undefined,
      signal: new AbortController().signal,
    });
    expect(got).toHaveLength(5000);
    const key = (r: { key: Buffer | null; value: Buffer | null; headers: [string, Buffer | null][] }) =>
      JSON.stringify([r.key?.toString('hex') ?? null, r.value?.toString('hex') ?? null, r.headers.map(([k, v]) => [k, v?.toString('hex') ?? null])]);
    expect(got.map(key).sort()).toEqual(sent.map(key).sort());
    const [p0, p1] = [got.filter((r) => r.partition === 0), got.filter((r) => r.partition === 1)];
    expect(p0.map((r) => r.offset)).toEqual(p0.map((_, i) => i));
    expect(p1.map((r) => r.offset)).toEqual(p1.map((_, i) => i));

    const parts = await partitionsOf(client, [topic]);
    const [lo, hi] = await Promise.all([listOffsets(client, parts, EARLIEST), listOffsets(client, parts, LATEST)]);
    expect(lo.map((o) => o.offset)).toEqual([0, 0]);
    expect(hi.map((o) => o.offset)).toEqual([p0.length, p1.length]);
  });

  it('offsets committed from outside a group are what the group then has', async () => {
    const topic = uniqueName('int-grp');
    const group = uniqueName('int-group');
    await createTopics(client, [{ name: topic, partitions: 2, configs: {} }]);
    await commitGroupOffsets(client, group, [
      { topic, partition: 0, offset: 0 },
      { topic, partition: 1, offset: 0 },
    ]);
    expect((await committedOffsets(client, group)).map((c) => [c.topic, c.partition, c.offset])).toEqual([
      [topic, 0, 0],
      [topic, 1, 0],
    ]);
  });
});
