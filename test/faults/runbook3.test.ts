// Runbook commands that need several brokers, on the real 3-broker cluster: preferred and
// unclean leader elections and log directories, through Kafka 4.4's own tools and kfk's
// drop-ins on the same cluster state (stdout byte for byte, exit codes), and kfk's own commands.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { B, inSync, partitions, state, waitUntil } from '../helpers/fault-cluster.js';

import { KAFKA4_VERSION, dropIn, kafkaTool, realScript } from '../helpers/kafka-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'kfk-runbook3-'));
const real = realScript;
const ours = dropIn;

/** A topic of one partition on brokers 1, 2, 3 (1 leads), holding `records`. */
async function topicOn123(records: number): Promise<string> {
  const t = uniqueName('rb3');
  const r = await kfk(['topic', 'create', ...B, '--topic', t, '--replica-assignment', '1:2:3']);
  expect(r.code, r.stderr).toBe(0);
  await inSync(t);
  const input = Array.from({ length: records }, (_, i) => `v${i}`).join('\n') + '\n';
  expect((await kfk(['produce', ...B, '--topic', t], { input })).code).toBe(0);
  return t;
}

/** A topic of one partition on brokers 1 and 2 (1 leads), holding `records`. */
async function topicOn12(records: number): Promise<string> {
  const t = uniqueName('mv');
  const r = await kfk(['topic', 'create', ...B, '--topic', t, '--replica-assignment', '1:2']);
  expect(r.code, r.stderr).toBe(0);
  await inSync(t);
  if (records) expect((await kfk(['produce', ...B, '--topic', t], { input: Array.from({ length: records }, (_, i) => `x${i}`.padEnd(200, '.')).join('\n') + '\n' })).code).toBe(0);
  return t;
}

/** Controller 1's own listener (KIP-919, --bootstrap-controller). */
const BC = ['--bootstrap-controller', `127.0.0.1:${state.nodes[0].controllerPort}`];

const moveTo23 = (t: string) => file(`${t}.json`, JSON.stringify({ version: 1, partitions: [{ topic: t, partition: 0, replicas: [2, 3] }] }));

