// The producer's logic against the fake wire (test/helpers/fake-wire.ts): partitioning, retries,
// splitting, idempotent sequencing, transactions, leaders that come and go. The real-broker
// tests (test/e2e/produce.test.ts, test/faults/) prove the same against Kafka.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordProducer, type ProducerOptions, type ProducerRecord } from '../../src/kafka/producer/producer.js';
import { partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { ERRORS } from '../../src/kafka/wire/error-codes.js';
import { FakeCluster } from '../helpers/fake-wire.js';

const options = (o: Partial<ProducerOptions> = {}): ProducerOptions => ({
  acks: -1,
  compression: 0,
  lingerMs: 0,
  batchBytes: 16384,
  maxInFlight: 5,
  retries: 3,
  retryBackoffMs: 1,
  requestTimeoutMs: 1000,
  maxBufferedBytes: 32 * 1024 * 1024,
  idempotent: false,
  ...o,
});

const rec = (topic: string, value: string, extra: Partial<ProducerRecord> = {}): ProducerRecord => ({ topic, key: null, value: Buffer.from(value), ...extra });
const values = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Sends `vals` (tagged 1, 2, ...) until send() refuses one; that one counts as sent: the producer holds it. */
async function sendUntilRefused(p: RecordProducer, vals: string[]): Promise<{ error?: Error; sent: number }> {
  let sent = 0;
  for (const v of vals) {
    try {
      await p.send(rec('t', v, { tag: sent + 1 }));
      sent++;
    } catch (err) {
      return { error: err as Error, sent: sent + 1 };
    }
  }
  return { sent };
}

async function produce(fake: FakeCluster, o: Partial<ProducerOptions>, records: ProducerRecord[]) {
  const p = new RecordProducer(fake.cluster, options(o));
  await p.init();
  for (const r of records) await p.send(r);
  return { producer: p, report: await p.close() };
}

describe('producer: partitioning', () => {
  it('delivers every record of one partition in order and counts them', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const { report } = await produce(fake, { batchBytes: 200 }, values('v', 50).map((v, i) => rec('t', v, { tag: i + 1 })));
    expect(report).toEqual({ delivered: 50, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(values('v', 50));
    expect(fake.batches('t', 0).length).toBeGreaterThan(1);
  });

  it('keyed records go where murmur2 puts them, as in the Java client', async () => {
    const fake = new FakeCluster().createTopic('t', 6);
    const keys = values('key-', 40);
    await produce(fake, {}, keys.map((k) => rec('t', k, { key: Buffer.from(k) })));
    for (let p = 0; p < 6; p++) {
      const got = (await fake.records('t', p)).map((r) => r.key!.toString());
      expect(got).toEqual(keys.filter((k) => partitionForKey(Buffer.from(k), 6) === p));
    }
  });

  it('unkeyed records stick to a partition for a batch worth of bytes, then move round robin', async () => {
    const fake = new FakeCluster().createTopic('t', 3);
    await produce(fake, { batchBytes: 300 }, values('x'.repeat(20), 60).map((v) => rec('t', v)));
    const counts = await Promise.all([0, 1, 2].map(async (p) => (await fake.records('t', p)).length));
    expect(counts.reduce((a, b) => a + b)).toBe(60);
    for (const c of counts) expect(c).toBeGreaterThan(10);
    // Each batch holds consecutive records: stickiness, not one record per partition in turn.
    for (const p of [0, 1, 2]) for (const b of fake.batches('t', p)) expect(b.count).toBeGreaterThan(1);
  });

  it('an explicit partition past the topic\'s count is an error that names the count', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    const p = new RecordProducer(fake.cluster, options());
    expect(() => p.send(rec('t', 'a', { partition: 2 }))).toThrow("partition 2 does not exist: topic 't' has 2 partition(s)");
  });

  it('an unknown topic is an error', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const p = new RecordProducer(fake.cluster, options());
    expect(() => p.send(rec('nope', 'a'))).toThrow("topic 'nope' does not exist");
  });
});

