// Every kfk command against each degraded state of a real 3-broker cluster (RF 3,
// min.insync.replicas 2): exit code, stdout compared with Kafka's own tool on the same state, and
// records read back after the cluster is whole again (none lost, none twice). Each state restores
// the cluster it broke.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/cluster.js';
import { partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { kafkaToolClass } from '../../src/local/kafka-dist.js';
import { kfk, kfkProcess, sleep, uniqueName, type RunResult } from '../helpers/cli.js';
import { B, allBrokersBack, inSync, kill, partitions, revive, state, waitUntil } from '../helpers/fault-cluster.js';
import { kafka4Tool, kafkaTool, TOOLS } from '../helpers/kafka-tools.js';

const KB = B;

/** Restarts whatever is down and waits until the cluster has all its brokers and the topics are in sync. */
async function restore(topics: string[]): Promise<void> {
  await allBrokersBack();
  for (const t of topics) await inSync(t);
}

async function create(topic: string, extra: string[]): Promise<void> {
  const r = await kfk(['topic', 'create', ...B, '--topic', topic, ...extra]);
  expect(r, r.stderr).toMatchObject({ code: 0, stdout: `Created topic ${topic}.\n` });
  await waitUntil(`${topic} has leaders`, async () => (await partitions(topic)).every((p) => p.leader >= 0));
}

/** Every record of a topic as `partition<TAB>key<TAB>value`, read to the end with a healthy cluster. */
async function readAll(topic: string): Promise<string[]> {
  const r = await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '-e', '--property', 'print.partition=true', '--property', 'print.key=true'], { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^Partition:/, ''))
    .sort();
}

const topics = (args: string[]) => kafkaTool(TOOLS.topics, [...KB, ...args]);
const groups = (args: string[]) => kafka4Tool('groups', [...KB, ...args]);
const configs = (args: string[]) => kafka4Tool('configs', [...KB, ...args]);
const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
/** stdout and exit code, the parts a script reads. */
const seen = (r: RunResult) => ({ code: r.code, stdout: r.stdout });

