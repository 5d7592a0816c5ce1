// Consumer groups of the KIP-848 protocol (group.protocol=consumer), as Kafka 4's
// kafka-consumer-groups shows them: a group of Kafka's own console consumers runs in the
// background while kfk and Kafka's tool describe and list it, byte for byte, beside a classic
// group on the same cluster.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, TOOLS, kafka4Tool, kafkaTool, startKafkaTool, type BackgroundTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const groupsTool = (args: string[]) => kafka4Tool('groups', ['--bootstrap-server', bootstrap, ...args]);
const KAFKA3 = isKafka3(CLUSTER_KAFKA_VERSION);

/** Long names: in `--list --type --state` the GROUP column is as wide as the longest group of the cluster, so these set it whatever other tests run beside. */
const longName = (what: string) => uniqueName(`kip848-${what}`).padEnd(56, 'x');

async function topicWith(prefix: string, counts: number[]): Promise<string> {
  const t = uniqueName(prefix);
  expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', String(counts.length)])).code).toBe(0);
  for (const [p, n] of counts.entries()) {
    if (n === 0) continue;
    const lines = Array.from({ length: n }, (_, i) => `p${p}-${i}`).join('\n') + '\n';
    expect((await kfk(['produce', ...B, '--topic', t, '--partition', String(p)], { input: lines })).code).toBe(0);
  }
  return t;
}

/** Kafka's console consumer in `group`, reading every topic matching `include` from the beginning. */
function javaConsumer(include: string, group: string, protocol: 'consumer' | 'classic'): BackgroundTool {
  const args = ['--bootstrap-server', bootstrap, '--include', include, '--group', group, '--from-beginning'];
  if (protocol === 'consumer') args.push('--consumer-property', 'group.protocol=consumer');
  return startKafkaTool(TOOLS.consumer, args);
}

interface DescribedJson {
  type: string;
  state: string;
  totalLag: number;
  members: Array<{ memberId: string; assignment: unknown[]; targetAssignment: unknown[] | null; memberEpoch: number | null }>;
  offsets: Array<{ partition: number; currentOffset: number | null; lag: number | null; consumerId: string | null }>;
}

/** Waits until the group is Stable with `members` members that hold all `partitions` partitions, each committed at the log end. */
async function settled(group: string, members: number, partitions: number): Promise<DescribedJson> {
  let last = '';
  for (let i = 0; i < 240; i++) {
    const r = await kfk(['group', 'describe', ...B, '--group', group, '-o', 'json']);
    last = r.stdout + r.stderr;
    if (r.code === 0) {
      const d = JSON.parse(r.stdout) as DescribedJson;
      const assigned = d.members.reduce((n, m) => n + m.assignment.length, 0);
      const reconciled = d.members.every((m) => m.targetAssignment === null || m.targetAssignment.length === m.assignment.length);
      const committed = d.offsets.length === partitions && d.offsets.every((o) => o.currentOffset !== null && o.lag === 0 && o.consumerId !== null);
      if (d.state === 'Stable' && d.members.length === members && assigned === partitions && reconciled && committed) return d;
    }
    await sleep(500);
  }
  throw new Error(`group ${group} did not settle: ${last}`);
}

/** kfk and kafka-consumer-groups on the same group: the same stdout and exit code. */
async function compareDescribe(group: string, flags: string[]): Promise<void> {
  const real = await groupsTool(['--describe', '--group', group, ...flags]);
  const ours = await kfk(['group', 'describe', ...B, '--group', group, ...flags]);
  expect({ flags, code: ours.code, stdout: ours.stdout }).toEqual({ flags, code: real.code, stdout: real.stdout });
}

/**
 * The header and the lines of `groups`: what other tests' groups cannot change. Sorted: Kafka's
 * tool (and kfk) print the groups in the coordinator's order, which changes as groups come and go.
 */
const linesOf = (stdout: string, groups: string[]) => {
  const lines = stdout.split('\n');
  return [lines[0], ...lines.filter((l) => groups.includes(l.split(' ')[0])).sort()];
};