describe('producer: the memory bound', () => {
  it('keyed records over many partitions fill the bound with open batches: they are sent at once, not after linger.ms', async () => {
    const fake = new FakeCluster().createTopic('t', 12);
    const keys = values('key-', 2400);
    const started = Date.now();
    // 60 s of linger: a batch that is not full would wait that long; the bound (4 kB) is reached
    // with every batch partly filled, so all of them become sendable.
    const { report } = await produce(fake, { lingerMs: 60_000, batchBytes: 16384, maxBufferedBytes: 4096 }, keys.map((k) => rec('t', `${k}-value`, { key: Buffer.from(k) })));
    expect(report).toEqual({ delivered: 2400, failed: 0, errors: [] });
    expect(Date.now() - started).toBeLessThan(10_000);
    let stored = 0;
    for (let p = 0; p < 12; p++) stored += (await fake.records('t', p)).length;
    expect(stored).toBe(2400);
  }, 20_000);

  it('keyed records given as ranges of one input buffer: murmur2 over the key bytes, every record in order per partition, the bound held', async () => {
    const fake = new FakeCluster().createTopic('t', 12);
    fake.produceDelayMs = 2;
    const lines = Array.from({ length: 3000 }, (_, i) => `k${i % 97}\tvalue-${i}`);
    const input = Buffer.from(lines.join('\n'));
    const max = 4096;
    const batchBytes = 1024;
    const p = new RecordProducer(fake.cluster, options({ batchBytes, maxBufferedBytes: max }));
    // One record object reused for every line, as kfk produce does: nothing of it may be kept.
    const r: ProducerRecord = { topic: 't', key: input, value: input, keyStart: 0, keyEnd: 0, valueStart: 0, valueEnd: 0 };
    let at = 0;
    let peak = 0;
    for (let i = 0; i < lines.length; i++) {
      const end = i === lines.length - 1 ? input.length : input.indexOf(10, at);
      const tab = input.indexOf(9, at);
      Object.assign(r, { tag: i + 1, keyStart: at, keyEnd: tab, valueStart: tab + 1, valueEnd: end });
      const w = p.send(r);
      peak = Math.max(peak, (p as unknown as { bufferedBytes: number }).bufferedBytes);
      if (w) await w;
      at = end + 1;
    }
    expect(await p.close()).toEqual({ delivered: 3000, failed: 0, errors: [] });
    // Batch buffers in memory: at most the bound and one batch grown past it.
    expect(peak).toBeLessThanOrEqual(max + batchBytes);
    for (let part = 0; part < 12; part++) {
      const got = (await fake.records('t', part)).map((x) => `${x.key!.toString()}\t${x.value!.toString()}`);
      expect(got).toEqual(lines.filter((l) => partitionForKey(Buffer.from(l.split('\t')[0]), 12) === part));
    }
  }, 20_000);

  /**
   * Keyed records of 100 B into `partitions` partitions under the default bound (8 MB), brokers
   * answering only after 300 ms, until the input has to wait for memory; then 50 ms for the
   * requests to go. Returns what was sent by then and the first Produce request.
   */
  async function keyedUntilTheBound(partitions: number, keyOf: (i: number) => string) {
    const fake = new FakeCluster().createTopic('t', partitions);
    fake.produceDelayMs = 300;
    const max = 8 * 1024 * 1024;
    const p = new RecordProducer(fake.cluster, options({ batchBytes: 1_000_000, maxBufferedBytes: max }));
    const record = (i: number) => rec('t', 'v'.repeat(100), { key: Buffer.from(keyOf(i)) });
    let sent = 0;
    let wait: void | Promise<void>;
    while (!(wait = p.send(record(sent)))) sent++;
    await new Promise((r) => setTimeout(r, 50));
    const first = fake.produceCalls[0];
    return { fake, p, max, record, wait, accepted: sent + 1, first, firstBytes: first.parts.reduce((n, x) => n + x.bytes, 0) };
  }

  it('keyed records over many partitions: the open batches go once they take half the bound, and the input goes on meanwhile', async () => {
    const { fake, p, max, record, wait, accepted, first, firstBytes } = await keyedUntilTheBound(12, (i) => `k${i % 97}`);
    // The first request left with the batches of all 12 partitions once their buffers took half
    // the bound (no batch was full), in one request; the input went on into new batches until
    // the bound, while it was in flight. (Closed only at the bound, one request took all.)
    expect(first.parts).toHaveLength(12);
    expect(firstBytes).toBeGreaterThanOrEqual(max / 4);
    expect(firstBytes).toBeLessThan(max / 2);
    expect(accepted).toBeGreaterThan(first.parts.reduce((n, x) => n + x.count, 0) + 1000);
    expect(fake.produceCalls.length).toBeLessThanOrEqual(2);
    await wait;
    for (let i = accepted; i < 100_000; i++) await p.send(record(i));
    expect(await p.close()).toEqual({ delivered: 100_000, failed: 0, errors: [] });
  }, 20_000);

  it('keyed records over hundreds of partitions: batches are not sent while they hold a record or two each', async () => {
    // 300 batches' first buffers at 64 kB each would take more than the bound before the records in them did.
    const { p, max, wait, accepted, firstBytes } = await keyedUntilTheBound(300, (i) => `k${i}`);
    expect(firstBytes).toBeGreaterThanOrEqual(max / 4);
    await wait;
    expect(await p.close()).toEqual({ delivered: accepted, failed: 0, errors: [] });
  }, 20_000);

  it('bulk input into one partition keeps full batches while the bound is reached', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const { report } = await produce(fake, { batchBytes: 2000, maxBufferedBytes: 8000 }, values('x'.repeat(50), 2000).map((v) => rec('t', v)));
    expect(report).toEqual({ delivered: 2000, failed: 0, errors: [] });
    const batches = fake.batches('t', 0);
    // all but the last are full: 2000 bytes hold 31 to 33 records of this size
    expect(batches.slice(0, -1).filter((b) => b.count < 31)).toEqual([]);
  });
});