describe('partition reassignment on 3 brokers', () => {
  it('execute with a throttle, list, verify and cancel print what kafka-reassign-partitions prints', async () => {
    const [a, b] = await Promise.all([topicOn12(2000), topicOn12(2000)]);
    // Each broker has two log directories: a's and b's replicas may live in either.
    const swap = (s: string) => s.split(a).join(b).replace(/\/data2"/g, '/data"');
    // A throttle of 1 B/s: the moves stay under way until they are cancelled.
    const r1 = await real('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', moveTo23(a), '--throttle', '1']);
    const o1 = await ours('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', moveTo23(b), '--throttle', '1', '--additional']);
    expect(r1.code, r1.stdout).toBe(0);
    expect({ code: o1.code, stdout: swap(o1.stdout), stderr: o1.stderr }).toEqual({ code: 0, stdout: swap(r1.stdout), stderr: '' });
    expect(o1.stdout).toMatch(new RegExp(`^Current partition replica assignment\n\n\\{"version":1,"partitions":\\[\\{"topic":"${b}","partition":0,"replicas":\\[1,2\\],"log_dirs":\\["\\S+node-1\\S*","\\S+node-2\\S*"\\]\\}\\]\\}\n\nSave this`));
    expect(o1.stdout).toContain(`The inter-broker throttle limit was set to 1 B/s\nSuccessfully started partition reassignment for ${b}-0\n`);
    const throttles = await kfk(['config', 'describe', ...B, '--topic', b, '-o', 'json']);
    expect(throttles.stdout).toContain('"follower.replication.throttled.replicas"');

    // Another execute without --additional is refused, on stdout, as the tool does it.
    const [r2, o2] = await Promise.all([real('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', moveTo23(a)]), ours('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', moveTo23(a)])]);
    expect(r2.code).toBe(1);
    expect(o2).toMatchObject({ code: 1, stdout: r2.stdout, stderr: '' });
    const [r3, o3, o3c, r4, o4] = await Promise.all([
      real('kafka-reassign-partitions', [...B, '--list']),
      ours('kafka-reassign-partitions', [...B, '--list']),
      ours('kafka-reassign-partitions', [...BC, '--list']),
      real('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', moveTo23(a)]),
      ours('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', moveTo23(b)]),
    ]);
    expect(o3).toMatchObject({ code: 0, stdout: r3.stdout });
    expect(o3c).toMatchObject({ code: 0, stdout: r3.stdout, stderr: '' });
    expect(o3.stdout).toContain(`${b}-0: replicas: 2,3,1. adding: 3. removing: 1.\n`);
    expect(o4).toMatchObject({ code: 0, stdout: swap(r4.stdout) });
    expect(o4.stdout).toBe(`Status of partition reassignment:\nReassignment of partition ${b}-0 is still in progress.\n\n`);
    // kafka-topics --describe shows the replicas being added and removed.
    const [rt, ot] = await Promise.all([real('kafka-topics', [...B, '--describe', '--topic', b]), ours('kafka-topics', [...B, '--describe', '--topic', b])]);
    expect(ot).toMatchObject({ code: 0, stdout: rt.stdout });
    expect(ot.stdout).toContain(`ReplicationFactor: 2\t`);
    expect(ot.stdout).toContain(`\tReplicas: 2,3,1\tIsr: `);
    expect(ot.stdout).toMatch(/\tAdding Replicas: 3\tRemoving Replicas: 1\tElr: /);

    // Cancelled with the throttles kept (clearing them would let the other move finish at once);
    // kfk's through the controller.
    const r5 = await real('kafka-reassign-partitions', [...B, '--cancel', '--reassignment-json-file', moveTo23(a), '--preserve-throttles']);
    const o5 = await ours('kafka-reassign-partitions', [...BC, '--cancel', '--reassignment-json-file', moveTo23(b), '--preserve-throttles']);
    expect(r5.code, r5.stdout).toBe(0);
    expect({ code: o5.code, stdout: o5.stdout }).toEqual({ code: 0, stdout: swap(r5.stdout) });
    expect(o5.stdout).toBe(`Successfully cancelled partition reassignment for: ${b}-0\nNone of the specified partition moves are active.`);
    await waitUntil('the cancelled moves are undone', async () => (await Promise.all([a, b].map(partitions))).every((ps) => [...ps[0].replicas].sort().join() === '1,2'));
    const back = (await partitions(b))[0].replicas.join(',');
    // Cancel again through the controller, both tools: nothing under way; the throttles of all
    // three brokers go (brokers 2 and 3 at their own controller listeners).
    const [r7, o7] = await Promise.all([
      real('kafka-reassign-partitions', [...BC, '--cancel', '--reassignment-json-file', moveTo23(a)]),
      ours('kafka-reassign-partitions', [...BC, '--cancel', '--reassignment-json-file', moveTo23(b)]),
    ]);
    expect(r7.code, r7.stdout).toBe(0);
    expect({ code: o7.code, stdout: o7.stdout, stderr: o7.stderr }).toEqual({ code: 0, stdout: swap(r7.stdout), stderr: '' });
    expect(o7.stdout).toBe(
      `None of the specified partition reassignments are active.\nNone of the specified partition moves are active.Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic ${b}\n`,
    );
    // Verify now: the move is not under way and the replicas are not the plan's; the throttles go.
    const r6 = await real('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', moveTo23(a)]);
    const o6 = await ours('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', moveTo23(b)]);
    expect({ code: o6.code, stdout: o6.stdout }).toEqual({ code: 0, stdout: swap(r6.stdout) });
    expect(o6.stdout).toBe(
      `Status of partition reassignment:\nThere is no active reassignment of partition ${b}-0, but replica set is ${back} rather than 2,3.\n\nClearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic ${b}\n`,
    );
    expect((await kfk(['config', 'describe', ...B, '--topic', b])).stdout).not.toContain('throttled');
    // Broker 2's configs through controller 1: read at controller 2's own listener, as the tool does.
    const d2 = [...BC, '--describe', '--entity-type', 'brokers', '--entity-name', '2'];
    const [rd, od] = await Promise.all([kafkaTool('org.apache.kafka.tools.ConfigCommand', d2, { version: KAFKA4_VERSION }), kfk(['compat', 'kafka-configs', ...d2])]);
    expect(rd.code, rd.stderr).toBe(0);
    expect({ code: od.code, stdout: od.stdout, stderr: od.stderr }).toEqual({ code: 0, stdout: rd.stdout, stderr: '' });
    expect(od.stdout.split('\n')[0]).toBe('Dynamic configs for broker 2 are:');
    // The quorum through each controller's listener, followers too: the leader answers.
    const quorums = await Promise.all(state.nodes.map((n) => kfk(['cluster', 'quorum', '--bootstrap-controller', `127.0.0.1:${n.controllerPort}`, '-o', 'json'])));
    for (const q of quorums) expect(q.code, q.stderr).toBe(0);
    expect(new Set(quorums.map((q) => JSON.parse(q.stdout).leaderId)).size).toBe(1);
  });

  it('a partition moves to other brokers under a throttle while records are written: none is lost', async () => {
    const t = await topicOn12(0);
    const lines = Array.from({ length: 30_000 }, (_, i) => String(i).padStart(6, '0'));
    const producer = kfkProcess(['produce', ...B, '--topic', t, '--idempotent']);
    const feeding = producer.feed(lines, 1000, 100);
    await sleep(800);
    const ex = await kfk(['partition', 'reassign', 'execute', ...B, '--reassignment-json-file', moveTo23(t), '--throttle', '2000000']);
    expect(ex.code, ex.stdout + ex.stderr).toBe(0);
    expect(ex.stdout).toContain(`Successfully started partition reassignment for ${t}-0`);
    const verify = () => kfk(['partition', 'reassign', 'verify', ...B, '--reassignment-json-file', moveTo23(t)]);
    await waitUntil('the move completes', async () => (await verify()).stdout.includes('is completed.'), 90_000);
    await feeding;
    expect((await producer.done).code).toBe(0);
    const last = await verify();
    expect(last.stdout).toBe(`Status of partition reassignment:\nReassignment of partition ${t}-0 is completed.\n\nClearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic ${t}\n`);
    const [p] = await partitions(t);
    expect(p.replicas).toEqual([2, 3]);
    expect((await kfk(['config', 'describe', ...B, '--broker', '2'])).stdout).not.toContain('throttled.rate');
    const read = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e'], { timeoutMs: 120_000 });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout.split('\n').filter(Boolean)).toEqual(lines);
  });
});