describe.skipIf(KAFKA3)('consumer groups (KIP-848) beside a classic group, as kafka-consumer-groups shows them', () => {
  const consumerGroup = longName('consumer');
  const classicGroup = longName('classic');
  const running: BackgroundTool[] = [];
  let prefix = '';

  beforeAll(async () => {
    prefix = uniqueName('k848');
    // Two topics (3 and 2 partitions, some empty): the members' assignments span both.
    await topicWith(`${prefix}-a`, [4, 0, 3]);
    await topicWith(`${prefix}-b`, [2, 5]);
    const include = `${prefix}-.*`;
    running.push(javaConsumer(include, consumerGroup, 'consumer'), javaConsumer(include, consumerGroup, 'consumer'), javaConsumer(include, classicGroup, 'classic'));
    await settled(consumerGroup, 2, 5);
    await settled(classicGroup, 1, 5);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop()));
  }, 60_000);

  it('describe: offsets, members, state, with and without --verbose, byte for byte', async () => {
    const d = JSON.parse((await kfk(['group', 'describe', ...B, '--group', consumerGroup, '-o', 'json'])).stdout) as DescribedJson;
    expect(d).toMatchObject({ type: 'Consumer', state: 'Stable', totalLag: 0 });
    expect(d.members.map((m) => m.assignment.length).sort()).toEqual([2, 3]);
    for (const flags of [[], ['--members'], ['--members', '--verbose'], ['--state'], ['--state', '--verbose'], ['--offsets', '--verbose']]) {
      await compareDescribe(consumerGroup, flags);
    }
    // The classic group on the same cluster, with the same flags.
    for (const flags of [[], ['--members', '--verbose'], ['--state', '--verbose']]) await compareDescribe(classicGroup, flags);
  }, 180_000);

  it('list: ids, --type, --state and their filters, byte for byte; JSON and table name type and protocol', async () => {
    const mine = [consumerGroup, classicGroup];
    for (const flags of [[], ['--type'], ['--state'], ['--type', '--state'], ['--type', 'consumer'], ['--type', 'classic', '--state'], ['--state', 'Stable', '--type']]) {
      // Other tests' groups come and go between the two runs: compare the lines of these groups (and the header).
      let ours = { code: -1 as number | null, lines: [] as string[] };
      let real = { code: -2 as number | null, lines: [] as string[] };
      for (let attempt = 0; attempt < 3 && JSON.stringify(ours) !== JSON.stringify(real); attempt++) {
        const r = await groupsTool(['--list', ...flags]);
        const o = await kfk(['group', 'list', ...B, ...flags]);
        const pick = (out: string) => (flags.length ? linesOf(out, mine) : out.split('\n').filter((l) => mine.includes(l)).sort());
        real = { code: r.code, lines: pick(r.stdout) };
        ours = { code: o.code, lines: pick(o.stdout) };
      }
      expect({ flags, ...ours }).toEqual({ flags, ...real });
      const expected = mine.filter((g) => (flags[1] === 'consumer' ? g === consumerGroup : flags[1] === 'classic' ? g === classicGroup : true));
      expect(ours.lines.filter((l) => l.startsWith('kip848-')).map((l) => l.split(' ')[0]).sort()).toEqual(expected.sort());
    }
    const json = JSON.parse((await kfk(['group', 'list', ...B, '-o', 'json'])).stdout) as Array<Record<string, string>>;
    expect(json.find((g) => g.group === consumerGroup)).toEqual({ group: consumerGroup, type: 'Consumer', state: 'Stable', protocolType: 'consumer', protocol: 'uniform' });
    expect(json.find((g) => g.group === classicGroup)).toEqual({ group: classicGroup, type: 'Classic', state: 'Stable', protocolType: 'consumer', protocol: 'range' });
    const table = await kfk(['group', 'list', ...B, '-o', 'table', '--type', 'consumer']);
    expect(table.stdout).toMatch(new RegExp(`│ ${consumerGroup} +│ Consumer +│ Stable +│ consumer +│ uniform +│`));
    expect(table.stdout).not.toContain(classicGroup);
    expect(await kfk(['group', 'list', ...B, '--type', 'bogus'])).toMatchObject({ code: 2, stdout: '', stderr: "kfk: Invalid types list 'bogus'. Valid types are: Classic, Consumer\n" });
  }, 180_000);

  it('once the members leave: an Empty consumer group, described as Kafka does', async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
    let state = '';
    for (let i = 0; i < 60 && state !== 'Empty'; i++) {
      const r = await kfk(['group', 'describe', ...B, '--group', consumerGroup, '--state', '-o', 'json']);
      state = (JSON.parse(r.stdout) as { state: string }).state;
      if (state !== 'Empty') await sleep(500);
    }
    expect(state).toBe('Empty');
    for (const flags of [[], ['--members'], ['--members', '--verbose'], ['--state', '--verbose'], ['--offsets', '--verbose']]) await compareDescribe(consumerGroup, flags);
    expect(await kfk(['group', 'describe', ...B, '--group', consumerGroup, '--state'])).toMatchObject({ code: 0, stderr: `Consumer group '${consumerGroup}' has no active members.\n` });
  }, 180_000);
});