describe('producer: errors and retries', () => {
  it('NOT_LEADER_OR_FOLLOWER: asks for metadata, resends to the new leader, writes once', async () => {
    const fake = new FakeCluster(2).createTopic('t', 1);
    fake.setLeader('t', 0, 2, false); // the cluster moved the leader; the client learns it on refresh
    const { report } = await produce(fake, {}, values('v', 10).map((v) => rec('t', v)));
    expect(report.delivered).toBe(10);
    expect(fake.metadataRefreshes).toBeGreaterThan(0);
    expect(fake.produceCalls.map((c) => c.broker)).toEqual([1, 2]);
    expect(await fake.values('t', 0)).toEqual(values('v', 10));
  });

  it('NOT_LEADER_OR_FOLLOWER: the resend waits for the metadata answer, however slow, not only the backoff', async () => {
    const fake = new FakeCluster(2).createTopic('t', 1);
    fake.setLeader('t', 0, 2, false);
    fake.metadataDelayMs = 400; // longer than retry.backoff.ms (100)
    const { report } = await produce(fake, {}, values('v', 10).map((v) => rec('t', v)));
    expect(report).toEqual({ delivered: 10, failed: 0, errors: [] });
    expect(fake.produceCalls.map((c) => c.broker)).toEqual([1, 2]);
    expect(await fake.values('t', 0)).toEqual(values('v', 10));
  });

  it('a retriable error past `retries` fails the batch and names its lines', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.NOT_ENOUGH_REPLICAS.code, 10);
    const { report } = await produce(fake, { retries: 2 }, values('v', 3).map((v, i) => rec('t', v, { tag: i + 1 })));
    expect(report.delivered).toBe(0);
    expect(report.failed).toBe(3);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ count: 3, tags: [1, 2, 3] });
    expect(report.errors[0].message).toMatch(/replicas/i);
    expect(fake.produceCalls).toHaveLength(3); // first attempt and two retries
  });

  it('a non-retriable error fails at once', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.TOPIC_AUTHORIZATION_FAILED.code, 10);
    const { report } = await produce(fake, {}, [rec('t', 'a', { tag: 7 })]);
    expect(report).toMatchObject({ delivered: 0, failed: 1 });
    expect(report.errors[0].tags).toEqual([7]);
    expect(fake.produceCalls).toHaveLength(1);
  });

  it('a lost connection is retried and nothing is lost', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.dropProduce(false, 2);
    const { report } = await produce(fake, {}, values('v', 5).map((v) => rec('t', v)));
    expect(report).toEqual({ delivered: 5, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(values('v', 5));
  });

  it('--verbose lines name the partition, the broker and the attempt of each retry', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.NOT_ENOUGH_REPLICAS.code, 1);
    const lines: string[] = [];
    await produce(fake, { log: (l) => lines.push(l) }, [rec('t', 'a')]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^produce: retrying 1 record\(s\) of t-0 \(broker 1\): .*; attempt 2$/);
  });

  it('MESSAGE_TOO_LARGE splits a batch in two and delivers every record in order', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.maxBatchBytes = 600;
    const { report } = await produce(fake, { batchBytes: 4000 }, values('y'.repeat(30), 40).map((v, i) => rec('t', v, { tag: i + 1 })));
    expect(report).toEqual({ delivered: 40, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(values('y'.repeat(30), 40));
    for (const b of fake.batches('t', 0)) expect(b.bytes.length).toBeLessThanOrEqual(600);
  });

  it('MESSAGE_TOO_LARGE for a single record fails that record only, named by its line', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.maxBatchBytes = 200;
    const { report } = await produce(fake, { batchBytes: 100 }, [rec('t', 'small', { tag: 1 }), rec('t', 'z'.repeat(500), { tag: 2 }), rec('t', 'small2', { tag: 3 })]);
    expect(report.delivered).toBe(2);
    expect(report.failed).toBe(1);
    expect(report.errors[0].tags).toEqual([2]);
    expect(await fake.values('t', 0)).toEqual(['small', 'small2']);
  });

  it('hands the records and lines of a failed batch to onUndelivered, decoded back', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.TOPIC_AUTHORIZATION_FAILED.code, 1);
    const got: Array<{ values: string[]; tags: number[] }> = [];
    const p = new RecordProducer(fake.cluster, options({ onUndelivered: (records, tags) => got.push({ values: records.map((r) => r.value!.toString()), tags }) }));
    for (const [i, v] of ['a', 'b', 'c'].entries()) await p.send(rec('t', v, { tag: i + 10, headers: [['h', Buffer.from('1')]] }));
    await p.close();
    await p.undeliveredDone();
    expect(got).toEqual([{ values: ['a', 'b', 'c'], tags: [10, 11, 12] }]);
  });
});

