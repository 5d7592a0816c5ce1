import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { KFK_BIN, cleanEnv, kfk, kfkProcess, uniqueName } from '../helpers/cli.js';
import { TOOLS, kafka4Tool, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];

async function loaded(prefix: string, lines: string[], opts: { partitions?: number; produceArgs?: string[] } = {}) {
  const t = uniqueName(prefix);
  expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', String(opts.partitions ?? 1)])).code).toBe(0);
  if (lines.length) {
    const r = await kfk(['produce', ...B, '--topic', t, ...(opts.produceArgs ?? [])], { input: lines.join('\n') + '\n' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  }
  return t;
}


describe('kfk consume', () => {
  it('prints values one per line, like kafka-console-consumer, and the total on stderr', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `value-${i}`);
    const t = await loaded('values', lines);
    const r = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--max-messages', '200']);
    expect(r).toMatchObject({ code: 0, stdout: lines.join('\n') + '\n', stderr: 'Processed a total of 200 messages\n' });
  });

  it('--from and --to read the records of a time window and end after it, exit 0', async () => {
    const at = (s: number) => 1_700_000_000_000 + s * 1000;
    const records = ['a', 'b', 'c', 'd'].map((value, i) => JSON.stringify({ value, timestamp: at(i) }));
    const t = await loaded('window', records, { produceArgs: ['--format', 'json'] });
    const r = await kfk(['consume', ...B, '--topic', t, '--from', String(at(1)), '--to', new Date(at(2)).toISOString()]);
    expect(r).toMatchObject({ code: 0, stdout: 'b\nc\n', stderr: 'Processed a total of 2 messages\n' });
    // With -e as well: the end offset and the time, whichever comes first.
    const e = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--to', String(at(0)), '-e']);
    expect(e).toMatchObject({ code: 0, stdout: 'a\n', stderr: 'Processed a total of 1 messages\n' });
  });

  it('--timeout-ms ends cleanly with exit 0 and no stack trace', async () => {
    const t = await loaded('idle', ['a', 'b']);
    const r = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--timeout-ms', '1500']);
    expect(r).toMatchObject({ code: 0, stdout: 'a\nb\n', stderr: 'Processed a total of 2 messages\n' });
  });

  it('formatter properties print exactly what Kafka\'s console consumer prints', async () => {
    const t = await loaded('fmt', ['h1:x,h2:y\tk1\tv1', 'NO\tk2\tv2'], {
      produceArgs: ['--property', 'parse.headers=true', '--property', 'parse.key=true', '--property', 'null.marker=NO'],
    });
    const props = ['print.key', 'print.offset', 'print.partition', 'print.headers', 'print.timestamp'].flatMap((p) => ['--property', `${p}=true`]);
    const [mine, theirs] = await Promise.all([
      kfk(['consume', ...B, '--topic', t, '--from-beginning', '--max-messages', '2', ...props]),
      kafka4Tool('consumer', ['--bootstrap-server', bootstrap, '--topic', t, '--from-beginning', '--max-messages', '2', ...props.map((p) => (p === '--property' ? '--formatter-property' : p))]),
    ]);
    expect(theirs.code).toBe(0);
    expect(mine.code).toBe(0);
    expect(mine.stdout).toBe(theirs.stdout);
    expect(mine.stdout).toMatch(/^CreateTime:\d+\tPartition:0\tOffset:0\th1:x,h2:y\tk1\tv1\nCreateTime:\d+\tPartition:0\tOffset:1\tNO_HEADERS\tk2\tv2\n$/);
  });

  it('without --group, joins and creates no consumer group (as kafka-consumer-groups --list sees it)', async () => {
    const t = await loaded('nogroup', ['a']);
    const list = async () => {
      const r = await kafkaTool(TOOLS.groups, ['--bootstrap-server', bootstrap, '--list']);
      expect(r.code).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    const before = new Set(await list());
    const r = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--max-messages', '1']);
    expect(r.stdout).toBe('a\n');
    const x = await kfk(['consume', ...B, '--topic', t, '--partition', '0', '--offset', '0', '-e']);
    expect(x.stdout).toBe('a\n');
    // Other test files may create groups meanwhile (Kafka's console consumer makes console-consumer-*
    // groups): none of the new ones may know this topic, and none may be named as kfk would name one.
    // That kfk asks for no group at all is proved in test/e2e/acl.test.ts: a user with no right on
    // any group reads without --group.
    const fresh = (await list()).filter((g) => !before.has(g));
    for (const g of fresh) {
      const d = await kfk(['group', 'describe', ...B, '--group', g, '-o', 'json']);
      if (d.code === 0) expect((JSON.parse(d.stdout) as { offsets: Array<{ topic: string }> }).offsets.map((o) => o.topic)).not.toContain(t);
    }
    expect(fresh.filter((g) => g.startsWith('kfk'))).toEqual([]);
  });

  it('--group commits as it goes: a second run continues where the first stopped', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `g${i}`);
    const t = await loaded('group', lines);
    const g = uniqueName('grp');
    const first = await kfk(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--max-messages', '10']);
    expect(first).toMatchObject({ code: 0, stdout: lines.slice(0, 10).join('\n') + '\n' });
    const second = await kfk(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--timeout-ms', '4000']);
    expect(second).toMatchObject({ code: 0, stdout: lines.slice(10).join('\n') + '\n', stderr: 'Processed a total of 20 messages\n' });
    expect((await kfk(['group', 'list', ...B])).stdout.split('\n')).toContain(g);
  });

  /** Waits until the group has `n` members, each with partitions assigned. */
  async function membersAssigned(g: string, n: number): Promise<Array<{ assignment: Array<{ partition: number }> }>> {
    for (let i = 0; i < 150; i++) {
      const d = await kfk(['group', 'describe', ...B, '--group', g, '--members', '-o', 'json']);
      if (d.code === 0) {
        const doc = JSON.parse(d.stdout) as { state: string; members: Array<{ assignment: Array<{ partition: number }> }> };
        if (doc.state === 'Stable' && doc.members.length === n && doc.members.every((m) => m.assignment.length > 0)) return doc.members;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`group ${g} never had ${n} members with partitions`);
  }

  /** 300 keyed records over 3 partitions, produced once the members are in; values r0..r299. */
  const keyedValues = Array.from({ length: 300 }, (_, i) => `r${i}`);
  const keyedInput = keyedValues.map((v, i) => `k${i}\t${v}`).join('\n') + '\n';

  it('--group: two members split the partitions; together they print every record exactly once', async () => {
    const t = await loaded('split', [], { partitions: 3 });
    const g = uniqueName('split-grp');
    const args = ['consume', ...B, '--topic', t, '--group', g, '--timeout-ms', '6000', '--property', 'print.partition=true'];
    const a = kfkProcess(args);
    const b = kfkProcess(args);
    const members = await membersAssigned(g, 2);
    expect(members.map((m) => m.assignment.length).sort()).toEqual([1, 2]); // range: 3 partitions over 2 members
    expect((await kfk(['produce', ...B, '--topic', t, '--property', 'parse.key=true'], { input: keyedInput })).code).toBe(0);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const parse = (out: string) => out.split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]);
    const la = parse(ra.stdout);
    const lb = parse(rb.stdout);
    expect(la.length).toBeGreaterThan(0);
    expect(lb.length).toBeGreaterThan(0);
    // each partition is read by one member only
    const pa = new Set(la.map(([p]) => p));
    expect(lb.filter(([p]) => pa.has(p))).toEqual([]);
    expect([...la, ...lb].map(([, v]) => v).sort()).toEqual([...keyedValues].sort());
    expect(ra.stderr).toBe(`Processed a total of ${la.length} messages\n`);
    expect(rb.stderr).toBe(`Processed a total of ${lb.length} messages\n`);
  });

  it('--group: kfk and Kafka\'s console consumer share a group (range protocol) and split the partitions', async () => {
    const t = await loaded('javagrp', [], { partitions: 3 });
    const g = uniqueName('java-grp');
    const java = kafkaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', t, '--group', g, '--timeout-ms', '8000'], { timeoutMs: 90_000 });
    await membersAssigned(g, 1);
    const ours = kfkProcess(['consume', ...B, '--topic', t, '--group', g, '--timeout-ms', '8000']);
    await membersAssigned(g, 2);
    expect((await kfk(['produce', ...B, '--topic', t, '--property', 'parse.key=true'], { input: keyedInput })).code).toBe(0);
    const [rj, rk] = await Promise.all([java, ours.done]);
    expect(rk.code).toBe(0);
    const lj = rj.stdout.split('\n').filter(Boolean);
    const lk = rk.stdout.split('\n').filter(Boolean);
    expect(lj.length).toBeGreaterThan(0);
    expect(lk.length).toBeGreaterThan(0);
    expect([...lj, ...lk].sort()).toEqual([...keyedValues].sort());
  }, 120_000);

  it('--from-beginning starts at the log start after records were deleted, as Kafka\'s console consumer does', async () => {
    const t = await loaded('log-start', Array.from({ length: 10 }, (_, i) => `r${i}`), { partitions: 2, produceArgs: ['--partition', '0'] });
    expect((await kfk(['records', 'delete', ...B, '--topic', t, '--partition', '0', '--before-offset', '6'])).code).toBe(0);
    const props = ['print.offset', 'print.partition'].flatMap((p) => ['--property', `${p}=true`]);
    const [mine, theirs] = await Promise.all([
      kfk(['consume', ...B, '--topic', t, '--from-beginning', '--max-messages', '4', ...props]),
      kafka4Tool('consumer', ['--bootstrap-server', bootstrap, '--topic', t, '--from-beginning', '--max-messages', '4', ...props.map((p) => (p === '--property' ? '--formatter-property' : p))]),
    ]);
    expect(theirs.code).toBe(0);
    expect(mine).toMatchObject({ code: 0, stdout: theirs.stdout, stderr: 'Processed a total of 4 messages\n' });
    expect(mine.stdout).toBe('Partition:0\tOffset:6\tr6\nPartition:0\tOffset:7\tr7\nPartition:0\tOffset:8\tr8\nPartition:0\tOffset:9\tr9\n');
    // Every record left, from both partitions' starts, until the command's idle timeout.
    const all = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--timeout-ms', '1500']);
    expect(all).toMatchObject({ code: 0, stdout: 'r6\nr7\nr8\nr9\n', stderr: 'Processed a total of 4 messages\n' });
  });

  it('-e reads to the end offsets as of start and exits 0', async () => {
    const t = await loaded('end', ['1', '2', '3'], { partitions: 2 });
    const r = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['1', '2', '3']);
    expect(r.stderr).toBe('Processed a total of 3 messages\n');
    const empty = await loaded('end-empty', []);
    expect(await kfk(['consume', ...B, '--topic', empty, '-e'])).toMatchObject({ code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
  });

  it('--offset -N gives the last N per partition; --partition with --offset N starts there', async () => {
    const t = await loaded('last', ['a', 'b', 'c', 'd', 'e']);
    expect((await kfk(['consume', ...B, '--topic', t, '--offset', '-2', '-e'])).stdout).toBe('d\ne\n');
    expect((await kfk(['consume', ...B, '--topic', t, '--partition', '0', '--offset', '3', '-e'])).stdout).toBe('d\ne\n');
    const noPart = await kfk(['consume', ...B, '--topic', t, '--offset', '3']);
    expect(noPart).toMatchObject({ code: 2, stderr: 'kfk: The partition is required when offset is specified.\n' });
    const out = await kfk(['consume', ...B, '--topic', t, '--partition', '0', '--offset', '9']);
    expect(out).toMatchObject({ code: 1, stdout: '', stderr: `kfk: offset 9 is out of range for ${t}-0: valid offsets are 0 to 5\nProcessed a total of 0 messages\n` });
    const nop = await kfk(['consume', ...B, '--topic', t, '--partition', '3', '-e']);
    expect(nop).toMatchObject({ code: 1, stderr: `kfk: partition 3 does not exist: topic '${t}' has 1 partition(s)\nProcessed a total of 0 messages\n` });
    const unknown = await kfk(['consume', ...B, '--topic', 'no-such-topic-c', '-e']);
    expect(unknown).toMatchObject({ code: 1, stderr: "kfk: topic 'no-such-topic-c' does not exist\nProcessed a total of 0 messages\n" });
    const bad = await kfk(['consume', ...B, '--topic', t, '--partition', '0', '--offset', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kfk: invalid --offset 'soon'/);
  });

  it('--from picks records by time', async () => {
    const t = await loaded('time', ['old']);
    await new Promise((r) => setTimeout(r, 1500));
    const mark = new Date().toISOString();
    await kfk(['produce', ...B, '--topic', t], { input: 'new\n' });
    expect((await kfk(['consume', ...B, '--topic', t, '--from', mark, '-e'])).stdout).toBe('new\n');
  });

  it('-o json is lossless and is exactly what produce --format json reads back', async () => {
    const src = await loaded('json-src', ['k1\tv1', 'k2\tv2'], { produceArgs: ['--property', 'parse.key=true'] });
    const out = await kfk(['consume', ...B, '--topic', src, '--from-beginning', '-e', '-o', 'json']);
    expect(out.code).toBe(0);
    const recs = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((r) => [r.key, r.value, r.partition, r.offset])).toEqual([['k1', 'v1', 0, 0], ['k2', 'v2', 0, 1]]);
    const dst = await loaded('json-dst', []);
    expect((await kfk(['produce', ...B, '--topic', dst, '--format', 'json'], { input: out.stdout })).code).toBe(0);
    const back = await kfk(['consume', ...B, '--topic', dst, '--from-beginning', '-e', '-o', 'json']);
    const strip = (s: string) => s.trim().split('\n').map((l) => { const o = JSON.parse(l); delete o.topic; return o; });
    expect(strip(back.stdout)).toEqual(strip(out.stdout));
  });

  it('binary values and tombstones survive the JSON round trip', async () => {
    const dst = await loaded('bin', []);
    const input = [
      JSON.stringify({ key: '/wA=', keyEncoding: 'base64', value: 'deadbeef', valueEncoding: 'hex', headers: { h: 'x' } }),
      JSON.stringify({ key: 'tomb', value: null }),
    ].join('\n');
    expect((await kfk(['produce', ...B, '--topic', dst, '--format', 'json'], { input })).code).toBe(0);
    const out = await kfk(['consume', ...B, '--topic', dst, '--from-beginning', '-e', '-o', 'json', '--encoding', 'hex']);
    const recs = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs[0]).toMatchObject({ key: 'ff00', keyEncoding: 'hex', value: 'deadbeef', valueEncoding: 'hex', headers: { h: '78' } });
    expect(recs[1]).toMatchObject({ key: '746f6d62', value: null });
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('reads what Kafka\'s producer compressed with %s', async (codec) => {
    const t = uniqueName(`jcodec-${codec}`);
    await kfk(['topic', 'create', ...B, '--topic', t]);
    const lines = Array.from({ length: 300 }, (_, i) => `${codec}-${i}-${'z'.repeat(30)}`);
    const p = await kafkaTool(TOOLS.producer, ['--bootstrap-server', bootstrap, '--topic', t, '--compression-codec', codec], { input: lines.join('\n') + '\n' });
    expect(p.code).toBe(0);
    const r = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e']);
    expect(r.stdout).toBe(lines.join('\n') + '\n');
  });

  it('a read_committed consumer skips an aborted transaction', async () => {
    const t = await loaded('rc', ['before']);
    // a tiny batch size sends the first records before the bad line aborts the transaction
    const lines = Array.from({ length: 50 }, () => 'k\taborted').join('\n');
    const p = await kfk(['produce', ...B, '--topic', t, '--transactional-id', uniqueName('tx'), '--property', 'parse.key=true', '--batch-size', '100'], { input: `${lines}\nbroken\n` });
    expect(p.code).toBe(1);
    await kfk(['produce', ...B, '--topic', t], { input: 'after\n' });
    const rc = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--isolation-level', 'read_committed', '--timeout-ms', '2000']);
    expect(rc.stdout).toBe('before\nafter\n');
    const ru = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '--timeout-ms', '2000']);
    expect(ru.stdout.split('\n').filter((l) => l === 'aborted').length).toBeGreaterThan(0);
    expect(ru.stdout.startsWith('before\n') && ru.stdout.endsWith('after\n')).toBe(true);
  });

  it('a closed pipe (| head) ends quietly with exit 0', async () => {
    const t = await loaded('pipe', Array.from({ length: 20000 }, (_, i) => `p${i}`));
    const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const cmd = `"${process.execPath}" "${KFK_BIN}" consume --bootstrap-server ${bootstrap} --topic ${t} --from-beginning 2>"$ERRFILE" | head -n 3; s=\${PIPESTATUS[0]}; cat "$ERRFILE" >&2; exit $s`;
      const child = spawn('bash', ['-c', cmd], { env: cleanEnv({ ERRFILE: `/tmp/${t}.err` }), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out, err }));
    });
    expect(r.out).toBe('p0\np1\np2\n');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/Error|EPIPE|\bat /);
  });
});