interface LogDirView {
  broker: number;
  logDir: string;
  replicas: Array<{ topic: string; partition: number; size: number; isFuture: boolean }>;
}
async function logDirs(topics?: string): Promise<LogDirView[]> {
  const r = await kfk(['log-dirs', 'describe', ...B, '--broker-list', '3', ...(topics ? ['--topic-list', topics] : []), '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as LogDirView[];
}

describe('a replica moved to another broker and into a named log directory there', () => {
  it('execute with log_dirs while records are written, verify and log-dirs as the tools print them: none is lost', async () => {
    const t = await topicOn12(0);
    const dirs3 = state.nodes.find((n) => n.nodeId === 3)!.logDirs!;
    expect(dirs3).toHaveLength(2);
    // The directory of broker 3 that holds more replicas now: not where Kafka would put a new one.
    const held = await logDirs();
    const count = (d: string) => held.find((x) => x.logDir === d)?.replicas.length ?? 0;
    const target = count(dirs3[1]) > count(dirs3[0]) ? dirs3[1] : dirs3[0];
    const plan = file(`${t}-dirs.json`, JSON.stringify({ version: 1, partitions: [{ topic: t, partition: 0, replicas: [2, 3], log_dirs: ['any', target] }] }));

    const lines = Array.from({ length: 30_000 }, (_, i) => `r${String(i).padStart(6, '0')}`);
    const producer = kfkProcess(['produce', ...B, '--topic', t, '--idempotent']);
    let fed = false;
    const feeding = producer.feed(lines, 1000, 100).then(() => {
      fed = true;
    });
    await sleep(500);
    const ex = await kfk(['partition', 'reassign', 'execute', ...B, '--reassignment-json-file', plan]);
    expect({ code: ex.code, stderr: ex.stderr }).toEqual({ code: 0, stderr: '' });
    expect(fed, 'records still being written when the move starts').toBe(false);
    expect(ex.stdout).toMatch(new RegExp(`^Current partition replica assignment\n\n\\{"version":1,"partitions":\\[\\{"topic":"${t}","partition":0,"replicas":\\[1,2\\],"log_dirs":\\["[^"]+","[^"]+"\\]\\}\\]\\}\n\nSave this to use as the --reassignment-json-file option during rollback\n`));
    expect(ex.stdout).toContain(`Successfully started partition reassignment for ${t}-0\nSuccessfully started moving log directory to ${target} for replica ${t}-0 with broker 3 \n`);
    const verifyArgs = [...B, '--verify', '--reassignment-json-file', plan];
    await waitUntil('the move completes', async () => {
      const v = await kfk(['compat', 'kafka-reassign-partitions', ...verifyArgs]);
      return v.code === 0 && !v.stdout.includes('in progress') && !v.stdout.includes('not found');
    }, 60_000);
    await feeding;
    expect((await producer.done).code).toBe(0);
    const [rv, ov] = [await real('kafka-reassign-partitions', verifyArgs), await ours('kafka-reassign-partitions', verifyArgs)];
    expect({ code: ov.code, stdout: ov.stdout }).toEqual({ code: rv.code, stdout: rv.stdout });
    expect(ov.stdout).toBe(
      `Status of partition reassignment:\nReassignment of partition ${t}-0 is completed.\n` +
        `Reassignment of replica ${t}-0-3 completed successfully.\n` +
        `Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic ${t}\n`,
    );
    const own = await kfk(['partition', 'reassign', 'verify', ...B, '--reassignment-json-file', plan]);
    expect({ code: own.code, stdout: own.stdout }).toEqual({ code: 0, stdout: ov.stdout });
    expect((await partitions(t))[0].replicas).toEqual([2, 3]);

    // Broker 3 holds the replica in the named directory, as kafka-log-dirs reports it too.
    await inSync(t);
    const placed = (await logDirs(t)).filter((d) => d.replicas.length > 0);
    expect(placed.map((d) => ({ dir: d.logDir, replicas: d.replicas.map((x) => `${x.topic}-${x.partition}${x.isFuture ? ' future' : ''}`) }))).toEqual([{ dir: target, replicas: [`${t}-0`] }]);
    const ld = [...B, '--describe', '--broker-list', '3', '--topic-list', t];
    const [rl, ol] = await Promise.all([real('kafka-log-dirs', ld), ours('kafka-log-dirs', ld)]);
    expect(rl.code, rl.stderr).toBe(0);
    expect({ code: ol.code, stdout: ol.stdout }).toEqual({ code: 0, stdout: rl.stdout });
    expect(ol.stdout).toMatch(new RegExp(`\\{"partitions":\\[\\{"partition":"${t}-0","size":[1-9]\\d*,"offsetLag":0,"isFuture":false\\}\\],"error":null,"logDir":"${target}"\\}`));

    const read = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e'], { timeoutMs: 120_000 });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout.split('\n').filter(Boolean)).toEqual(lines);
  });
});

describe('leader elections and log dirs on 3 brokers', () => {
  it('a preferred election moves leadership back to the first replica, as kafka-leader-election does', async () => {
    const [a, b] = await Promise.all([topicOn123(5), topicOn123(5)]);
    // Replicas reordered to 2,1,3 (Kafka's own tool): broker 1 still leads, broker 2 is preferred now.
    const plan = file('reorder.json', JSON.stringify({ version: 1, partitions: [a, b].map((topic) => ({ topic, partition: 0, replicas: [2, 1, 3] })) }));
    const re = await real('kafka-reassign-partitions', [...B, '--reassignment-json-file', plan, '--execute']);
    expect(re.code, re.stdout + re.stderr).toBe(0);
    await waitUntil('the replicas are reordered', async () => (await Promise.all([a, b].map(partitions))).every((ps) => ps[0].replicas.join() === '2,1,3'));
    expect((await partitions(a))[0].leader).toBe(1);

    const args = (t: string) => [...B, '--election-type', 'preferred', '--topic', t, '--partition', '0'];
    const [r1, o1] = await Promise.all([real('kafka-leader-election', args(a)), ours('kafka-leader-election', args(b))]);
    expect(r1).toMatchObject({ code: 0, stdout: `Successfully completed leader election (PREFERRED) for partitions ${a}-0\n` });
    expect(o1).toMatchObject({ code: 0, stdout: `Successfully completed leader election (PREFERRED) for partitions ${b}-0\n`, stderr: '' });
    await waitUntil('broker 2 leads', async () => (await Promise.all([a, b].map(partitions))).every((ps) => ps[0].leader === 2));

    // Again: nothing to do. Unclean: a leader is in place.
    const [r2, o2] = await Promise.all([real('kafka-leader-election', args(a)), ours('kafka-leader-election', args(b))]);
    expect(o2).toMatchObject({ code: 0, stdout: r2.stdout.split(a).join(b), stderr: '' });
    expect(o2.stdout).toBe(`Valid replica already elected for partitions ${b}-0\n`);
    const json = file('elect.json', JSON.stringify({ partitions: [{ topic: a, partition: 0 }, { topic: b, partition: 0 }, { topic: 'no-such-topic', partition: 0 }] }));
    const jargs = [...B, '--election-type', 'unclean', '--path-to-json-file', json];
    const [r3, o3] = await Promise.all([real('kafka-leader-election', jargs), ours('kafka-leader-election', jargs)]);
    expect(r3.code).toBe(1);
    expect(o3).toMatchObject({ code: 1, stdout: r3.stdout, stderr: '1 replica(s) could not be elected\n' });
    expect(o3.stdout).toContain('Error completing leader election (UNCLEAN) for partition: no-such-topic-0: org.apache.kafka.common.errors.UnknownTopicOrPartitionException');

    // kfk's own command: every partition of a topic, and JSON.
    const own = await kfk(['partition', 'elect-leaders', ...B, '--topic', a, '-o', 'json']);
    expect(own).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(own.stdout)).toEqual([{ topic: a, partition: 0, outcome: 'not-needed', error: null, message: null }]);
  });

  it('log dirs: the same JSON as kafka-log-dirs, and sizes per broker and topic', async () => {
    const t = await topicOn123(200);
    await waitUntil('every replica has the records', async () => {
      const r = await kfk(['log-dirs', 'describe', ...B, '--topic-list', t, '-o', 'json']);
      const dirs = (JSON.parse(r.stdout) as Array<{ replicas: Array<{ size: number; offsetLag: number }> }>).filter((d) => d.replicas.length > 0);
      return dirs.length === 3 && dirs.every((d) => d.replicas.length === 1 && d.replicas[0].size > 0 && d.replicas[0].offsetLag === 0);
    });
    const args = [...B, '--describe', '--topic-list', `${t},__consumer_offsets`];
    const [r, o] = await Promise.all([real('kafka-log-dirs', args), ours('kafka-log-dirs', args)]);
    expect(r.code, r.stderr).toBe(0);
    expect(o).toMatchObject({ code: 0, stderr: '' });
    // Each broker lists its partitions in the order of its own Java HashMap, which depends on that
    // map's history (seen to differ between brokers): the lines and the JSON are compared with the
    // partitions of each log dir in one order.
    const byName = (out: string) =>
      out.replace(/\{"partitions":(\[[^\]]*\])/g, (_m, list: string) => `{"partitions":${JSON.stringify((JSON.parse(list) as Array<{ partition: string }>).sort((x, y) => (x.partition < y.partition ? -1 : 1)))}`);
    expect(byName(o.stdout)).toBe(byName(r.stdout));
    expect(o.stdout).toMatch(/^Querying brokers for log directories information\nReceived log directory information from brokers 1,2,3\n\{"brokers":\[\{"broker":1,"logDirs":\[\{"partitions":\[/);

    const badArgs = [...B, '--describe', '--broker-list', '2,9'];
    const [rb, ob] = await Promise.all([real('kafka-log-dirs', badArgs), ours('kafka-log-dirs', badArgs)]);
    expect(rb.code).toBe(1);
    expect(rb.stderr.split('\n')).toContain('ERROR: The given brokers do not exist from --broker-list: 9. Current existent brokers: 1,2,3');
    expect(ob).toMatchObject({ code: 1, stdout: rb.stdout, stderr: 'ERROR: The given brokers do not exist from --broker-list: 9. Current existent brokers: 1,2,3\n' });

    // generate: the current assignment as the tool prints it; the proposal is random in both.
    const topicsFile = file('topics.json', JSON.stringify({ version: 1, topics: [{ topic: t }] }));
    const gen = [...B, '--generate', '--topics-to-move-json-file', topicsFile, '--broker-list', '1,2,3'];
    const [rg, og] = await Promise.all([real('kafka-reassign-partitions', gen), ours('kafka-reassign-partitions', gen)]);
    expect(rg.code, rg.stdout).toBe(0);
    expect(og.code, og.stderr).toBe(0);
    expect(og.stdout.split('\n').slice(0, 4)).toEqual(rg.stdout.split('\n').slice(0, 4));
    expect(og.stdout.split('\n')[4]).toMatch(new RegExp(`^\\{"version":1,"partitions":\\[\\{"topic":"${t}","partition":0,"replicas":\\[[123],[123],[123]\\],"log_dirs":\\["any","any","any"\\]\\}\\]\\}$`));

    // With racks (1, 2: rack-a; 3: rack-b), every proposed partition of a two-replica topic spans
    // both racks, in Kafka's tool and in kfk; without (--disable-rack-aware), some share rack-a.
    const t2 = uniqueName('racks');
    expect((await kfk(['topic', 'create', ...B, '--topic', t2, '--partitions', '6', '--replication-factor', '2'])).code).toBe(0);
    const rackOf: Record<number, string> = { 1: 'a', 2: 'a', 3: 'b' };
    const proposal = (out: string) => (JSON.parse(out.split('\n')[4]) as { partitions: Array<{ partition: number; replicas: number[] }> }).partitions;
    const racksFile = file('racks.json', JSON.stringify({ version: 1, topics: [{ topic: t2 }] }));
    const genRacks = [...B, '--generate', '--topics-to-move-json-file', racksFile, '--broker-list', '1,2,3'];
    const [rr, or, own, unaware] = await Promise.all([
      real('kafka-reassign-partitions', genRacks),
      ours('kafka-reassign-partitions', genRacks),
      kfk(['partition', 'reassign', 'generate', ...B, '--topics-to-move-json-file', racksFile, '--broker-list', '1,2,3']),
      ours('kafka-reassign-partitions', [...genRacks, '--disable-rack-aware']),
    ]);
    for (const x of [rr, or, own, unaware]) expect(x.code, x.stderr + x.stdout).toBe(0);
    for (const x of [rr, or, own]) {
      expect(proposal(x.stdout).map((p) => p.partition)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const p of proposal(x.stdout)) expect(new Set(p.replicas.map((b) => rackOf[b])).size, x.stdout).toBe(2);
    }
    expect(proposal(unaware.stdout).some((p) => p.replicas.every((b) => rackOf[b] === 'a'))).toBe(true);
    const partial = await ours('kafka-reassign-partitions', [...B, '--generate', '--topics-to-move-json-file', racksFile, '--broker-list', '1,2']);
    expect(partial.code).toBe(0);
    for (const p of proposal(partial.stdout)) expect(p.replicas.sort()).toEqual([1, 2]);

    const table = await kfk(['log-dirs', 'describe', ...B, '--topic-list', t, '--broker-list', '2', '-o', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`│ 2 +│ \\S+ +│ ${t} +│ 1 +│ \\d+(\\.\\d)? (B|KiB) +│ 0 +│ +│`));
  });
});

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