describe('producer: compressed batches', () => {
  // Built compressed, a batch keeps only its compressed bytes (the plain ones go back to the pool):
  // a split or an undelivered report decodes those.
  const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex').slice(0, 40);
  const codecs: Array<[string, number]> = [
    ['gzip', 1],
    ['lz4', 3],
    ['zstd', 4],
  ];
  it.each(codecs)('%s: MESSAGE_TOO_LARGE splits the compressed batch and delivers every record in order', async (_name, compression) => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.maxBatchBytes = 600;
    const vals = Array.from({ length: 40 }, (_, i) => hex(i));
    const { report } = await produce(fake, { batchBytes: 4000, compression }, vals.map((v, i) => rec('t', v, { tag: i + 1 })));
    expect(report).toEqual({ delivered: 40, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(vals);
    expect(fake.batches('t', 0).length).toBeGreaterThan(1);
  });
  it.each(codecs)('%s: a failed batch reaches onUndelivered decoded back, with its lines', async (_name, compression) => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.TOPIC_AUTHORIZATION_FAILED.code, 1);
    const got: Array<{ values: string[]; tags: number[] }> = [];
    const p = new RecordProducer(fake.cluster, options({ compression, onUndelivered: (records, tags) => got.push({ values: records.map((r) => r.value!.toString()), tags }) }));
    for (const [i, v] of ['a', 'b', 'c'].entries()) await p.send(rec('t', v, { tag: i + 10 }));
    await p.close();
    await p.undeliveredDone();
    expect(got).toEqual([{ values: ['a', 'b', 'c'], tags: [10, 11, 12] }]);
  });
});

