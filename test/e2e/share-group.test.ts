// Share groups (KIP-932) on a real broker: kfk's share consumer (`kfk consume --share-group`),
// alone, in twos, killed mid-stream and side by side with Kafka's console share consumer; the
// group config that makes a share group start at the log start (`kfk config alter --group`);
// and `kfk share-group` against kafka-share-groups. Share groups are Kafka 4.x only: on a 3.9
// broker only the one-line error is checked. The tests run at once: each has its own topic and groups.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, kafka4Tool, kafkaTool, startKafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const on3 = isKafka3(CLUSTER_KAFKA_VERSION);
const SHARE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleShareConsumer';
const SHARE_GROUPS = 'org.apache.kafka.tools.consumer.group.ShareGroupCommand';
const TOOLS_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';

/** A topic of one partition, and a share group whose config makes it start at the log start. */
async function topicAndGroup(): Promise<{ topic: string; group: string }> {
  const topic = uniqueName('share');
  const group = uniqueName('sg');
  expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '1'])).toMatchObject({ code: 0 });
  const alter = await kfk(['config', 'alter', ...B, '--group', group, '--add-config', 'share.auto.offset.reset=earliest']);
  expect(alter).toMatchObject({ code: 0, stdout: `Completed updating config for group ${group}.\n`, stderr: '' });
  return { topic, group };
}

const produce = async (topic: string, lines: string[]) => expect(await kfk(['produce', ...B, '--topic', topic], { input: lines.join('\n') + '\n' })).toMatchObject({ code: 0, stderr: '' });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** `Offset:N\tDelivery:D\tvalue` lines (print.offset, print.delivery) as [offset, delivery count]. */
const parsed = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [o, d] = l.split('\t');
      return [Number(o.slice('Offset:'.length)), Number(d.slice('Delivery:'.length))] as const;
    });
const SHOW = ['--property', 'print.offset=true', '--property', 'print.delivery=true'];

/** Waits until a kfk share consumer started with --verbose says it was assigned the topic's partition. */
async function assigned(p: ReturnType<typeof kfkProcess>, topic: string): Promise<void> {
  let err = '';
  p.child.stderr.on('data', (d) => (err += d));
  for (let i = 0; i < 150 && !err.includes(`assigned ${topic}-`); i++) await sleep(100);
  expect(err).toContain(`assigned ${topic}-`);
}

// Alone, before the others: which member a record goes to is the broker's choice, and on a busy
// machine one member could take them all.
describe.skipIf(on3)('kfk share consumers side by side', () => {
  it('two kfk members on one partition divide its records, none printed twice', async () => {
    const { topic, group } = await topicAndGroup();
    const args = ['consume', ...B, '--topic', topic, '--share-group', group, '--timeout-ms', '6000', '--property', 'print.offset=true', '--verbose'];
    const a = kfkProcess(args);
    const b = kfkProcess(args);
    // Both members have the partition before records come.
    await Promise.all([assigned(a, topic), assigned(b, topic)]);
    for (let i = 0; i < 20; i++) {
      await produce(topic, range(i * 100, i * 100 + 100).map(String));
      await sleep(100);
    }
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const offsets = (s: string) => s.split('\n').filter(Boolean).map((l) => Number(l.split('\t')[0].slice('Offset:'.length)));
    const oa = offsets(ra.stdout);
    const ob = offsets(rb.stdout);
    expect(oa.length).toBeGreaterThan(0);
    expect(ob.length).toBeGreaterThan(0);
    expect([...oa, ...ob].sort((x, y) => x - y)).toEqual(range(0, 2000));
    expect(ra.stderr).toMatch(new RegExp(`Processed a total of ${oa.length} messages\n$`));
  });

});

