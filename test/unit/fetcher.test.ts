// The fetcher's offset handling against the fake wire (test/helpers/fake-wire.ts): positions,
// out-of-range resets, leaders that move or go away, lost connections. The real-broker tests
// (test/e2e/consume.test.ts, test/faults/) prove the same against Kafka.
import { describe, expect, it } from 'vitest';
import { PartitionFetcher, type FetcherOptions } from '../../src/kafka/consumer/fetcher.js';
import { decodeRecordSet } from '../../src/kafka/records/decoder.js';
import { BatchBuilder, NO_PRODUCER } from '../../src/kafka/records/encoder.js';
import { unreachedText, waitingText, type WaitingPartition } from '../../src/kafka/consumer/waiting.js';
import { knownLeader } from '../../src/kafka/wire/metadata.js';
import { FakeCluster } from '../helpers/fake-wire.js';

async function batch(values: string[]): Promise<Buffer> {
  const b = new BatchBuilder(1 << 20);
  for (const v of values) b.tryAppend({ key: null, value: Buffer.from(v) }, Date.now());
  return Buffer.from(await b.build(NO_PRODUCER));
}

async function fill(fake: FakeCluster, topic: string, partition: number, prefix: string, batches: number, perBatch: number): Promise<string[]> {
  const all: string[] = [];
  for (let i = 0; i < batches; i++) {
    const vs = Array.from({ length: perBatch }, (_, j) => `${prefix}${i * perBatch + j}`);
    fake.append(topic, partition, await batch(vs));
    all.push(...vs);
  }
  return all;
}

/** Runs a fetcher until `until` says stop (or `maxMs` pass); what it handed on, per partition, and the positions it reported. */
async function read(fake: FakeCluster, start: Array<{ topic: string; partition: number; offset: number }>, o: Partial<FetcherOptions>, until: (seen: Map<string, string[]>) => boolean, maxMs = 2000) {
  const seen = new Map<string, string[]>();
  const positions = new Map<string, number>();
  const fetcher = new PartitionFetcher(fake.client(), {
    readCommitted: false,
    maxWaitMs: 1,
    partitionMaxBytes: 256,
    ...o,
    onPosition: (t, p, next) => positions.set(`${t}-${p}`, next),
  });
  fetcher.assign(start);
  const stopAt = setTimeout(() => fetcher.stop(), maxMs);
  await fetcher.run(async (set, d) => {
    const { records } = await decodeRecordSet(set, d);
    const key = `${d.topic}-${d.partition}`;
    seen.set(key, [...(seen.get(key) ?? []), ...records.map((r) => r.value!.toString())]);
    if (until(seen)) fetcher.stop();
  });
  clearTimeout(stopAt);
  return { seen, positions, fetcher };
}

const total = (seen: Map<string, string[]>) => [...seen.values()].reduce((n, v) => n + v.length, 0);

/** A report of waiting partitions as `t-1@2` (broker 2 does not answer) or `t-1@` (no leader). */
const waitingId = (w: WaitingPartition[]) => w.map((p) => `${p.topic}-${p.partition}@${p.leader ?? ''}`).join(',');