describe('producer: idempotence', () => {
  it('numbers each partition\'s batches with contiguous sequences from 0', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    await produce(fake, { idempotent: true, batchBytes: 150 }, values('v', 40).map((v, i) => rec('t', v, { partition: i % 2 })));
    for (const p of [0, 1]) {
      let seq = 0;
      for (const b of fake.batches('t', p)) {
        expect(b.producerId).toBe(1000);
        expect(b.baseSequence).toBe(seq);
        seq += b.count;
      }
      expect(seq).toBe(20);
    }
  });

  it('a resend of a batch the broker already wrote (answer lost) is not written twice', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.dropProduce(true, 1);
    const { report } = await produce(fake, { idempotent: true }, values('v', 5).map((v) => rec('t', v)));
    expect(report).toEqual({ delivered: 5, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(values('v', 5));
    expect(fake.produceCalls).toHaveLength(2);
  });

  it('a failed batch with later ones in flight: all are resent in order, none twice', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.produceDelayMs = 5;
    const p = new RecordProducer(fake.cluster, options({ idempotent: true, batchBytes: 120, maxInFlight: 5 }));
    await p.init();
    // The partition's first batch goes alone; once the broker has taken it, several are in flight.
    await p.send(rec('t', 'first'));
    await p.flush();
    fake.failProduce('t', 0, ERRORS.NOT_ENOUGH_REPLICAS.code, 1);
    for (const v of values('v', 60)) await p.send(rec('t', v));
    expect(await p.close()).toEqual({ delivered: 61, failed: 0, errors: [] });
    expect(fake.maxInFlightSeen).toBeGreaterThan(1);
    expect(await fake.values('t', 0)).toEqual(['first', ...values('v', 60)]);
  });

  it("a partition's first batch goes alone: when it fails, the next is not written before it by a broker that has no state for the producer yet", async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.produceDelayMs = 5;
    fake.failProduce('t', 0, ERRORS.NOT_ENOUGH_REPLICAS.code, 1);
    const { report } = await produce(fake, { idempotent: true, batchBytes: 120, maxInFlight: 5 }, values('v', 60).map((v) => rec('t', v)));
    expect(report).toEqual({ delivered: 60, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(values('v', 60));
  });

  it('a batch the broker may hold fails (its answers lost): the next batches go on under a new producer id, none taken for a resend of it', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    // Both attempts of the first batch are written and their answers lost; one retry only.
    fake.dropProduce(true, 2);
    const lines: string[] = [];
    const { report } = await produce(fake, { idempotent: true, batchBytes: 110, maxInFlight: 1, retries: 1, log: (l) => lines.push(l) }, values('v', 10).map((v, i) => rec('t', v, { tag: i + 1 })));
    const batches = fake.batches('t', 0);
    expect(batches.map((b) => [b.producerId, b.baseSequence, b.count])).toEqual([
      [1000, 0, 5],
      [1001, 0, 5],
    ]);
    // The first five: fate unknown, so reported; the broker does hold them, once.
    expect(report).toEqual({ delivered: 5, failed: 5, errors: [{ message: expect.stringMatching(/Connection error/), count: 5, tags: [1, 2, 3, 4, 5] }] });
    expect(await fake.values('t', 0)).toEqual(values('v', 10));
    expect(lines).toContain('produce: t-0 goes on under a new producer id (1001): its sequence numbers start again');
  });

  it('OUT_OF_ORDER_SEQUENCE_NUMBER for the next sequence itself fails the batch once (not resent for ever), and the partition takes a new producer id', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code, 1);
    const p = new RecordProducer(fake.cluster, options({ idempotent: true }));
    await p.init();
    await p.send(rec('t', 'a', { tag: 1 }));
    await p.flush();
    await p.send(rec('t', 'b', { tag: 2 }));
    const report = await p.close();
    expect(report).toEqual({ delivered: 1, failed: 1, errors: [{ message: expect.stringMatching(/out of order sequence number/i), count: 1, tags: [1] }] });
    expect(fake.produceCalls).toHaveLength(2);
    expect(fake.batches('t', 0).map((b) => [b.producerId, b.baseSequence])).toEqual([[1001, 0]]);
    expect(await fake.values('t', 0)).toEqual(['b']);
  });

  it('InitProducerId goes to the next broker when the one named controller is down (still in the metadata)', async () => {
    const fake = new FakeCluster(3).createTopic('t', 3);
    fake.down.add(1);
    const p = new RecordProducer(fake.cluster, options({ idempotent: true }));
    const started = Date.now();
    await p.init();
    expect(Date.now() - started).toBeLessThan(2000);
    await p.send(rec('t', 'a', { partition: 1 }));
    expect(await p.close()).toEqual({ delivered: 1, failed: 0, errors: [] });
    expect(fake.batches('t', 1).map((b) => b.producerId)).toEqual([1000]);
  });

  it('the leader moves while a batch is in flight to the old one: the next batch waits for it, so the new leader never gets them out of order', async () => {
    const fake = new FakeCluster(2).createTopic('t', 1);
    fake.setLeader('t', 0, 1);
    // The old leader never answers: the first batch is given up after request.timeout.ms.
    fake.silentProduces = 1;
    const p = new RecordProducer(fake.cluster, options({ idempotent: true, batchBytes: 110, requestTimeoutMs: 50 }));
    await p.init();
    for (const v of values('a', 5)) await p.send(rec('t', v));
    await p.send(rec('t', 'a5'));
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.produceCalls.map((c) => c.broker)).toEqual([1]);
    // The new leader has no state for this producer yet: it would take any first sequence.
    fake.setLeader('t', 0, 2);
    for (const v of values('b', 5)) await p.send(rec('t', v));
    expect(await p.close()).toEqual({ delivered: 11, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual([...values('a', 5), 'a5', ...values('b', 5)]);
  });

  it('UNKNOWN_PRODUCER_ID (the broker dropped the producer\'s state) without a transaction: the partition goes on under a new producer id, nothing lost', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const p = new RecordProducer(fake.cluster, options({ idempotent: true }));
    await p.init();
    await p.send(rec('t', 'a'));
    await p.flush();
    fake.failProduce('t', 0, ERRORS.UNKNOWN_PRODUCER_ID.code, 1);
    await p.send(rec('t', 'b'));
    await p.send(rec('t', 'c'));
    expect(await p.close()).toEqual({ delivered: 3, failed: 0, errors: [] });
    expect(fake.batches('t', 0).map((b) => [b.producerId, b.baseSequence])).toEqual([
      [1000, 0],
      [1001, 0],
    ]);
    expect(await fake.values('t', 0)).toEqual(['a', 'b', 'c']);
  });

  it('a fenced producer stops: the batch fails and the next send throws', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.fenceProducer();
    const p = new RecordProducer(fake.cluster, options({ idempotent: true }));
    await p.init();
    await p.send(rec('t', 'a'));
    await p.flush();
    expect(() => p.send(rec('t', 'b'))).toThrow(/producer fenced or unknown/);
    expect((await p.close()).failed).toBe(1);
  });
});