describe.skipIf(on3)('kfk consume --share-group and kfk share-group', () => {
  it.concurrent('config alter --group sets share.auto.offset.reset as kafka-configs does, and the group then starts at the log start', async () => {
    const { topic, group } = await topicAndGroup();
    const mine = await kfk(['config', 'describe', ...B, '--group', group]);
    const theirs = await kafka4Tool('configs', [...B, '--describe', '--entity-type', 'groups', '--entity-name', group]);
    expect(theirs.code).toBe(0);
    expect(mine).toMatchObject({ code: 0, stdout: theirs.stdout, stderr: '' });
    expect(mine.stdout).toContain('share.auto.offset.reset=earliest');
    await produce(topic, ['a', 'b', 'c']);
    const r = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', '3', ...SHOW]);
    expect(r).toMatchObject({ code: 0, stdout: 'Offset:0\tDelivery:1\ta\nOffset:1\tDelivery:1\tb\nOffset:2\tDelivery:1\tc\n', stderr: 'Processed a total of 3 messages\n' });
    // Accepted: a second member gets nothing more.
    const again = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--timeout-ms', '1500']);
    expect(again).toMatchObject({ code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
    // Without the config a new group starts at the log end.
    const fresh = await kfk(['consume', ...B, '--topic', topic, '--share-group', uniqueName('sg-latest'), '--timeout-ms', '1500']);
    expect(fresh).toMatchObject({ code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
  });

  it.concurrent('--max-messages acknowledges what was printed and releases the rest; --release and --reject as Kafka takes them', async () => {
    const { topic, group } = await topicAndGroup();
    await produce(topic, range(0, 10).map(String));
    const first = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', '4', ...SHOW]);
    expect(first).toMatchObject({ code: 0, stderr: 'Processed a total of 4 messages\n' });
    expect(parsed(first.stdout)).toEqual(range(0, 4).map((o) => [o, 1]));
    // The six released records come again (delivery 2); --release hands them back once more.
    const released = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', '6', '--release', ...SHOW]);
    expect(parsed(released.stdout)).toEqual(range(4, 10).map((o) => [o, 2]));
    const rejected = await kfk(['compat', 'kafka-console-share-consumer', ...B, '--topic', topic, '--group', group, '--max-messages', '6', '--reject', '--formatter-property', 'print.offset=true', '--formatter-property', 'print.delivery=true']);
    expect(rejected).toMatchObject({ code: 0, stderr: 'Processed a total of 6 messages\n' });
    expect(parsed(rejected.stdout)).toEqual(range(4, 10).map((o) => [o, 3]));
    // Rejected records are never delivered again.
    const none = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--timeout-ms', '1500']);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
  });

  it.concurrent('--include: a topic created while it consumes that matches is read, at the next metadata refresh', async () => {
    const prefix = uniqueName('share-re');
    const group = uniqueName('sg-re');
    expect((await kfk(['config', 'alter', ...B, '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
    const create = async (suffix: string, partitions: number) => {
      expect((await kfk(['topic', 'create', ...B, '--topic', `${prefix}-${suffix}`, '--partitions', String(partitions)])).code).toBe(0);
      await produce(`${prefix}-${suffix}`, range(0, 5).map((i) => `${suffix}-${i}`));
    };
    await create('a', 2);
    const member = kfkProcess(['consume', ...B, '--include', `${prefix}-(a|b)`, '--share-group', group, '--consumer-property', 'metadata.max.age.ms=500', '--verbose'], { timeoutMs: 80_000 });
    let log = '';
    member.child.stderr.on('data', (d) => (log += d));
    const waitLines = async (n: number) => {
      for (let i = 0; i < 300 && member.outputLines() < n; i++) await sleep(100);
      expect({ lines: member.outputLines(), log: member.outputLines() === n ? '' : log.split('\n').filter((l) => l.includes('consume:')) }).toEqual({ lines: n, log: '' });
    };
    try {
      await waitLines(5);
      // Created after the member joined: one that matches, one that does not.
      await create('other', 1);
      await create('b', 3);
      await waitLines(10);
      await sleep(1000);
    } finally {
      member.child.kill('SIGINT');
    }
    const r = await member.done;
    expect(r.code).toBe(0);
    expect(r.stderr.endsWith('\nProcessed a total of 10 messages\n')).toBe(true);
    expect(log).toContain(`consume: subscribed to ${prefix}-a, ${prefix}-b\n`);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['a', 'b'].flatMap((s) => range(0, 5).map((i) => `${s}-${i}`)).sort());
  }, 90_000);

  it.concurrent('a member killed mid-stream: its acquired, unacknowledged records go to the other member (delivery count 2), none lost', async () => {
    const { topic, group } = await topicAndGroup();
    const big = 'x'.repeat(1000);
    await produce(topic, range(0, 2000).map((i) => `${i}:${big}`));
    // Its stdout is not read: the first set it prints fills the pipe, so it acknowledges nothing.
    const a = kfkProcess(['consume', ...B, '--topic', topic, '--share-group', group, '--verbose']);
    a.child.stdout.pause();
    await assigned(a, topic);
    await sleep(1500);
    a.child.kill('SIGKILL');
    await a.done;
    const b = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--timeout-ms', '3000', ...SHOW, '--property', 'print.value=false']);
    expect(b.code).toBe(0);
    const got = parsed(b.stdout);
    expect(got.map(([o]) => o).sort((x, y) => x - y)).toEqual(range(0, 2000));
    const redelivered = got.filter(([, d]) => d === 2).length;
    expect(redelivered).toBeGreaterThan(0);
    expect(got.every(([, d]) => d === 1 || d === 2)).toBe(true);
  });

  it.concurrent("shares a group with Kafka's console share consumer: every record once, between the two", async () => {
    const { topic, group } = await topicAndGroup();
    const java = startKafkaTool(SHARE_CONSUMER, [...B, '--topic', topic, '--group', group, '--formatter-property', 'print.offset=true']);
    const mine = kfkProcess(['consume', ...B, '--topic', topic, '--share-group', group, '--property', 'print.offset=true']);
    // Both members in the group (as kafka-share-groups sees it) before records come.
    for (let i = 0; i < 100; i++) {
      const d = await kafkaTool(SHARE_GROUPS, [...B, '--describe', '--group', group, '--state']);
      if (/Stable\s+2\n/.test(d.stdout)) break;
      await sleep(300);
    }
    for (let i = 0; i < 10; i++) {
      await produce(topic, range(i * 100, i * 100 + 100).map(String));
      await sleep(150);
    }
    for (let i = 0; i < 100 && java.stdout().split('\n').filter(Boolean).length + mine.outputLines() < 1000; i++) await sleep(200);
    mine.child.kill('SIGINT');
    const [rj, rk] = await Promise.all([java.stop(), mine.done]);
    expect(rk.code).toBe(0);
    const offsets = (s: string) => s.split('\n').filter(Boolean).map((l) => Number(l.split('\t')[0].slice('Offset:'.length)));
    const all = [...offsets(rj.stdout), ...offsets(rk.stdout)].sort((x, y) => x - y);
    expect(all).toEqual(range(0, 1000));
    expect(rk.stderr).toBe(`Processed a total of ${offsets(rk.stdout).length} messages\n`);
  });

  it.concurrent("--formatter ShareGroupMessageFormatter and ShareGroupStateMessageFormatter print the share group records as kafka-console-consumer 4.4 does", async () => {
    const { topic, group } = await topicAndGroup();
    await produce(topic, range(0, 5).map(String));
    expect((await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', '3'])).code).toBe(0);
    /** The first records of a partition, from a fixed offset: the same records for both tools while others are appended. */
    const compare = async (internal: string, formatter: string, partition: number, from: number, count: number) => {
      const args = ['--topic', internal, '--partition', String(partition), '--offset', String(from), '--max-messages', String(count), '--formatter', formatter];
      const [mine, theirs] = await Promise.all([kfk(['consume', ...B, ...args]), kafkaTool(TOOLS_CONSUMER, [...B, ...args])]);
      expect(theirs.code, theirs.stderr).toBe(0);
      expect({ code: mine.code, stdout: mine.stdout, stderr: mine.stderr }).toEqual({ code: 0, stdout: theirs.stdout, stderr: `Processed a total of ${count} messages\n` });
      return mine.stdout;
    };
    const ends = async (internal: string) => {
      const [lo, hi] = await Promise.all(['earliest', 'latest'].map((t) => kfk(['offsets', ...B, '--topic', internal, '--time', t])));
      const parse = (out: string) => new Map(out.split('\n').filter(Boolean).map((l) => l.split(':').slice(1).map(Number) as [number, number]));
      const start = parse(lo.stdout);
      return [...parse(hi.stdout)].map(([p, end]) => ({ partition: p, start: start.get(p)!, end })).filter((p) => p.end > p.start);
    };
    const [offsets] = await ends('__consumer_offsets');
    const groupRecords = await compare('__consumer_offsets', 'org.apache.kafka.tools.consumer.ShareGroupMessageFormatter', offsets.partition, offsets.start, offsets.end - offsets.start);
    expect(groupRecords).toContain(`{"key":{"type":11,"data":{"groupId":"${group}"}},"value":{"version":0,"data":{"epoch":`);
    // The share coordinator's state: the busiest partition of __share_group_state.
    const state = (await ends('__share_group_state')).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    const stateRecords = await compare('__share_group_state', 'org.apache.kafka.tools.consumer.group.share.ShareGroupStateMessageFormatter', state.partition, state.start, state.end - state.start);
    expect(stateRecords).toMatch(/^\{"key":\{"type":[01],"data":\{"groupId":/);
  });

  // kfk share-group, byte for byte with kafka-share-groups 4.4 (in this block, so that they run
  // alongside the tests above).
  /** kfk's piped stdout and exit code against Kafka's tool's stdout, same arguments. */
  async function same(sub: string, args: string[], opts: { kafkaArgs?: string[]; code?: number } = {}) {
    const [mine, theirs] = await Promise.all([kfk(['share-group', sub, ...B, ...args]), kafkaTool(SHARE_GROUPS, [...B, `--${sub}`, ...(opts.kafkaArgs ?? args)])]);
    expect(theirs.code, theirs.stderr).toBe(0);
    expect({ code: mine.code, stdout: mine.stdout }).toEqual({ code: opts.code ?? 0, stdout: theirs.stdout });
    return mine;
  }

  it.concurrent('share-group list, describe (offsets, members, state, --verbose) of a group with a member and of an empty one', async () => {
    const topic = uniqueName('sgc');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '2'])).toMatchObject({ code: 0 });
    const [active, idle] = [uniqueName('sg-active'), uniqueName('sg-idle')];
    for (const g of [active, idle]) expect((await kfk(['config', 'alter', ...B, '--group', g, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
    await produce(topic, range(0, 50).map(String));
    // The idle group read 20 records, then left: start offsets and lag, no members.
    expect((await kfk(['consume', ...B, '--topic', topic, '--share-group', idle, '--max-messages', '20'])).code).toBe(0);
    const member = kfkProcess(['consume', ...B, '--topic', topic, '--share-group', active, '--verbose']);
    await assigned(member, topic);
    await sleep(500);
    try {
      // Another test may create a share group meanwhile, or its member leave between the two
      // listings (kfk's answers before the JVM has started): the lists are compared again then.
      for (let attempt = 1; ; attempt++) {
        const [mine, theirs] = await Promise.all([kfk(['share-group', 'list', ...B, '--state']), kafkaTool(SHARE_GROUPS, [...B, '--list', '--state'])]);
        if (mine.stdout === theirs.stdout || attempt === 6) {
          expect(mine).toMatchObject({ code: 0, stdout: theirs.stdout, stderr: '' });
          break;
        }
        await sleep(1000);
      }
      expect((await kfk(['share-group', 'list', ...B])).stdout).toContain(`${active}\n`);
      expect((await kfk(['share-group', 'list', ...B, '--state', 'stable'])).stdout).toMatch(new RegExp(`^GROUP +STATE\n(.*\n)*${active} +Stable\n`));
      // Kafka's tool starts a JVM each time: a few at once.
      await Promise.all([same('describe', ['--group', active]), same('describe', ['--group', active, '--members', '--verbose']), same('describe', ['--group', active, '--state', '--verbose'])]);
      await Promise.all([same('describe', ['--group', idle, '--verbose']), same('describe', ['--group', idle, '--members']), same('describe', ['--group', idle, '--state'])]);
      const offsets = await kfk(['share-group', 'describe', ...B, '--group', idle, '-o', 'json']);
      expect(JSON.parse(offsets.stdout)[0]).toMatchObject({ group: idle, state: 'Empty', totalLag: 30 });
      const members = await kfk(['share-group', 'describe', ...B, '--group', active, '--members', '-o', 'json']);
      expect(JSON.parse(members.stdout)[0].members).toHaveLength(1);
    } finally {
      member.child.kill('SIGINT');
      expect((await member.done).code).toBe(0);
    }
    const missing = await kfk(['share-group', 'describe', ...B, '--group', uniqueName('sg-none')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^kfk: Share group 'sg-none-[^']+' does not exist\.\n$/);
  });

  it.concurrent('share-group reset-offsets, delete-offsets and delete as kafka-share-groups does them', async () => {
    const topic = uniqueName('sgr');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '2'])).toMatchObject({ code: 0 });
    await produce(topic, range(0, 40).map(String));
    // Twin groups, names of one length: kfk changes one, Kafka's tool the other.
    const [mine, theirs] = [uniqueName('sg-mine'), uniqueName('sg-kafk')];
    for (const g of [mine, theirs]) {
      expect((await kfk(['config', 'alter', ...B, '--group', g, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
      expect((await kfk(['consume', ...B, '--topic', topic, '--share-group', g, '--max-messages', '10'])).code).toBe(0);
    }
    const both = async (kfkArgs: string[], kafkaArgs: string[], code = 0) => {
      const [a, b] = await Promise.all([kfk(['share-group', ...kfkArgs.map((x) => (x === 'G' ? mine : x)), ...B]), kafkaTool(SHARE_GROUPS, [...B, ...kafkaArgs.map((x) => (x === 'G' ? theirs : x))])]);
      expect(b.code, b.stderr).toBe(0);
      expect({ code: a.code, stdout: a.stdout }).toEqual({ code, stdout: b.stdout.split(theirs).join(mine) });
      return a;
    };
    await both(['reset-offsets', '--group', 'G', '--all-topics', '--to-offset', '3', '--dry-run'], ['--reset-offsets', '--group', 'G', '--all-topics', '--to-offset', '3', '--dry-run']);
    await both(['reset-offsets', '--group', 'G', '--topic', `${topic}:1`, '--to-latest', '--execute'], ['--reset-offsets', '--group', 'G', '--topic', `${topic}:1`, '--to-latest', '--execute']);
    await both(['describe', '--group', 'G', '--verbose'], ['--describe', '--group', 'G', '--verbose']);
    await both(['delete-offsets', '--group', 'G', '--topic', topic], ['--delete-offsets', '--group', 'G', '--topic', topic]);
    await both(['delete', '--group', 'G', '--group', 'not-a-share-group'], ['--delete', '--group', 'G', '--group', 'not-a-share-group'], 1);
    expect((await kfk(['share-group', 'list', ...B])).stdout).not.toContain(mine);
  });
});

describe.skipIf(on3)('kfk share-group reset-offsets --export and --from-file', () => {
  it.concurrent('print and read the plan as CSV as kafka-share-groups does', async () => {
    const topic = uniqueName('sgf');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '2'])).toMatchObject({ code: 0 });
    await produce(topic, range(0, 40).map(String));
    const [mine, theirs] = [uniqueName('sg-mine'), uniqueName('sg-kafk')];
    const dir = mkdtempSync(join(tmpdir(), 'sgf-'));
    const file = (g: string, name: string) => join(dir, `${g}-${name}.csv`);
    for (const g of [mine, theirs]) {
      expect((await kfk(['config', 'alter', ...B, '--group', g, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
      expect((await kfk(['consume', ...B, '--topic', topic, '--share-group', g, '--max-messages', '10'])).code).toBe(0);
      // Offsets past the log end are kept within it; a line of another group is left out.
      writeFileSync(file(g, 'plain'), `${topic},0,2\n${topic},1,999\n`);
      writeFileSync(file(g, 'grouped'), `${g},${topic},1,4\nother-group,${topic},0,1\n`);
    }
    const at = (g: string, x: string) => (x === 'G' ? g : x.startsWith('F:') ? file(g, x.slice(2)) : x);
    const both = async (args: string[]) => {
      const [a, b] = await Promise.all([
        kfk(['share-group', 'reset-offsets', ...args.map((x) => at(mine, x)), ...B]),
        kafkaTool(SHARE_GROUPS, [...B, '--reset-offsets', ...args.map((x) => at(theirs, x))]),
      ]);
      expect(b.code, b.stderr).toBe(0);
      expect({ code: a.code, stdout: a.stdout }).toEqual({ code: 0, stdout: b.stdout.split(theirs).join(mine) });
      return a.stdout;
    };
    try {
        // topic,partition,offset lines in Kafka's order (a HashMap's), then an empty line.
      expect(await both(['--group', 'G', '--all-topics', '--to-latest', '--dry-run', '--export'])).toMatch(new RegExp(`^(${topic},[01],\\d+\n){2}\n$`));
      await both(['--group', 'G', '--topic', `${topic}:1`, '--to-offset', '3', '--dry-run', '--export']);
      await both(['--group', 'G', '--from-file', 'F:plain', '--dry-run']);
      await both(['--group', 'G', '--from-file', 'F:plain', '--dry-run', '--export']);
      await both(['--group', 'G', '--from-file', 'F:grouped', '--execute']);
      await both(['--group', 'G', '--all-topics', '--to-current', '--dry-run', '--export']);
      // What --export wrote, read back.
      const exported = await kfk(['share-group', 'reset-offsets', ...B, '--group', mine, '--all-topics', '--to-earliest', '--dry-run', '--export']);
      writeFileSync(file(mine, 'exported'), exported.stdout);
      const back = await kfk(['share-group', 'reset-offsets', ...B, '--group', mine, '--from-file', file(mine, 'exported'), '--execute', '--export']);
      expect(back).toMatchObject({ code: 0, stdout: exported.stdout, stderr: '' });
      const scoped = await kfk(['share-group', 'reset-offsets', ...B, '--group', mine, '--from-file', file(mine, 'plain'), '--topic', topic, '--dry-run']);
      expect(scoped).toEqual(expect.objectContaining({ code: 2, stdout: '', stderr: 'kfk: --from-file names the partitions: give no --topic or --all-topics with it\n' }));
      writeFileSync(file(mine, 'bad'), `${topic},x,4\n`);
      const bad = await kfk(['share-group', 'reset-offsets', ...B, '--group', mine, '--from-file', file(mine, 'bad'), '--dry-run']);
      expect(bad).toEqual(expect.objectContaining({ code: 1, stdout: '', stderr: `kfk: cannot read ${file(mine, 'bad')}, line 1: expected topic,partition,offset or group,topic,partition,offset\n` }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(on3)('share groups on a cluster without them', () => {
  it.concurrent('kfk consume --share-group is a one-line error, exit 1', async () => {
    const topic = uniqueName('share3');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic])).toMatchObject({ code: 0 });
    const r = await kfk(['consume', ...B, '--topic', topic, '--share-group', 'g']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kfk: cannot use a share group: the cluster does not support share groups \(KIP-932[^\n]*\)\nProcessed a total of 0 messages\n$/);
    const list = await kfk(['share-group', 'list', ...B]);
    expect(list).toMatchObject({ code: 1, stdout: '' });
    expect(list.stderr).toMatch(/^kfk: the cluster does not support share groups \(KIP-932[^\n]*\)\n$/);
  });
});
