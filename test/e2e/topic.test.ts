import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { kafka4Tool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
// kfk topic prints Kafka 4.x's text on any cluster: compared with 4.x's kafka-topics.
const topics = (args: string[]) => kafka4Tool('topics', ['--bootstrap-server', bootstrap, ...args]);

describe('kfk topic', () => {
  it('create prints what kafka-topics prints, and the topic exists with the given layout', async () => {
    const t = uniqueName('create');
    const r = await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '3', '--config', 'retention.ms=60000']);
    expect(r).toMatchObject({ code: 0, stdout: `Created topic ${t}.\n`, stderr: '' });
    const d = await kfk(['topic', 'describe', ...B, '--topic', t, '-o', 'json']);
    const [info] = JSON.parse(d.stdout);
    expect(info.partitionCount).toBe(3);
    expect(info.configs['retention.ms']).toBe('60000');
  });

  /** `topic:p:0` for each partition, in kafka-get-offsets' order (by `topic-partition` name: t-10 before t-2). */
  const zeroOffsets = (topic: string, n: number) =>
    Array.from({ length: n }, (_, p) => p)
      .sort((a, b) => (`${topic}-${a}` < `${topic}-${b}` ? -1 : 1))
      .map((p) => `${topic}:${p}:0\n`)
      .join('');

  it('create returns once the new partitions answer: offsets and produce right after it find every one of them', async () => {
    // A topic is in the Metadata answers before its broker has set its partitions up; until then
    // they answer "not the leader", or the topic is not known yet (300 partitions: about a second).
    const t = uniqueName('ready');
    expect(await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '300'])).toMatchObject({ code: 0, stdout: `Created topic ${t}.\n`, stderr: '' });
    const o = await kfk(['offsets', ...B, '--topic', t]);
    expect(o).toMatchObject({ code: 0, stderr: '', stdout: zeroOffsets(t, 300) });
    const t2 = uniqueName('ready-produce');
    expect((await kfk(['topic', 'create', ...B, '--topic', t2, '--partitions', '300'])).code).toBe(0);
    const lines = Array.from({ length: 3000 }, (_, i) => `r${i}`);
    const p = await kfk(['produce', ...B, '--topic', t2, '--property', 'parse.key=true', '--property', 'key.separator=,'], { input: lines.map((l) => `${l},${l}\n`).join('') });
    expect(p).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // The same for partitions that alter adds.
    const t3 = uniqueName('ready-alter');
    expect((await kfk(['topic', 'create', ...B, '--topic', t3])).code).toBe(0);
    expect(await kfk(['topic', 'alter', ...B, '--topic', t3, '--partitions', '300'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const o3 = await kfk(['offsets', ...B, '--topic', t3]);
    expect(o3).toMatchObject({ code: 0, stderr: '', stdout: zeroOffsets(t3, 300) });
    await kfk(['topic', 'delete', ...B, '--topic', `${t},${t2},${t3}`]);
  });

  it('create with broker defaults when partitions and replication factor are omitted', async () => {
    const t = uniqueName('defaults');
    expect((await kfk(['topic', 'create', ...B, '--topic', t])).code).toBe(0);
    const [info] = JSON.parse((await kfk(['topic', 'describe', ...B, '--topic', t, '-o', 'json'])).stdout);
    expect(info).toMatchObject({ partitionCount: 1, replicationFactor: 1 });
  });

  it('create of an existing topic fails with Kafka\'s message; --if-not-exists succeeds quietly', async () => {
    const t = uniqueName('exists');
    await kfk(['topic', 'create', ...B, '--topic', t]);
    const again = await kfk(['topic', 'create', ...B, '--topic', t]);
    expect(again).toMatchObject({ code: 1, stdout: '', stderr: `kfk: Topic '${t}' already exists.\n` });
    expect(await kfk(['topic', 'create', ...B, '--topic', t, '--if-not-exists'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it.each([
    ['bad name!', `kfk: Topic name "bad name!" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'\n`],
    ['x'.repeat(250), `kfk: Topic name is illegal, it can't be longer than 249 characters, topic name: ${'x'.repeat(250)}\n`],
    ['..', 'kfk: Topic name cannot be "." or ".."\n'],
  ])('rejects the invalid name %s', async (name, message) => {
    const r = await kfk(['topic', 'create', ...B, '--topic', name]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: message });
  });

  it('warns about . and _ collisions like Kafka', async () => {
    const t = uniqueName('a.b_c');
    const r = await kfk(['topic', 'create', ...B, '--topic', t]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide.");
  });

  it('rejects 0 partitions and a replication factor above the broker count', async () => {
    const t = uniqueName('zero');
    expect(await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '0'])).toMatchObject({ code: 1, stderr: 'kfk: The partitions must be greater than 0\n' });
    const rf = await kfk(['topic', 'create', ...B, '--topic', t, '--replication-factor', '3']);
    expect(rf.code).toBe(1);
    expect(rf.stderr).toMatch(/^kfk: Unable to replicate the partition 3 time\(s\): The target replication factor of 3 cannot be reached because only 1 broker\(s\) are registered[^\n]*\.\n$/);
  });

  it('alter only grows partitions, with Kafka\'s message otherwise', async () => {
    const t = uniqueName('grow');
    await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '2']);
    expect(await kfk(['topic', 'alter', ...B, '--topic', t, '--partitions', '4'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const shrink = await kfk(['topic', 'alter', ...B, '--topic', t, '--partitions', '3']);
    expect(shrink).toMatchObject({ code: 1, stdout: '', stderr: `kfk: The topic ${t} currently has 4 partition(s); 3 would not be an increase.\n` });
    expect(await kfk(['topic', 'alter', ...B, '--topic', t, '--partitions', '4'])).toMatchObject({ code: 1, stderr: 'kfk: Topic already has 4 partition(s).\n' });
  });

  it('alter --config changes one key and keeps the others', async () => {
    const t = uniqueName('cfg');
    await kfk(['topic', 'create', ...B, '--topic', t, '--config', 'retention.ms=60000', '--config', 'cleanup.policy=compact']);
    expect((await kfk(['topic', 'alter', ...B, '--topic', t, '--config', 'max.message.bytes=20000'])).code).toBe(0);
    let [info] = JSON.parse((await kfk(['topic', 'describe', ...B, '--topic', t, '-o', 'json'])).stdout);
    expect(info.configs).toMatchObject({ 'retention.ms': '60000', 'cleanup.policy': 'compact', 'max.message.bytes': '20000' });
    expect((await kfk(['topic', 'alter', ...B, '--topic', t, '--delete-config', 'retention.ms'])).code).toBe(0);
    [info] = JSON.parse((await kfk(['topic', 'describe', ...B, '--topic', t, '-o', 'json'])).stdout);
    expect(info.configs['retention.ms']).toBeUndefined();
    expect(info.configs).toMatchObject({ 'cleanup.policy': 'compact', 'max.message.bytes': '20000' });
  });

  it('describe prints exactly what kafka-topics --describe prints', async () => {
    const t = uniqueName('same');
    await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '3', '--config', 'cleanup.policy=compact', '--config', 'retention.ms=1000']);
    const [mine, theirs] = await Promise.all([kfk(['topic', 'describe', ...B, '--topic', t]), topics(['--describe', '--topic', t])]);
    expect(theirs.code).toBe(0);
    expect(mine).toMatchObject({ code: 0, stderr: '' });
    expect(mine.stdout).toBe(theirs.stdout);
    expect(mine.stdout).toMatch(new RegExp(`^Topic: ${t}\\tTopicId: [A-Za-z0-9_-]{22}\\tPartitionCount: 3\\tReplicationFactor: 1\\tConfigs: .*cleanup.policy=compact`));
  });

  it('describe with a regex and filters matches kafka-topics', async () => {
    const prefix = uniqueName('rx');
    await kfk(['topic', 'create', ...B, '--topic', `${prefix}-a`]);
    await kfk(['topic', 'create', ...B, '--topic', `${prefix}-b`, '--config', 'retention.ms=5000']);
    for (const extra of [[], ['--topics-with-overrides'], ['--under-replicated-partitions'], ['--at-min-isr-partitions']]) {
      const [mine, theirs] = await Promise.all([
        kfk(['topic', 'describe', ...B, '--topic', `${prefix}.*`, ...extra]),
        topics(['--describe', '--topic', `${prefix}.*`, ...extra]),
      ]);
      expect(mine.stdout, extra.join(' ')).toBe(theirs.stdout);
    }
  });

  it('describe of a missing topic: Kafka\'s message, exit 1; --if-exists: exit 0', async () => {
    expect(await kfk(['topic', 'describe', ...B, '--topic', 'no-such-topic-x'])).toMatchObject({ code: 1, stdout: '', stderr: "kfk: Topic 'no-such-topic-x' does not exist as expected\n" });
    expect(await kfk(['topic', 'describe', ...B, '--topic', 'no-such-topic-x', '--if-exists'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('list is sorted, one per line, the same as kafka-topics --list; --exclude-internal drops __ topics', async () => {
    const prefix = uniqueName('ls');
    for (const s of ['c', 'a', 'b']) await kfk(['topic', 'create', ...B, '--topic', `${prefix}-${s}`]);
    // Other test files create and delete topics all along (a JVM's list takes a second or two):
    // the lists are compared over the topics that were there before and after both were taken,
    // and must be the same, line for line, in the same order.
    const names = async () => new Set((await kfk(['topic', 'list', ...B])).stdout.split('\n').filter(Boolean));
    const before = await names();
    const [mine, theirs] = await Promise.all([kfk(['topic', 'list', ...B]), topics(['--list'])]);
    const after = await names();
    const stable = (out: string) => out.split('\n').filter((t) => before.has(t) && after.has(t));
    expect(mine).toMatchObject({ code: 0, stderr: '' });
    expect(mine.stdout.endsWith('\n')).toBe(true);
    expect(stable(mine.stdout)).toEqual(stable(theirs.stdout));
    expect(stable(mine.stdout).length).toBeGreaterThan(3);
    expect(theirs.stdout).toContain(`${prefix}-a\n${prefix}-b\n${prefix}-c\n`);
    expect(mine.stdout).toContain(`${prefix}-a\n${prefix}-b\n${prefix}-c\n`);
    const some = await kfk(['topic', 'list', ...B, '--topic', `${prefix}-.*`]);
    expect(some.stdout).toBe(`${prefix}-a\n${prefix}-b\n${prefix}-c\n`);
    const ex = await kfk(['topic', 'list', ...B, '--exclude-internal']);
    expect(ex.stdout).not.toMatch(/^__/m);
  });

  it('delete removes exactly the matching topics; --dry-run removes nothing', async () => {
    const prefix = uniqueName('del');
    for (const s of ['x1', 'x2', 'keep']) await kfk(['topic', 'create', ...B, '--topic', `${prefix}-${s}`]);
    const dry = await kfk(['topic', 'delete', ...B, '--topic', `${prefix}-x.*`, '--dry-run']);
    expect(dry).toMatchObject({ code: 0, stdout: `Would delete topic ${prefix}-x1.\nWould delete topic ${prefix}-x2.\n` });
    expect((await kfk(['topic', 'list', ...B, '--topic', `${prefix}.*`])).stdout.split('\n').filter(Boolean)).toHaveLength(3);
    const del = await kfk(['topic', 'delete', ...B, '--topic', `${prefix}-x.*`]);
    expect(del.code).toBe(0);
    expect(del.stderr).toBe(`kfk: deleting 2 topic(s) matching '${prefix}-x.*': ${prefix}-x1, ${prefix}-x2\n`);
    let left = '';
    for (let i = 0; i < 20; i++) {
      left = (await kfk(['topic', 'list', ...B, '--topic', `${prefix}.*`])).stdout;
      if (left === `${prefix}-keep\n`) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(left).toBe(`${prefix}-keep\n`);
    expect(await kfk(['topic', 'delete', ...B, '--topic', `${prefix}-nope`])).toMatchObject({ code: 1, stderr: `kfk: Topic '${prefix}-nope' does not exist as expected\n` });
    expect((await kfk(['topic', 'delete', ...B, '--topic', `${prefix}-nope`, '--if-exists'])).code).toBe(0);
  });

  it('an invalid config name or value is a one-line error and creates nothing', async () => {
    const t = uniqueName('badcfg');
    expect(await kfk(['topic', 'create', ...B, '--topic', t, '--config', 'no.such.config=1'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'kfk: Unknown topic config name: no.such.config\n',
    });
    expect(await kfk(['topic', 'create', ...B, '--topic', t, '--config', 'retention.ms=abc'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'kfk: Invalid value abc for configuration retention.ms: Not a number of type LONG\n',
    });
    expect(await kfk(['topic', 'list', ...B, '--topic', t])).toMatchObject({ code: 0, stdout: '' });
  });

  it('--topic takes a comma list: create makes them all, describe and delete take them all', async () => {
    const prefix = uniqueName('multi');
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    const created = await kfk(['topic', 'create', ...B, '--topic', names.join(','), '--partitions', '2']);
    expect(created).toMatchObject({ code: 0, stdout: names.map((n) => `Created topic ${n}.\n`).join(''), stderr: '' });
    const described = JSON.parse((await kfk(['topic', 'describe', ...B, '--topic', names.join(','), '-o', 'json'])).stdout) as Array<{ topic: string; partitionCount: number }>;
    expect(described.map((d) => [d.topic, d.partitionCount]).sort()).toEqual(names.map((n) => [n, 2]));
    // One of them exists already: the others are created, the error names it, exit 1.
    const again = await kfk(['topic', 'create', ...B, '--topic', `${names[0]},${prefix}-d`]);
    expect(again).toMatchObject({ code: 1, stdout: `Created topic ${prefix}-d.\n` });
    expect(again.stderr).toBe(`kfk: Topic '${names[0]}' already exists.\nkfk: 1 of 2 topics not created\n`);
    expect(await kfk(['topic', 'describe', ...B, '--topic', `${names[0]},${prefix}-zz`])).toMatchObject({ code: 1, stderr: `kfk: Topic '${prefix}-zz' does not exist as expected\n` });
    expect((await kfk(['topic', 'delete', ...B, '--topic', `${names.join(',')},${prefix}-d`])).code).toBe(0);
    expect(await kfk(['topic', 'list', ...B, '--topic', `${prefix}-.*`])).toMatchObject({ code: 0, stdout: '' });
  });

  it('-o table shows partitions with their state; -o json is one document', async () => {
    const t = uniqueName('table');
    await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '2', '--config', 'retention.ms=60000']);
    const table = await kfk(['topic', 'describe', ...B, '--topic', t, '-o', 'table']);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${t}  id [A-Za-z0-9_-]{22}  partitions 2  replication 1$`));
    // The configs the broker reports as set on the topic, as kafka-topics lists them (Kafka 4.x
    // adds min.insync.replicas=1, a cluster-level config its controller sets; 3.9 does not).
    const real = await topics(['--describe', '--topic', t]);
    const configs = /\tConfigs: (.*)\n/.exec(real.stdout)![1];
    expect(configs).toMatch(/^(min\.insync\.replicas=1,)?retention\.ms=60000$/);
    expect(lines[1]).toBe(`configs: ${configs.split(',').join(', ')}`);
    expect(table.stdout).toContain('│ PARTITION │ LEADER │ REPLICAS │ ISR │ ELR │ LAST KNOWN ELR │ STATUS │');
    expect(table.stdout.match(/│ ok {5}│/g)).toHaveLength(2);
    expect(table.stdout).not.toContain('\x1b['); // no colour in a pipe
    const list = await kfk(['topic', 'list', ...B, '--topic', t, '-o', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([t]);
  });
});