describe('producer: flow', () => {
  it('acks=0: counts records delivered without waiting for an answer', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const { report } = await produce(fake, { acks: 0 }, values('v', 10).map((v) => rec('t', v)));
    expect(report.delivered).toBe(10);
    expect(fake.produceCalls.every((c) => c.acks === 0)).toBe(true);
  });

  it('linger.ms: a batch goes when its time is up, counted from its own first record, batch after batch', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    const p = new RecordProducer(fake.cluster, options({ lingerMs: 60, batchBytes: 200 }));
    await p.init();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const sent = () => fake.batches('t', 0).map((b) => b.count);
    await p.send(rec('t', 'a', { partition: 0 }));
    await sleep(20);
    expect(sent()).toEqual([]);
    await sleep(90);
    expect(await fake.values('t', 0)).toEqual(['a']);
    // After its timer went off, the next batch lingers too.
    await p.send(rec('t', 'b', { partition: 0 }));
    await sleep(110);
    expect(await fake.values('t', 0)).toEqual(['a', 'b']);
    // A batch closed before its time (full), then a new one: the new one waits its own 60 ms.
    await sleep(1);
    for (const v of values('x'.repeat(250), 3)) await p.send(rec('t', v, { partition: 0 }));
    await sleep(40);
    expect(sent()).toEqual([1, 1, 1, 1, 1]);
    await p.send(rec('t', 'c', { partition: 0 }));
    await sleep(40);
    expect((await fake.values('t', 0)).includes('c')).toBe(false);
    await sleep(70);
    expect((await fake.values('t', 0)).at(-1)).toBe('c');
    // Another partition's batch is not held by partition 0's timer.
    await p.send(rec('t', 'd', { partition: 1 }));
    await sleep(110);
    expect(await fake.values('t', 1)).toEqual(['d']);
    expect(await p.close()).toEqual({ delivered: 7, failed: 0, errors: [] });
  });

  it('keeps at most maxInFlight requests in flight per broker', async () => {
    const fake = new FakeCluster().createTopic('t', 4);
    fake.produceDelayMs = 5;
    await produce(fake, { batchBytes: 100, maxInFlight: 2 }, values('v'.repeat(40), 200).map((v) => rec('t', v)));
    expect(fake.maxInFlightSeen).toBe(2);
  });

  it('send() returns a promise while the buffer is full, resolved once batches are acknowledged', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.produceDelayMs = 5;
    const p = new RecordProducer(fake.cluster, options({ batchBytes: 100, maxBufferedBytes: 300 }));
    let waits = 0;
    for (const v of values('w'.repeat(40), 30)) {
      const w = p.send(rec('t', v));
      if (w) {
        waits++;
        await w;
      }
    }
    expect(waits).toBeGreaterThan(0);
    expect((await p.close()).delivered).toBe(30);
  });

  it('a request that is never answered is given up after request.timeout.ms and resent: nothing waits for ever', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.silentProduces = 1;
    const lines: string[] = [];
    const { report } = await produce(fake, { requestTimeoutMs: 50, idempotent: true, log: (l) => lines.push(l) }, values('v', 3).map((v) => rec('t', v)));
    expect(report).toEqual({ delivered: 3, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(values('v', 3));
    expect(lines).toEqual(['produce: retrying 3 record(s) of t-0 (broker 1): no answer from broker 1 within request.timeout.ms (50 ms); attempt 2']);
  });

  it('send() waits for memory at most max.block.ms, then fails with one line; what was buffered is reported', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.setLeader('t', 0, -1);
    const p = new RecordProducer(fake.cluster, options({ batchBytes: 100, maxBufferedBytes: 300, maxBlockMs: 50, deliveryTimeoutMs: 50 }));
    const { error, sent } = await sendUntilRefused(p, values('w'.repeat(40), 30));
    expect(error?.message).toBe('failed to allocate memory within max.block.ms (50 ms): buffer.memory (300 bytes) holds records no broker has acknowledged');
    const report = await p.close();
    expect(report.delivered).toBe(0);
    expect(report.failed).toBe(sent);
  });

  it('max.block.ms counts from the last acknowledgement: batches that time out free memory, and the input still stops', async () => {
    // Brokers that answer nothing: every batch fails after request.timeout.ms and frees its
    // memory, so each wait for memory ends before max.block.ms; the input went on at that pace,
    // every record failing in turn, instead of stopping.
    const fake = new FakeCluster().createTopic('t', 1);
    fake.silentProduces = Number.MAX_SAFE_INTEGER;
    const p = new RecordProducer(fake.cluster, options({ batchBytes: 100, maxBufferedBytes: 300, maxBlockMs: 150, requestTimeoutMs: 10, retries: 0, deliveryTimeoutMs: 1000 }));
    const total = 400;
    const started = Date.now();
    const { error, sent } = await sendUntilRefused(p, values('w'.repeat(40), total));
    expect(error?.message).toBe('failed to allocate memory within max.block.ms (150 ms): buffer.memory (300 bytes) holds records no broker has acknowledged');
    expect(sent).toBeLessThan(total);
    expect(Date.now() - started).toBeLessThan(2000);
    const report = await p.close();
    expect(report).toMatchObject({ delivered: 0, failed: sent });
  });

  it('an acknowledgement starts max.block.ms again: a slow cluster that takes records is waited for', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.produceDelayMs = 60;
    const p = new RecordProducer(fake.cluster, options({ batchBytes: 100, maxBufferedBytes: 300, maxBlockMs: 100, maxInFlight: 1 }));
    const all = values('s'.repeat(40), 20);
    for (const [i, v] of all.entries()) await p.send(rec('t', v, { tag: i + 1 }));
    expect(await p.close()).toEqual({ delivered: 20, failed: 0, errors: [] });
    expect(await fake.values('t', 0)).toEqual(all);
  });

  it('lingerMs holds a batch that is not full until the time is up', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const p = new RecordProducer(fake.cluster, options({ lingerMs: 40 }));
    p.send(rec('t', 'a'));
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.produceCalls).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(fake.produceCalls).toHaveLength(1);
    await p.close();
  });
});