describe('fetcher', () => {
  it('reads every partition from its position, in order, and reports the next offsets', async () => {
    const fake = new FakeCluster(2).createTopic('t', 2);
    const p0 = await fill(fake, 't', 0, 'a', 5, 10);
    const p1 = await fill(fake, 't', 1, 'b', 3, 10);
    const { seen, positions } = await read(fake, [{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 10 }], {}, (s) => total(s) >= 70);
    expect(seen.get('t-0')).toEqual(p0);
    expect(seen.get('t-1')).toEqual(p1.slice(10));
    expect(positions.get('t-0')).toBe(50);
    expect(positions.get('t-1')).toBe(30);
    // One request per leader per round.
    expect(fake.fetchCalls.every((c) => c.parts.length === 1)).toBe(true);
  });

  it('a position below the log start (retention deleted it) moves to the log start', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const all = await fill(fake, 't', 0, 'v', 4, 10);
    fake.setLogStart('t', 0, 20);
    const { seen } = await read(fake, [{ topic: 't', partition: 0, offset: 5 }], {}, (s) => total(s) >= 20);
    expect(seen.get('t-0')).toEqual(all.slice(20));
  });

  it('a position past the log end moves back to the log end and reads what comes', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    await fill(fake, 't', 0, 'v', 1, 10);
    const later = setTimeout(() => void fill(fake, 't', 0, 'late', 1, 3), 50);
    const { seen } = await read(fake, [{ topic: 't', partition: 0, offset: 99 }], {}, (s) => total(s) >= 3);
    clearTimeout(later);
    expect(seen.get('t-0')).toEqual(['late0', 'late1', 'late2']);
  });

  it('a leader that moved: asks for metadata and goes on from the same position, nothing skipped or repeated', async () => {
    const fake = new FakeCluster(2).createTopic('t', 1);
    const all = await fill(fake, 't', 0, 'v', 6, 10);
    let moved = false;
    const { seen } = await read(fake, [{ topic: 't', partition: 0, offset: 0 }], {}, (s) => {
      if (!moved && total(s) >= 10) {
        moved = true;
        fake.setLeader('t', 0, 2, false);
      }
      return total(s) >= 60;
    });
    expect(seen.get('t-0')).toEqual(all);
    expect(fake.metadataRefreshes).toBeGreaterThan(0);
    expect(new Set(fake.fetchCalls.map((c) => c.broker))).toEqual(new Set([1, 2]));
  });

  it('a partition without a leader waits, named once, while the others are read; then it is read too', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    const p0 = await fill(fake, 't', 0, 'a', 2, 10);
    const p1 = await fill(fake, 't', 1, 'b', 2, 10);
    fake.setLeader('t', 1, -1);
    const reports: string[] = [];
    const back = setTimeout(() => fake.setLeader('t', 1, 1, false), 100);
    const { seen } = await read(fake, [{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 0 }], { onLeaderless: (w) => reports.push(w.map((p) => `${p.topic}-${p.partition}`).join(',')) }, (s) => total(s) >= 40);
    clearTimeout(back);
    expect(seen.get('t-0')).toEqual(p0);
    expect(seen.get('t-1')).toEqual(p1);
    expect(reports).toEqual(['t-1', '']);
  });

  it('a leader that answers nothing holds only its own partitions: named after the request timeout, read again once it answers', async () => {
    const fake = new FakeCluster(2).createTopic('t', 2);
    const p0 = await fill(fake, 't', 0, 'a', 5, 10);
    const p1 = await fill(fake, 't', 1, 'b', 2, 10);
    // Broker 2 (partition 1's leader) takes requests and answers none; the client's request
    // timeout is 1000 ms.
    fake.silent.add(2);
    const reports: string[] = [];
    const { seen } = await read(
      fake,
      [{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 0 }],
      {
        onLeaderless: (w) => {
          reports.push(waitingId(w));
          // Named: it answers again.
          if (w.length) fake.silent.delete(2);
        },
      },
      (s) => total(s) >= 70,
      4000,
    );
    expect(seen.get('t-0')).toEqual(p0);
    expect(seen.get('t-1')).toEqual(p1);
    expect(reports).toEqual(['t-1@2', '']);
  });

  it('metadata is asked of a broker that answers: a partition moved away from a silent leader is read from its new one', async () => {
    const fake = new FakeCluster(2).createTopic('t', 2);
    const p0 = await fill(fake, 't', 0, 'a', 3, 10);
    const p1 = await fill(fake, 't', 1, 'b', 3, 10);
    // Broker 1 (partition 0's leader, and the broker kafkajs would ask for metadata) answers
    // nothing; partition 0 moves to broker 2, which the client learns from its next Metadata answer.
    fake.silent.add(1);
    fake.setLeader('t', 0, 2, false);
    const reports: string[] = [];
    const { seen } = await read(
      fake,
      [{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 0 }],
      { onLeaderless: (w) => reports.push(waitingId(w)) },
      (s) => total(s) >= 60,
      5000,
    );
    fake.silent.delete(1);
    expect(seen.get('t-0')).toEqual(p0);
    expect(seen.get('t-1')).toEqual(p1);
    expect(reports).toEqual(['t-0@1', '']);
  });

  it('a position its leader did not answer: metadata is asked of another broker, and the partition read from its new leader', async () => {
    const fake = new FakeCluster(2).createTopic('t', 1);
    const all = await fill(fake, 't', 0, 'v', 2, 10);
    // Broker 1 leads t-0 and is the broker kafkajs would ask for metadata; it answers nothing,
    // and t-0 has moved to broker 2 (the client learns it from its next Metadata answer).
    fake.silent.add(1);
    fake.setLeader('t', 0, 2, false);
    const asked: number[] = [];
    const { seen } = await read(
      fake,
      [{ topic: 't', partition: 0, offset: -1 }],
      {
        resolve: async (parts) => {
          const leader = knownLeader(fake.cluster, 't', 0);
          asked.push(leader);
          if (leader === 2) return parts.map((p) => ({ ...p, offset: 0 }));
          // The ListOffsets to broker 1 timed out (the request timeout: 1000 ms).
          await new Promise((r) => setTimeout(r, 1000));
          return [];
        },
      },
      (s) => total(s) >= 20,
      6000,
    );
    fake.silent.delete(1);
    expect(seen.get('t-0')).toEqual(all);
    expect(asked).toEqual([1, 2]);
  });

  it('a position whose leader does not answer for a request timeout is named with its leader', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const reports: string[] = [];
    let calls = 0;
    const fetcher = new PartitionFetcher(fake.client(), {
      readCommitted: false,
      maxWaitMs: 1,
      resolve: async () => {
        calls++;
        // The ListOffsets to the leader timed out (the client's request timeout: 1000 ms): nothing found.
        await new Promise((r) => setTimeout(r, 1000));
        return [];
      },
      onLeaderless: (w) => {
        reports.push(waitingId(w));
        fetcher.stop();
      },
    });
    fetcher.assign([{ topic: 't', partition: 0, offset: -1 }]);
    const stop = setTimeout(() => fetcher.stop(), 4000);
    await fetcher.run(async () => undefined);
    clearTimeout(stop);
    expect(calls).toBe(1);
    expect(reports).toEqual(['t-0@1']);
    expect(fake.fetchCalls).toEqual([]);
  });

  it('a position whose leader did not answer before the fetcher started is named a request timeout after that first ask', async () => {
    // -e: the start's ListOffsets to the leader went unanswered; the wait counts from it, not from
    // the fetcher's own ask (the partitions were named a whole request timeout later).
    const fake = new FakeCluster().createTopic('t', 1);
    const reports: Array<{ id: string; at: number }> = [];
    const started = Date.now();
    const fetcher = new PartitionFetcher(fake.client(), {
      readCommitted: false,
      maxWaitMs: 1,
      resolve: async () => {
        await new Promise((r) => setTimeout(r, 500));
        return [];
      },
      onLeaderless: (w) => {
        reports.push({ id: waitingId(w), at: Date.now() - started });
        fetcher.stop();
      },
    });
    // Asked 900 ms ago (the client's request timeout: 1000 ms).
    fetcher.assign([{ topic: 't', partition: 0, offset: -1, unanswered: { leader: 1, since: started - 900 } }]);
    const stop = setTimeout(() => fetcher.stop(), 4000);
    await fetcher.run(async () => undefined);
    clearTimeout(stop);
    expect(reports.map((r) => r.id)).toEqual(['t-0@1']);
    // Named after the fetcher's first ask (500 ms), not a request timeout after it (1500 ms).
    expect(reports[0].at).toBeLessThan(1200);
  });

  it('a position asked of a leader that did not answer, then of a new leader: the new one is not named for the old one', async () => {
    const fake = new FakeCluster(2).createTopic('t', 1);
    const all = await fill(fake, 't', 0, 'v', 1, 10);
    const reports: string[] = [];
    let calls = 0;
    const { seen } = await read(
      fake,
      [{ topic: 't', partition: 0, offset: -1 }],
      {
        resolve: async (parts) => {
          calls++;
          if (calls > 1) return parts.map((p) => ({ ...p, offset: 0 }));
          // Broker 1 does not answer within the request timeout (1000 ms); meanwhile broker 2 leads.
          fake.setLeader('t', 0, 2);
          await new Promise((r) => setTimeout(r, 1000));
          return [];
        },
        onLeaderless: (w) => reports.push(waitingId(w)),
      },
      (s) => total(s) >= 10,
      4000,
    );
    expect(seen.get('t-0')).toEqual(all);
    expect(calls).toBe(2);
    expect(reports).toEqual([]);
  });

  it('a position not known yet (-1) is found through resolve once the partition has a leader', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const all = await fill(fake, 't', 0, 'v', 3, 10);
    const asked: string[] = [];
    const { seen } = await read(
      fake,
      [{ topic: 't', partition: 0, offset: -1 }],
      {
        resolve: async (parts) => {
          asked.push(...parts.map((p) => `${p.topic}-${p.partition}`));
          return parts.map((p) => ({ ...p, offset: 25 }));
        },
      },
      (s) => total(s) >= 5,
    );
    expect(asked).toEqual(['t-0']);
    // Batches are whole: the one holding offset 25 comes from 20; the caller's decode starts at 25.
    expect(seen.get('t-0')).toEqual(all.slice(25));
  });

  it('a broker that drops the connection: retried from the same positions once it answers', async () => {
    const fake = new FakeCluster().createTopic('t', 1);
    const all = await fill(fake, 't', 0, 'v', 3, 10);
    fake.down.add(1);
    setTimeout(() => fake.down.delete(1), 150);
    const lines: string[] = [];
    const { seen } = await read(fake, [{ topic: 't', partition: 0, offset: 0 }], { log: (l) => lines.push(l) }, (s) => total(s) >= 30);
    expect(seen.get('t-0')).toEqual(all);
    expect(lines[0]).toMatch(/^consume: fetch from broker 1 for t-0 failed: Connection error: .*; asking for metadata again$/);
  });

  it('a leader with nothing left for us does not hold the others: the one with records is read at its own pace', async () => {
    const fake = new FakeCluster(2).createTopic('t', 2);
    // Partition 0 (broker 1) has 500 records, partition 1 (broker 2) none: each of broker 2's
    // answers waits the full 200 ms.
    const p0 = await fill(fake, 't', 0, 'a', 50, 10);
    const { seen } = await read(fake, [{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 0 }], { maxWaitMs: 200 }, (s) => total(s) >= 500);
    expect(seen.get('t-0')).toEqual(p0);
    // 256 bytes per answer: broker 1 is asked many times while broker 2's first answer waits.
    const one = fake.fetchCalls.filter((c) => c.broker === 1);
    const two = fake.fetchCalls.filter((c) => c.broker === 2);
    expect(one.length).toBeGreaterThan(20);
    expect(two.length).toBeLessThanOrEqual(2);
    expect(fake.fetchCalls.every((c) => c.maxWait === 200)).toBe(true);
  });

  it('when no leader has a record, each waits fetch.max.wait.ms: no round is sent without a wait', async () => {
    const fake = new FakeCluster(2).createTopic('t', 2);
    const fetcher = new PartitionFetcher(fake.client(), { readCommitted: false, maxWaitMs: 50 });
    fetcher.assign([{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 0 }]);
    const stop = setTimeout(() => fetcher.stop(), 300);
    await fetcher.run(async () => undefined);
    clearTimeout(stop);
    expect(fake.fetchCalls.length).toBeGreaterThan(2);
    expect(fake.fetchCalls.every((c) => c.maxWait === 50)).toBe(true);
  });

  it('partitions that answer no records are told their positions too (-e ends on them), those with records once their sets are handed on', async () => {
    const fake = new FakeCluster(2).createTopic('t', 4);
    // Partitions 0 and 2 hold records, 1 and 3 none (one of each on each broker).
    const p0 = await fill(fake, 't', 0, 'a', 3, 10);
    const p2 = await fill(fake, 't', 2, 'c', 2, 10);
    const events: string[] = [];
    const told = new Map<string, number[]>();
    const fetcher = new PartitionFetcher(fake.client(), {
      readCommitted: false,
      maxWaitMs: 1,
      partitionMaxBytes: 256,
      onPosition: (t, p, next) => {
        events.push(`position ${t}-${p} ${next}`);
        told.set(`${t}-${p}`, [...(told.get(`${t}-${p}`) ?? []), next]);
        if (total(got) >= 50 && told.has('t-1') && told.has('t-3')) fetcher.stop();
      },
    });
    fetcher.assign([0, 1, 2, 3].map((partition) => ({ topic: 't', partition, offset: 0 })));
    const got = new Map<string, string[]>();
    const stop = setTimeout(() => fetcher.stop(), 2000);
    await fetcher.run(async (set, d) => {
      const { records } = await decodeRecordSet(set, d);
      events.push(`set ${d.topic}-${d.partition}`);
      got.set(`${d.topic}-${d.partition}`, [...(got.get(`${d.topic}-${d.partition}`) ?? []), ...records.map((r) => r.value!.toString())]);
    });
    clearTimeout(stop);
    expect(got.get('t-0')).toEqual(p0);
    expect(got.get('t-2')).toEqual(p2);
    // The empty partitions: told, at offset 0.
    expect(told.get('t-1')?.length).toBeGreaterThan(0);
    expect(told.get('t-3')?.length).toBeGreaterThan(0);
    expect(new Set([...told.get('t-1')!, ...told.get('t-3')!])).toEqual(new Set([0]));
    // A partition with records: a position that moves on comes right after the set it read, and
    // positions only grow.
    for (const k of ['t-0', 't-2']) {
      const mine = events.filter((e) => e === `set ${k}` || e.startsWith(`position ${k} `));
      let last = 0;
      for (let i = 0; i < mine.length; i++) {
        if (!mine[i].startsWith('position')) continue;
        const at = Number(mine[i].split(' ')[2]);
        if (at > last) expect(mine[i - 1]).toBe(`set ${k}`);
        expect(at).toBeGreaterThanOrEqual(last);
        last = at;
      }
    }
    expect(told.get('t-0')!.at(-1)).toBe(30);
    expect(told.get('t-2')!.at(-1)).toBe(20);
  });

  it('unassign: a partition given up is fetched no more', async () => {
    const fake = new FakeCluster().createTopic('t', 2);
    await fill(fake, 't', 0, 'a', 1, 5);
    await fill(fake, 't', 1, 'b', 1, 5);
    const fetcher = new PartitionFetcher(fake.client(), { readCommitted: false, maxWaitMs: 1 });
    fetcher.assign([{ topic: 't', partition: 0, offset: 0 }, { topic: 't', partition: 1, offset: 0 }]);
    fetcher.unassign([{ topic: 't', partition: 1 }]);
    const got: string[] = [];
    const stop = setTimeout(() => fetcher.stop(), 100);
    await fetcher.run(async (_set, d) => {
      got.push(`${d.topic}-${d.partition}`);
    });
    clearTimeout(stop);
    expect(new Set(got)).toEqual(new Set(['t-0']));
    expect(fake.fetchCalls.every((c) => c.parts.every((p) => p.partition === 0))).toBe(true);
  });
});

describe('partitions that cannot be read, as named to the user', () => {
  it('without a leader, and by the leader that does not answer', () => {
    expect(waitingText([{ topic: 't', partition: 1 }])).toBe('waiting for a leader: t-1');
    expect(waitingText([{ topic: 't', partition: 0, leader: 3 }, { topic: 't', partition: 1 }, { topic: 't', partition: 2, leader: 2 }, { topic: 'u', partition: 0, leader: 3 }])).toBe(
      'waiting for a leader: t-1; broker 2 does not answer (leader of t-2); broker 3 does not answer (leader of t-0, u-0)',
    );
  });

  it('the error of -e when they were not read to their end', () => {
    expect(unreachedText([{ topic: 't', partition: 1 }, { topic: 't', partition: 4 }], 3000)).toBe('partition(s) without a leader not read to the end: t-1, t-4 (waited 3000 ms for a leader)');
    expect(unreachedText([{ topic: 't', partition: 0, leader: 2 }, { topic: 't', partition: 1 }, { topic: 't', partition: 3, leader: 2 }], 3000)).toBe(
      'partition(s) not read to the end: t-1 (no leader), t-0, t-3 (broker 2 does not answer); waited 3000 ms',
    );
  });
});