/** Kafka's stdout without its `Error: ...` line (kfk says that on stderr, with exit 1). */
const withoutErrorLine = (stdout: string) => stdout.replace(/^\nError: [^\n]*\n/, '');

describe.skipIf(KAFKA3)('reset-offsets, delete-offsets and delete on a consumer group, as kafka-consumer-groups does them', () => {
  it('refused while a member is active; done once the group is empty; the group then reads from the new offsets', async () => {
    const t = await topicWith('k848r', [6, 4]);
    const g = uniqueName('k848-reset');
    const member = javaConsumer(t, g, 'consumer');
    try {
      await settled(g, 1, 2);
      const reset = await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', t, '--to-earliest', '--execute']);
      const message = `Assignments can only be reset if the group '${g}' is inactive, but the current state is Stable.`;
      expect(reset).toMatchObject({ code: 1, stdout: '', stderr: `kfk: ${message}\n` });
      expect((await groupsTool(['--reset-offsets', '--group', g, '--topic', t, '--to-earliest', '--execute'])).stdout).toContain(`Error: ${message}`);

      const realDel = await groupsTool(['--delete-offsets', '--group', g, '--topic', t]);
      const ourDel = await kfk(['group', 'delete-offsets', ...B, '--group', g, '--topic', t]);
      expect(ourDel).toMatchObject({ code: 1, stdout: withoutErrorLine(realDel.stdout), stderr: 'kfk: 2 partition(s) kept their offsets\n' });
      expect(ourDel.stdout).toContain('Error: org.apache.kafka.common.errors.GroupSubscribedToTopicException: Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.');

      const realGone = await groupsTool(['--delete', '--group', g]);
      const ourGone = await kfk(['group', 'delete', ...B, '--group', g]);
      // The tool's text, its `Error: ` line included; kfk's exit code 1 (the tool's: 0).
      expect(ourGone).toMatchObject({ code: 1, stdout: realGone.stdout });
      expect(ourGone.stdout).toBe(`\nError: Deletion of some consumer groups failed:\n* Group '${g}' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n`);
    } finally {
      await member.stop();
    }
    // Empty now: the plans are Kafka's, and --execute moves the group.
    for (const spec of [['--to-earliest'], ['--shift-by', '-3'], ['--to-offset', '2'], ['--to-latest']]) {
      const ours = await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', t, ...spec, '--dry-run']);
      const real = await groupsTool(['--reset-offsets', '--group', g, '--topic', t, ...spec, '--dry-run']);
      expect({ spec, code: ours.code, stdout: ours.stdout }).toEqual({ spec, code: real.code, stdout: real.stdout });
    }
    expect(await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', t, '--to-offset', '2', '--execute'])).toMatchObject({ code: 0, stderr: '' });
    await compareDescribe(g, []);
    // A consumer of the new protocol goes on from there: 4 + 2 records, the first ones skipped.
    // (--command-property: 4.4 prints a deprecation notice for --consumer-property on stdout.)
    const read = await kafkaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', t, '--group', g, '--command-property', 'group.protocol=consumer', '--max-messages', '6', '--timeout-ms', '30000']);
    expect(read.stdout.split('\n').filter(Boolean).sort()).toEqual(['p0-2', 'p0-3', 'p0-4', 'p0-5', 'p1-2', 'p1-3']);

    // delete-offsets: kfk on partition 0, Kafka's tool on partition 1, the same text.
    const ours = await kfk(['group', 'delete-offsets', ...B, '--group', g, '--topic', `${t}:0`]);
    const real = await groupsTool(['--delete-offsets', '--group', g, '--topic', `${t}:1`]);
    expect(ours).toMatchObject({ code: 0, stderr: '' });
    expect(ours.stdout.replace(/\n(\S+ +)0 /, '\n$11 ')).toBe(real.stdout);

    expect(await kfk(['group', 'delete', ...B, '--group', g])).toMatchObject({ code: 0, stdout: `Deletion of requested consumer groups ('${g}') was successful.\n` });
    expect(await kfk(['group', 'describe', ...B, '--group', g])).toMatchObject({ code: 1, stderr: `kfk: Consumer group '${g}' does not exist.\n` });
    const again = await kfk(['group', 'delete', ...B, '--group', g]);
    expect(again).toMatchObject({ code: 1, stdout: (await groupsTool(['--delete', '--group', g])).stdout });
  }, 180_000);
});

/** Produces `n` records per partition: `b<batch>-p<partition>-<i>` (padded with dots to `width`); returns them. */
async function produceBatch(topic: string, partitions: number, batch: number, n: number, width = 0): Promise<string[]> {
  const all: string[] = [];
  for (let p = 0; p < partitions; p++) {
    const values = Array.from({ length: n }, (_, i) => `b${batch}-p${p}-${i}-`.padEnd(width, '.'));
    expect((await kfk(['produce', ...B, '--topic', topic, '--partition', String(p)], { input: values.join('\n') + '\n' })).code).toBe(0);
    all.push(...values);
  }
  return all;
}

/** Waits until the group's members hold these numbers of partitions (sorted), reconciled with their targets. */
async function waitForSplit(group: string, sizes: number[]): Promise<DescribedJson> {
  let last = '';
  for (let i = 0; i < 120; i++) {
    const r = await kfk(['group', 'describe', ...B, '--group', group, '--members', '-o', 'json']);
    last = r.stdout + r.stderr;
    if (r.code === 0) {
      const d = JSON.parse(r.stdout) as DescribedJson;
      const held = d.members.map((m) => m.assignment.length).sort();
      const reconciled = d.members.every((m) => (m.targetAssignment?.length ?? -1) === m.assignment.length);
      if (d.state === 'Stable' && reconciled && JSON.stringify(held) === JSON.stringify(sizes)) return d;
    }
    await sleep(500);
  }
  throw new Error(`group ${group} did not reach members with ${sizes.join(', ')} partitions: ${last}`);
}

/** Waits until the group has committed the log end of every partition (lag 0). */
async function waitForNoLag(group: string, partitions: number): Promise<void> {
  let last = '';
  for (let i = 0; i < 120; i++) {
    const r = await kfk(['group', 'describe', ...B, '--group', group, '-o', 'json']);
    last = r.stdout;
    if (r.code === 0) {
      const d = JSON.parse(r.stdout) as DescribedJson;
      if (d.offsets.length === partitions && d.offsets.every((o) => o.lag === 0)) return;
    }
    await sleep(500);
  }
  throw new Error(`group ${group} kept a lag: ${last}`);
}

/** Every record exactly once across the runs: { missing: 0, duplicated: 0, unknown: 0 }. */
function coverage(values: string[], ...runs: string[][]): { missing: number; duplicated: number; unknown: number } {
  const seen = new Map<string, number>(values.map((v) => [v, 0]));
  let unknown = 0;
  for (const v of runs.flat()) {
    const n = seen.get(v);
    if (n === undefined) unknown++;
    else seen.set(v, n + 1);
  }
  let missing = 0;
  let duplicated = 0;
  for (const n of seen.values()) {
    if (n === 0) missing++;
    if (n > 1) duplicated += n - 1;
  }
  return { missing, duplicated, unknown };
}

const printed = (stdout: string) => stdout.split('\n').filter((l) => /^b\d+-p\d+-\d+-\.*$/.test(l));

describe.skipIf(KAFKA3)('consume --group with group.protocol=consumer: a member of the KIP-848 protocol', () => {
  it('shares the group with a Java consumer: partitions split, a leaving member hands its partitions on, every record printed once', async () => {
    const t = uniqueName('k848c');
    expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '4'])).code).toBe(0);
    const g = uniqueName('k848-share');
    // 8 MB: more than a pipe holds.
    const values = await produceBatch(t, 4, 1, 20_000, 100);
    const asMember = ['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--consumer-property', 'group.protocol=consumer'];

    // kfk alone: all four partitions. Its output is not read for a while: it stops in the middle
    // of what it fetched, and gives two partitions up there when the Java consumer joins.
    const first = kfkProcess(asMember);
    await new Promise<void>((resolve) =>
      first.child.stdout.once('data', () => {
        first.child.stdout.pause();
        resolve();
      }),
    );
    await waitForSplit(g, [4]);
    // A Java consumer of the same protocol joins: two partitions each.
    const java = javaConsumer(t, g, 'consumer');
    let second: ReturnType<typeof kfkProcess> | null = null;
    try {
      await waitForSplit(g, [2, 2]);
      first.child.stdout.resume();
      // As Kafka's tool sees it, kfk is a member like the Java one.
      await compareDescribe(g, ['--members', '--verbose']);
      values.push(...(await produceBatch(t, 4, 2, 300)));
      await waitForNoLag(g, 4);
      // kfk leaves (Ctrl-C): the Java consumer takes its partitions from where kfk committed.
      first.child.kill('SIGINT');
      const one = await first.done;
      expect(one.code).toBe(0);
      await waitForSplit(g, [4]);
      values.push(...(await produceBatch(t, 4, 3, 300)));
      // A second kfk joins; then the Java consumer leaves and kfk takes everything.
      second = kfkProcess(asMember);
      await waitForSplit(g, [2, 2]);
      values.push(...(await produceBatch(t, 4, 4, 300)));
      await waitForNoLag(g, 4);
      const j = await java.stop();
      await waitForSplit(g, [4]);
      values.push(...(await produceBatch(t, 4, 5, 300)));
      await waitForNoLag(g, 4);
      second.child.kill('SIGINT');
      const two = await second.done;
      expect(two.code).toBe(0);
      expect(two.stderr).toBe(`Processed a total of ${printed(two.stdout).length} messages\n`);
      const runs = [printed(one.stdout), printed(j.stdout), printed(two.stdout)];
      // Each of the three printed records (kfk first, Java, kfk second), and no record twice or never.
      expect(runs.map((r) => r.length > 0)).toEqual([true, true, true]);
      expect(coverage(values, ...runs)).toEqual({ missing: 0, duplicated: 0, unknown: 0 });
    } finally {
      await java.stop();
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
      if (second && second.child.exitCode === null) second.child.kill('SIGKILL');
    }
  }, 300_000);
});

describe.runIf(KAFKA3)('group.protocol=consumer on a cluster without it (Kafka 3.x)', () => {
  it('consume --group says in one line that the cluster does not support it, and exits 1', async () => {
    const t = await topicWith('k848old', [3]);
    const g = uniqueName('k848-old');
    const r = await kfk(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--consumer-property', 'group.protocol=consumer', '--timeout-ms', '5000']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // The error, then the consumer's usual summary (as after any error).
    expect(r.stderr).toBe('kfk: cannot use group.protocol=consumer: the cluster does not support the consumer group protocol (KIP-848, Kafka 4.0 or later)\nProcessed a total of 0 messages\n');
    // The classic protocol, as without the property.
    const classic = await kfk(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--consumer-property', 'group.protocol=classic', '--max-messages', '3']);
    expect(classic).toMatchObject({ code: 0, stdout: 'p0-0\np0-1\np0-2\n' });
  }, 60_000);
});