describe('producer: partitions without a leader', () => {
  it('unkeyed records skip a partition that has no leader', async () => {
    const fake = new FakeCluster().createTopic('t', 3);
    fake.setLeader('t', 1, -1);
    const { report } = await produce(fake, { batchBytes: 100 }, values('u'.repeat(30), 30).map((v) => rec('t', v)));
    expect(report.delivered).toBe(30);
    expect(await fake.records('t', 1)).toEqual([]);
    expect((await fake.records('t', 0)).length + (await fake.records('t', 2)).length).toBe(30);
  });

  it('records for a leaderless partition wait for a leader, then go', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    fake.setLeader('t', 0, -1);
    fake.setLeader('t', 0, 1, false); // back at the next metadata answer
    const lines: string[] = [];
    const { report } = await produce(fake, { log: (l) => lines.push(l) }, [rec('t', 'a', { partition: 0 })]);
    expect(report.delivered).toBe(1);
    expect(await fake.values('t', 0)).toEqual(['a']);
    expect(lines).toEqual(['produce: t-0 has no leader: its records wait for one (at most delivery.timeout.ms)', 'produce: t-0 has a leader again: broker 1']);
  });

  it('and fail, counted and named, when none comes within delivery.timeout.ms', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    fake.setLeader('t', 0, -1);
    const { report } = await produce(fake, { deliveryTimeoutMs: 50 }, [rec('t', 'a', { partition: 0, tag: 1 }), rec('t', 'b', { partition: 1, tag: 2 })]);
    expect(report.delivered).toBe(1);
    expect(report.failed).toBe(1);
    expect(report.errors).toEqual([{ message: 'not acknowledged within delivery.timeout.ms (50 ms)', count: 1, tags: [1] }]);
  });
});