describe('fault matrix', () => {
  describe('(a) one broker down with RF 1 partitions on it: partitions without a leader', () => {
    const p = uniqueName('mx-a');
    const solo = `${p}-solo`;
    const mixed = `${p}-mixed`;
    const healthy = `${p}-healthy`;
    const group = `${p}-group`;
    const before = { mixed: lines('m', 60), healthy: lines('h', 60) };
    const during: string[] = [];
    let failedFile = '';
    let undeliveredKeys: string[] = [];

    beforeAll(async () => {
      await create(solo, ['--replica-assignment', '3']);
      await create(mixed, ['--replica-assignment', '1,2,3']);
      await create(healthy, ['--partitions', '3', '--replication-factor', '3']);
      for (const [t, ls] of [[mixed, before.mixed], [healthy, before.healthy]] as const) {
        // Keys spread the records over every partition.
        const r = await kfk(['produce', ...B, '--topic', t, '--property', 'parse.key=true'], { input: ls.map((l) => `${l}\t${l}`).join('\n') + '\n' });
        expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
      }
      const g = await kfk(['consume', ...B, '--topic', mixed, '--group', group, '--from-beginning', '--max-messages', String(before.mixed.length)]);
      expect(g.code, g.stderr).toBe(0);
      await kill(3);
      await waitUntil(`${mixed}-2 has no leader`, async () => (await partitions(mixed))[2].leader === -1);
      await waitUntil('broker 3 is gone from the metadata', async () => (await kfk(['cluster', 'describe', ...B])).stdout.split('\n').filter((l) => l.startsWith('Broker:')).length === 2);
    });
    afterAll(async () => restore([solo, mixed, healthy]), 180_000);

    it('topic list and kfk-kafka-topics --list: every topic, exit 0, as kafka-topics', async () => {
      const r = await kfk(['topic', 'list', ...B]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      for (const t of [solo, mixed, healthy]) expect(r.stdout.split('\n')).toContain(t);
      const [ours, real] = await Promise.all([kfk(['compat', 'kafka-topics', ...KB, '--list']), topics(['--list'])]);
      expect(seen(ours)).toEqual(seen(real));
    });

    it('topic describe and its health filters print what kafka-topics prints, byte for byte', async () => {
      for (const filter of [[], ['--unavailable-partitions'], ['--under-replicated-partitions'], ['--under-min-isr-partitions'], ['--at-min-isr-partitions']]) {
        const [ours, real] = await Promise.all([kfk(['topic', 'describe', ...B, ...filter]), topics(['--describe', ...filter])]);
        expect(seen(ours), filter.join(' ')).toEqual(seen(real));
      }
      const unavailable = await kfk(['topic', 'describe', ...B, '--unavailable-partitions']);
      expect(unavailable.stdout).toContain(`\tTopic: ${mixed}\tPartition: 2\tLeader: none\tReplicas: 3\tIsr: \t`);
      expect(unavailable.stdout).toContain(`\tTopic: ${solo}\tPartition: 0\tLeader: none\tReplicas: 3\tIsr: \t`);
      const [ours, real] = await Promise.all([kfk(['topic', 'describe', ...B, '--topic', healthy]), topics(['--describe', '--topic', healthy])]);
      expect(seen(ours)).toEqual(seen(real));
      const [dropIn, realAgain] = await Promise.all([kfk(['compat', 'kafka-topics', ...KB, '--describe', '--unavailable-partitions']), topics(['--describe', '--unavailable-partitions'])]);
      expect(seen(dropIn)).toEqual(seen(realAgain));
    });

    it('topic describe -o json gives leader -1, -o table OFFLINE', async () => {
      const view = await partitions(mixed);
      expect(view.map((x) => x.leader)).toEqual([1, 2, -1]);
      const table = await kfk(['topic', 'describe', ...B, '--topic', mixed, '-o', 'table']);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('OFFLINE');
    });

    it('topic create, alter and delete work', async () => {
      const t = `${p}-new`;
      expect(await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '1', '--replication-factor', '2'])).toMatchObject({ code: 0, stdout: `Created topic ${t}.\n`, stderr: '' });
      expect(await kfk(['topic', 'alter', ...B, '--topic', t, '--partitions', '2'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(await kfk(['topic', 'delete', ...B, '--topic', t])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    });

    it('produce: unkeyed records go to the partitions with a leader; keyed ones for the leaderless partition are reported, exit 1', async () => {
      const unkeyed = lines('u', 200);
      const r = await kfk(['produce', ...B, '--topic', mixed, '--batch-size', '300'], { input: unkeyed.join('\n') + '\n' });
      expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
      during.push(...unkeyed.map((u) => `\t${u}`));

      const keyed = lines('k', 30);
      undeliveredKeys = keyed.filter((k) => partitionForKey(Buffer.from(k), 3) === 2);
      expect(undeliveredKeys.length).toBeGreaterThan(0);
      failedFile = join(mkdtempSync(join(tmpdir(), 'kfk-matrix-')), 'failed.jsonl');
      const k = await kfk(
        ['produce', ...B, '--topic', mixed, '--property', 'parse.key=true', '--producer-property', 'delivery.timeout.ms=4000', '--failed-records', failedFile],
        { input: keyed.map((x) => `${x}\t${x}`).join('\n') + '\n' },
      );
      expect(k.code, k.stderr).toBe(1);
      expect(k.stdout).toBe('');
      expect(k.stderr).toContain(`kfk: ${undeliveredKeys.length} of ${keyed.length} record(s) not delivered`);
      const saved = readFileSync(failedFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
      expect(saved.sort()).toEqual([...undeliveredKeys].sort());
      during.push(...keyed.filter((x) => !undeliveredKeys.includes(x)).map((x) => `${x}\t${x}`));
    });

    it('produce --verbose says which partition waits for a leader', async () => {
      const r = await kfk(['produce', ...B, '--topic', solo, '--verbose', '--producer-property', 'delivery.timeout.ms=2000'], { input: 'x\n' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`kfk: produce: ${solo}-0 has no leader: its records wait for one (at most delivery.timeout.ms)\n`);
      expect(r.stderr).toContain('kfk: 1 of 1 record(s) not delivered\n');
    });

    it('consume -e reads the partitions with a leader, says once which one waits, then names it and exits 1', async () => {
      const r = await kfk(['consume', ...B, '--topic', mixed, '--from-beginning', '-e', '--timeout', '3000', '--property', 'print.partition=true']);
      expect(r.code).toBe(1);
      const got = r.stdout.split('\n').filter(Boolean);
      expect(got.every((l) => l.startsWith('Partition:0\t') || l.startsWith('Partition:1\t'))).toBe(true);
      const expected = [...before.mixed.filter((m) => partitionForKey(Buffer.from(m), 3) !== 2), ...during.map((d) => d.split('\t')[1])];
      expect(got.map((l) => l.split('\t')[1]).sort()).toEqual(expected.sort());
      expect(r.stderr).toBe(
        `kfk: waiting for a leader: ${mixed}-2; the other partitions are read\n` +
          `kfk: partition(s) without a leader not read to the end: ${mixed}-2 (waited 3000 ms for a leader)\n` +
          `Processed a total of ${got.length} messages\n`,
      );
    });

    it('consume from a topic whose partitions all have a leader does not notice the outage', async () => {
      const r = await kfk(['consume', ...B, '--topic', healthy, '--from-beginning', '-e']);
      expect(r).toMatchObject({ code: 0, stderr: `Processed a total of ${before.healthy.length} messages\n` });
      expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(before.healthy);
      const g = await kfk(['consume', ...B, '--topic', healthy, '--group', `${group}-h`, '--from-beginning', '--max-messages', String(before.healthy.length)]);
      expect(g).toMatchObject({ code: 0, stderr: `Processed a total of ${before.healthy.length} messages\n` });
      expect(g.stdout.split('\n').filter(Boolean).sort()).toEqual(before.healthy);
    });

    it('consume --group reads the partitions with a leader and says which one waits', async () => {
      const g = `${group}-2`;
      const expected = before.mixed.filter((m) => partitionForKey(Buffer.from(m), 3) !== 2).length + during.length;
      const r = await kfk(['consume', ...B, '--topic', mixed, '--group', g, '--from-beginning', '--max-messages', String(expected)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(expected);
      expect(r.stderr).toBe(`kfk: waiting for a leader: ${mixed}-2; the other partitions are read\nProcessed a total of ${expected} messages\n`);
    });

    it('group list, describe and reset-offsets: as kafka-consumer-groups; LOG-END-OFFSET - for the leaderless partition', async () => {
      const list = await kfk(['group', 'list', ...B]);
      expect(list.code).toBe(0);
      expect(list.stdout.split('\n')).toContain(group);
      const real = await groups(['--list']);
      expect(list.stdout.split('\n').filter(Boolean).sort()).toEqual(real.stdout.split('\n').filter(Boolean).sort());

      const [ours, theirs] = await Promise.all([kfk(['group', 'describe', ...B, '--group', group]), groups(['--describe', '--group', group])]);
      expect(seen(ours)).toEqual(seen(theirs));
      expect(ours.stdout).toMatch(new RegExp(`${mixed} +2 +\\d+ +- +- `));

      const reset = await kfk(['group', 'reset-offsets', ...B, '--group', group, '--topic', `${mixed}:0,1`, '--to-earliest', '--execute']);
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toContain(`${mixed}`);
      const blocked = await kfk(['group', 'reset-offsets', ...B, '--group', group, '--topic', mixed, '--to-earliest', '--execute']);
      expect(blocked).toMatchObject({ code: 1, stdout: '', stderr: `kfk: no leader for ${mixed}-2: its offsets cannot be read now\n` });
    });

    it('config describe: as kafka-configs', async () => {
      const [ours, real] = await Promise.all([
        kfk(['config', 'describe', ...B, '--topic', mixed]),
        configs(['--describe', '--entity-type', 'topics', '--entity-name', mixed]),
      ]);
      expect(seen(ours)).toEqual(seen(real));
      const alter = await kfk(['config', 'alter', ...B, '--topic', mixed, '--set', 'retention.ms=86400000']);
      expect(alter.code, alter.stderr).toBe(0);
    });

    it('offsets prints the partitions with a leader and skips the other with a line on stderr', async () => {
      const r = await kfk(['offsets', ...B, '--topic', mixed]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^${mixed}:0:\\d+\\n${mixed}:1:\\d+\\n$`));
      expect(r.stderr).toBe(`kfk: skipped ${mixed}-2: the partition has no leader\n`);
      expect(await kfk(['offsets', ...B, '--topic', solo])).toMatchObject({ code: 1, stdout: '', stderr: `kfk: skipped ${solo}-0: the partition has no leader\n` });
    });

    it('cluster describe lists the live brokers', async () => {
      const r = await kfk(['cluster', 'describe', ...B]);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('Broker:')).map((l) => l.split('\t')[0])).toEqual(['Broker: 1', 'Broker: 2']);
    });

    it('the console producer and consumer drop-ins work on the healthy topic', async () => {
      const extra = lines('dropin', 5);
      const pr = await kfk(['compat', 'kafka-console-producer', ...KB, '--topic', healthy], { input: extra.join('\n') + '\n' });
      expect(pr).toMatchObject({ code: 0, stdout: '' });
      const c = await kfk(['compat', 'kafka-console-consumer', ...KB, '--topic', healthy, '--from-beginning', '--max-messages', String(before.healthy.length + extra.length)]);
      expect(c.code).toBe(0);
      expect(c.stdout.split('\n').filter(Boolean).sort()).toEqual([...before.healthy, ...extra].sort());
    });

    it('after the broker is back, every record is there once, and the undelivered ones resend', async () => {
      await restore([solo, mixed, healthy]);
      const resend = await kfk(['produce', ...B, '--topic', mixed, '--format', 'json', '--file', failedFile]);
      expect(resend).toMatchObject({ code: 0, stderr: '' });
      const all = await readAll(mixed);
      const expected = [
        ...before.mixed.map((m) => `${partitionForKey(Buffer.from(m), 3)}\t${m}\t${m}`),
        ...during.map((d) => d.split('\t')).map(([k, v]) => (k ? `${partitionForKey(Buffer.from(k), 3)}\t${k}\t${v}` : null)),
        ...undeliveredKeys.map((k) => `2\t${k}\t${k}`),
      ].filter((x): x is string => x !== null);
      // Unkeyed records: on partition 0 or 1, never on 2.
      const unkeyed = all.filter((l) => l.split('\t')[1] === 'null');
      expect(unkeyed.map((l) => l.split('\t')[2]).sort()).toEqual(during.filter((d) => d.startsWith('\t')).map((d) => d.slice(1)).sort());
      expect(unkeyed.every((l) => l.startsWith('0\t') || l.startsWith('1\t'))).toBe(true);
      expect(all.filter((l) => l.split('\t')[1] !== 'null')).toEqual(expected.sort());
    }, 180_000);
  });

  describe('(b) one broker down, every topic RF 3: shrunken ISR, under min.insync.replicas and ELR', () => {
    const p = uniqueName('mx-b');
    const t = `${p}-t`;
    const strict = `${p}-strict`;
    const records = lines('b', 50);

    beforeAll(async () => {
      await create(t, ['--partitions', '3', '--replication-factor', '3']);
      await create(strict, ['--partitions', '2', '--replication-factor', '3', '--config', 'min.insync.replicas=3']);
      await kill(2);
      await waitUntil('the ISR has shrunk', async () => (await partitions(t)).every((x) => !x.isr.includes(2) && x.leader !== 2) && (await partitions(strict)).every((x) => !x.isr.includes(2)));
    });
    afterAll(async () => restore([t, strict]), 180_000);

    it('topic describe and the health filters: as kafka-topics, byte for byte (ISR, ELR, LastKnownElr)', async () => {
      for (const filter of [[], ['--under-replicated-partitions'], ['--under-min-isr-partitions'], ['--at-min-isr-partitions'], ['--unavailable-partitions']]) {
        for (const topic of [t, strict]) {
          const [ours, real] = await Promise.all([kfk(['topic', 'describe', ...B, '--topic', topic, ...filter]), topics(['--describe', '--topic', topic, ...filter])]);
          expect(seen(ours), `${topic} ${filter.join(' ')}`).toEqual(seen(real));
        }
      }
      const under = await kfk(['topic', 'describe', ...B, '--topic', strict, '--under-min-isr-partitions']);
      expect(under.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    });

    it('produce acks=all succeeds at min.insync.replicas, and fails (named, exit 1) below it', async () => {
      const r = await kfk(['produce', ...B, '--topic', t, '--request-required-acks', 'all'], { input: records.join('\n') + '\n' });
      expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const s = await kfk(['produce', ...B, '--topic', strict, '--request-required-acks', 'all', '--producer-property', 'delivery.timeout.ms=4000'], { input: 'x\ny\n' });
      expect(s.code).toBe(1);
      expect(s.stderr).toMatch(/^kfk: 2 of 2 record\(s\) not delivered\n/);
      expect(s.stderr).toMatch(/NOT_ENOUGH_REPLICAS|not enough replicas|in-sync replicas/i);
    });

    it('consume with and without a group, offsets, group describe, cluster describe: unaffected', async () => {
      const c = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e']);
      expect(c).toMatchObject({ code: 0, stderr: `Processed a total of ${records.length} messages\n` });
      expect(c.stdout.split('\n').filter(Boolean).sort()).toEqual(records);
      const g = `${p}-g`;
      const gc = await kfk(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--max-messages', String(records.length)]);
      expect(gc).toMatchObject({ code: 0, stderr: `Processed a total of ${records.length} messages\n` });
      const [ours, real] = await Promise.all([kfk(['group', 'describe', ...B, '--group', g]), groups(['--describe', '--group', g])]);
      expect(seen(ours)).toEqual(seen(real));
      const o = await kfk(['offsets', ...B, '--topic', t]);
      expect(o).toMatchObject({ code: 0, stderr: '' });
      expect(o.stdout.split('\n').filter(Boolean)).toHaveLength(3);
      const cl = await kfk(['cluster', 'describe', ...B]);
      expect(cl.code).toBe(0);
      expect(cl.stdout.split('\n').filter((l) => l.startsWith('Broker:'))).toHaveLength(2);
    });
  });

  describe('(c) the active KRaft controller killed mid-command', () => {
    const p = uniqueName('mx-c');
    const t = `${p}-t`;
    afterAll(async () => restore([t]), 180_000);

    it('an idempotent produce and topic commands ride out the controller election: nothing lost or twice', async () => {
      await create(t, ['--partitions', '3', '--replication-factor', '3']);
      const status = await kafkaTool(kafkaToolClass(state.version, 'quorum'), [...KB, 'describe', '--status']);
      const leader = Number(/LeaderId:\s+(\d+)/.exec(status.stdout)?.[1]);
      expect(leader, status.stdout + status.stderr).toBeGreaterThan(0);
      const records = lines('c', 20_000);
      const producer = kfkProcess(['produce', ...B, '--topic', t, '--idempotent', '--message-send-max-retries', '50', '--retry-backoff-ms', '250'], { timeoutMs: 150_000 });
      const feeding = producer.feed(records, 500, 50);
      await sleep(800);
      await kill(leader);
      const created = await kfk(['topic', 'create', ...B, '--topic', `${t}-during`, '--partitions', '1', '--replication-factor', '2'], { timeoutMs: 60_000 });
      expect(created, created.stderr).toMatchObject({ code: 0, stdout: `Created topic ${t}-during.\n` });
      const described = await kfk(['topic', 'describe', ...B, '--topic', t]);
      expect(described.code, described.stderr).toBe(0);
      await feeding;
      const r = await producer.done;
      expect(r.code, r.stderr.slice(-2000)).toBe(0);
      await restore([t]);
      const got = (await readAll(t)).map((l) => l.split('\t')[2]);
      const counts = new Map<string, number>();
      for (const v of got) counts.set(v, (counts.get(v) ?? 0) + 1);
      expect({ missing: records.filter((x) => !counts.has(x)), twice: [...counts].filter(([, n]) => n > 1).map(([v]) => v) }).toEqual({ missing: [], twice: [] });
      expect(got).toHaveLength(records.length);
      expect(await kfk(['topic', 'delete', ...B, '--topic', `${t}-during`])).toMatchObject({ code: 0 });
    }, 240_000);
  });

  describe('(d) the first address of --bootstrap-server dead', () => {
    it('every command works as with the live addresses alone', async () => {
      const dead = `127.0.0.1:${await freePort()}`;
      const D = ['--bootstrap-server', `${dead},${state.bootstrap}`];
      const t = uniqueName('mx-d');
      const g = `${t}-g`;
      const run = async (args: string[], input?: string) => {
        const r = await kfk([...args.slice(0, args.indexOf('@')), ...D, ...args.slice(args.indexOf('@') + 1)], { input });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        return r;
      };
      expect((await run(['topic', 'create', '@', '--topic', t, '--partitions', '2', '--replication-factor', '3'])).stdout).toBe(`Created topic ${t}.\n`);
      expect((await run(['topic', 'list', '@'])).stdout.split('\n')).toContain(t);
      const desc = await run(['topic', 'describe', '@', '--topic', t]);
      expect(desc.stdout).toBe((await topics(['--describe', '--topic', t])).stdout);
      await run(['topic', 'alter', '@', '--topic', t, '--partitions', '3']);
      await run(['produce', '@', '--topic', t], 'a\nb\nc\n');
      expect((await run(['consume', '@', '--topic', t, '--from-beginning', '-e'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['a', 'b', 'c']);
      expect((await run(['consume', '@', '--topic', t, '--group', g, '--from-beginning', '--max-messages', '3'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['a', 'b', 'c']);
      expect((await run(['group', 'list', '@'])).stdout.split('\n')).toContain(g);
      expect((await run(['group', 'describe', '@', '--group', g])).stdout).toBe((await groups(['--describe', '--group', g])).stdout);
      await run(['group', 'reset-offsets', '@', '--group', g, '--topic', t, '--to-earliest', '--execute']);
      await run(['config', 'describe', '@', '--topic', t]);
      expect((await run(['offsets', '@', '--topic', t])).stdout.split('\n').filter(Boolean)).toHaveLength(3);
      expect((await run(['cluster', 'describe', '@'])).stdout.split('\n').filter((l) => l.startsWith('Broker:'))).toHaveLength(3);
      await run(['compat', 'kafka-topics', '@', '--describe', '--topic', t]);
      await run(['compat', 'kafka-console-producer', '@', '--topic', t], 'd\n');
      expect((await run(['compat', 'kafka-console-consumer', '@', '--topic', t, '--from-beginning', '--max-messages', '4'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['a', 'b', 'c', 'd']);
      await run(['topic', 'delete', '@', '--topic', t]);
    });
  });

  describe('(e) a broker restarted while kfk runs', () => {
    const p = uniqueName('mx-e');
    const t = `${p}-t`;
    afterAll(async () => restore([t]), 180_000);

    it('produce, consume --group and every short command ride out the restart: nothing lost or twice', async () => {
      await create(t, ['--partitions', '3', '--replication-factor', '3']);
      const records = lines('e', 10_000);
      const g = `${p}-g`;
      const consumer = kfkProcess(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--max-messages', String(records.length), '--timeout-ms', '60000'], { timeoutMs: 150_000 });
      const producer = kfkProcess(['produce', ...B, '--topic', t, '--idempotent', '--message-send-max-retries', '50', '--retry-backoff-ms', '250'], { timeoutMs: 150_000 });
      const feeding = producer.feed(records, 250, 50);
      await sleep(1000);
      await kill(1);
      // While broker 1 is down (and again while it comes back), each command still answers.
      const short = async () => {
        for (const args of [
          ['topic', 'list'],
          ['topic', 'describe', '--topic', t],
          ['group', 'list'],
          ['group', 'describe', '--group', g],
          ['offsets', '--topic', t],
          ['config', 'describe', '--topic', t],
          ['cluster', 'describe'],
        ]) {
          // As an operator would during an incident: time for the cluster to notice the dead broker.
          const r = await kfk([...args, ...B, '--timeout', '30000']);
          expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        }
      };
      await short();
      await revive(1);
      await short();
      await feeding;
      const pr = await producer.done;
      expect(pr.code, pr.stderr.slice(-2000)).toBe(0);
      const c = await consumer.done;
      expect(c.code, c.stderr.slice(-2000)).toBe(0);
      const got = c.stdout.split('\n').filter(Boolean);
      expect(got).toHaveLength(records.length);
      expect([...new Set(got)].sort()).toEqual(records);
      await restore([t]);
      const stored = (await readAll(t)).map((l) => l.split('\t')[2]);
      expect(stored.sort()).toEqual(records);
    }, 240_000);
  });

  describe('(f) a topic deleted while kfk consumes it', () => {
    it('consume, with and without a group, prints every record, then says the topic was deleted, exit 1', async () => {
      const t = uniqueName('mx-f');
      await create(t, ['--partitions', '2', '--replication-factor', '3']);
      const records = lines('f', 100);
      expect(await kfk(['produce', ...B, '--topic', t], { input: records.join('\n') + '\n' })).toMatchObject({ code: 0 });
      const direct = kfkProcess(['consume', ...B, '--topic', t, '--from-beginning']);
      const grouped = kfkProcess(['consume', ...B, '--topic', t, '--group', `${t}-g`, '--from-beginning']);
      await waitUntil('both consumers printed every record', async () => direct.outputLines() === records.length && grouped.outputLines() === records.length, 30_000);
      expect(await kfk(['topic', 'delete', ...B, '--topic', t])).toMatchObject({ code: 0 });
      for (const r of [await direct.done, await grouped.done]) {
        expect(r.code).toBe(1);
        expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(records);
        expect(r.stderr).toBe(`kfk: topic '${t}' was deleted while it was read\nProcessed a total of ${records.length} messages\n`);
      }
    });

    it('consume --include goes on with the other topics and says which was deleted', async () => {
      const t = uniqueName('mx-f2');
      await create(`${t}-a`, ['--partitions', '1', '--replication-factor', '3']);
      await create(`${t}-b`, ['--partitions', '1', '--replication-factor', '3']);
      expect(await kfk(['produce', ...B, '--topic', `${t}-a`], { input: 'a1\n' })).toMatchObject({ code: 0 });
      const c = kfkProcess(['consume', ...B, '--include', `${t}-.*`, '--from-beginning', '--timeout-ms', '8000']);
      await waitUntil('the consumer printed a1', async () => c.outputLines() === 1, 30_000);
      expect(await kfk(['topic', 'delete', ...B, '--topic', `${t}-a`])).toMatchObject({ code: 0 });
      await sleep(5000);
      expect(await kfk(['produce', ...B, '--topic', `${t}-b`], { input: 'b1\n' })).toMatchObject({ code: 0 });
      const r = await c.done;
      expect(r).toMatchObject({ code: 0, stdout: 'a1\nb1\n' });
      expect(r.stderr).toBe(`kfk: topic '${t}-a' was deleted: its partitions are no longer read\nProcessed a total of 2 messages\n`);
      await kfk(['topic', 'delete', ...B, '--topic', `${t}-b`]);
    });
  });
});