describe('producer: transactions', () => {
  it('a coordinator that moves mid-transaction (NOT_COORDINATOR) is found again: the partitions are added and the commit made at the new one', async () => {
    // Every call went on to the broker found at the start: NOT_COORDINATOR retried there for
    // 20 s, and the records failed though the cluster had a coordinator for them all along.
    const fake = new FakeCluster(2).createTopic('t', 2);
    const p = new RecordProducer(fake.cluster, options({ transactionalId: 'tx' }));
    await p.init();
    await p.send(rec('t', 'a', { partition: 0 }));
    await p.flush();
    fake.txnCoordinator = 2;
    await p.send(rec('t', 'b', { partition: 1 }));
    const report = await p.close();
    expect(report).toMatchObject({ delivered: 2, failed: 0 });
    expect(fake.txnCalls).toEqual(['add t:0 at 1', 'add t:1 at 2', 'commit at 2']);
  });

  it('a coordinator that stops answering mid-transaction is left for the broker the id moves to', async () => {
    // The AddPartitionsToTxn sent to the stopped coordinator waited (a request timeout at a
    // real broker, each retry another) while the cluster had moved the id.
    const fake = new FakeCluster(2).createTopic('t', 2);
    const p = new RecordProducer(fake.cluster, options({ transactionalId: 'tx' }));
    await p.init();
    await p.send(rec('t', 'a', { partition: 0 }));
    await p.flush();
    fake.silent.add(1);
    setTimeout(() => (fake.txnCoordinator = 2), 200);
    await p.send(rec('t', 'b', { partition: 1 }));
    const report = await p.close();
    fake.silent.delete(1);
    expect(report).toMatchObject({ delivered: 2, failed: 0 });
    expect(fake.txnCalls).toEqual(['add t:0 at 1', 'add t:1 at 2', 'commit at 2']);
  });

  it('adds each partition to the transaction once and commits on close', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    const { report } = await produce(fake, { transactionalId: 'tx', batchBytes: 100 }, values('v'.repeat(20), 20).map((v, i) => rec('t', v, { partition: i % 2 })));
    expect(report.delivered).toBe(20);
    expect(fake.txnCalls.filter((c) => c.startsWith('add')).join(' ').match(/t:/g)?.length).toBe(2);
    expect(fake.txnCalls[fake.txnCalls.length - 1]).toBe('commit at 1');
    expect(fake.produceCalls.every((c) => c.transactionalId === 'tx')).toBe(true);
  });

  it('aborts when a record fails, and counts none as delivered', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    fake.failProduce('t', 1, ERRORS.TOPIC_AUTHORIZATION_FAILED.code, 1);
    const { report } = await produce(fake, { transactionalId: 'tx' }, [rec('t', 'a', { partition: 0 }), rec('t', 'b', { partition: 1 })]);
    expect(report.delivered).toBe(0);
    expect(report.failed).toBe(2);
    expect(fake.txnCalls[fake.txnCalls.length - 1]).toBe('abort at 1');
  });

  it('OUT_OF_ORDER_SEQUENCE_NUMBER for the next sequence in a transaction: the batch fails and the transaction aborts, under the same producer id (a new one would fence it)', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    fake.failProduce('t', 0, ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code, 1);
    const p = new RecordProducer(fake.cluster, options({ transactionalId: 'tx' }));
    await p.init();
    await p.send(rec('t', 'a'));
    await p.flush();
    await p.send(rec('t', 'b'));
    const report = await p.close();
    expect(report.delivered).toBe(0);
    expect(report.failed).toBe(2);
    expect(fake.txnCalls[fake.txnCalls.length - 1]).toBe('abort at 1');
    expect(fake.nextProducerId).toBe(1001);
    expect(fake.produceCalls.flatMap((c) => c.parts.map(() => c.transactionalId))).toEqual(['tx', 'tx']);
  });
});
