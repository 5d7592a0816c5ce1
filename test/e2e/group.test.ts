import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, sleep, uniqueName } from '../helpers/cli.js';
import { kafka4Tool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
// kfk group, config and offsets print Kafka 4.x's text on any cluster: compared with 4.x's tools.
const groupsTool = (args: string[]) => kafka4Tool('groups', ['--bootstrap-server', bootstrap, ...args]);

/** A topic with `counts[p]` records in partition p. */
async function topicWith(counts: number[]): Promise<string> {
  const t = uniqueName('grp');
  expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', String(counts.length)])).code).toBe(0);
  await produceMore(t, counts);
  return t;
}

async function produceMore(t: string, counts: number[]): Promise<void> {
  for (const [p, n] of counts.entries()) {
    if (n === 0) continue;
    const lines = Array.from({ length: n }, (_, i) => `p${p}-${i}`).join('\n') + '\n';
    expect((await kfk(['produce', ...B, '--topic', t, '--partition', String(p)], { input: lines })).code).toBe(0);
  }
}

async function consumeInGroup(t: string, group: string, n: number): Promise<void> {
  const r = await kfk(['consume', ...B, '--topic', t, '--group', group, '--from-beginning', '--max-messages', String(n), '--timeout-ms', '15000']);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(n);
}

interface Described {
  totalLag: number;
  state: string;
  offsets: Array<{ topic: string; partition: number; currentOffset: number | null; logEndOffset: number | null; lag: number | null; consumerId: string | null }>;
}

async function describeJson(group: string): Promise<Described> {
  const r = await kfk(['group', 'describe', ...B, '--group', group, '-o', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Described;
}

describe('kfk group', () => {
  it('lag per partition is what was produced minus what the group consumed', async () => {
    const t = await topicWith([10, 20, 30]);
    const g = uniqueName('lag');
    await consumeInGroup(t, g, 60);
    await produceMore(t, [1, 2, 3]);
    const d = await describeJson(g);
    expect(d.state).toBe('Empty');
    expect(d.offsets.map((o) => [o.partition, o.currentOffset, o.logEndOffset, o.lag])).toEqual([
      [0, 10, 11, 1],
      [1, 20, 22, 2],
      [2, 30, 33, 3],
    ]);
    expect(d.totalLag).toBe(6);
  });

  it('describe prints exactly what kafka-consumer-groups --describe prints for the same group', async () => {
    const t = await topicWith([5, 7]);
    const g = uniqueName('same');
    await consumeInGroup(t, g, 12);
    await produceMore(t, [3, 0]);
    const real = await groupsTool(['--describe', '--group', g]);
    const ours = await kfk(['group', 'describe', ...B, '--group', g]);
    expect(real.code).toBe(0);
    expect(ours).toMatchObject({ code: 0, stdout: real.stdout, stderr: `Consumer group '${g}' has no active members.\n` });
    expect(ours.stdout).toContain(`\n${g.padEnd(15)} ${t.padEnd(15)} 0          5               8               3               -`);
  });

  it('describe of several groups and of --all-groups prints what kafka-consumer-groups prints', async () => {
    const t = await topicWith([3, 2]);
    // Named so that the second sorts first: both tools print the groups by name.
    const [ga, gb] = [uniqueName('multi-b'), uniqueName('multi-a')];
    await consumeInGroup(t, ga, 5);
    await consumeInGroup(t, gb, 3);
    const two = ['--group', ga, '--group', gb];
    const [realOffsets, oursOffsets, realMembers, oursMembers, realAll, oursAll, oursMissing] = await Promise.all([
      groupsTool(['--describe', ...two]),
      kfk(['group', 'describe', ...B, ...two]),
      groupsTool(['--describe', ...two, '--members', '--verbose']),
      kfk(['group', 'describe', ...B, '--group', `${ga},${gb}`, '--members', '--verbose']),
      groupsTool(['--describe', '--all-groups', '--state']),
      kfk(['group', 'describe', ...B, '--all-groups', '--state']),
      kfk(['group', 'describe', ...B, ...two, '--group', uniqueName('none')]),
    ]);
    const notes = `Consumer group '${gb}' has no active members.\nConsumer group '${ga}' has no active members.\n`;
    expect(realOffsets.code).toBe(0);
    expect(oursOffsets).toMatchObject({ code: 0, stdout: realOffsets.stdout, stderr: notes });
    expect(oursOffsets.stdout.indexOf(`\n${gb} `)).toBeLessThan(oursOffsets.stdout.indexOf(`\n${ga} `));
    expect(oursMembers).toMatchObject({ code: 0, stdout: realMembers.stdout });
    // Every group of the shared broker: the blocks of this test's groups, in the same places.
    const blocks = (out: string) => out.split(/(?=\nGROUP )/).filter((b) => b.includes(`\n${ga} `) || b.includes(`\n${gb} `));
    expect(realAll.code).toBe(0);
    expect(oursAll.code).toBe(0);
    expect(blocks(oursAll.stdout)).toEqual(blocks(realAll.stdout));
    expect(blocks(oursAll.stdout)).toHaveLength(2);
    expect(oursMissing).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^kfk: Consumer group 'none-.*' does not exist\.\n$/) });
  });

  it('an unknown group is a one-line error', async () => {
    const g = uniqueName('nobody');
    expect(await kfk(['group', 'describe', ...B, '--group', g])).toMatchObject({ code: 1, stdout: '', stderr: `kfk: Consumer group '${g}' does not exist.\n` });
  });

  it('reset-offsets: the dry run changes nothing, --execute moves the group as planned, plans match Kafka\'s', async () => {
    const t = await topicWith([8, 4]);
    const g = uniqueName('reset');
    await consumeInGroup(t, g, 12);
    const before = await describeJson(g);

    const dry = await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', t, '--to-earliest']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe('kfk: dry run (the default): nothing was changed; add --execute to apply this plan\n');
    const realPlan = await groupsTool(['--reset-offsets', '--group', g, '--topic', t, '--to-earliest', '--dry-run']);
    expect(dry.stdout).toBe(realPlan.stdout);
    expect(await describeJson(g)).toEqual(before);

    for (const spec of [['--shift-by', '-3'], ['--to-offset', '2'], ['--to-latest'], ['--to-datetime', '2020-01-01T00:00:00.000']]) {
      const ours = await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', `${t}:1`, ...spec, '--dry-run']);
      const real = await groupsTool(['--reset-offsets', '--group', g, '--topic', `${t}:1`, ...spec, '--dry-run']);
      expect(ours).toMatchObject({ code: 0, stdout: real.stdout, stderr: '' });
    }

    const shift = await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', t, '--shift-by', '-3', '--execute']);
    expect(shift).toMatchObject({ code: 0, stderr: '' });
    const after = await describeJson(g);
    expect(after.offsets.map((o) => [o.partition, o.currentOffset, o.lag])).toEqual([
      [0, 5, 3],
      [1, 1, 3],
    ]);
    expect(after.totalLag).toBe(6);

    // The group reads from the new position.
    const again = await kfk(['consume', ...B, '--topic', t, '--group', g, '--max-messages', '6', '--timeout-ms', '15000']);
    expect(again.stdout.split('\n').filter(Boolean).sort()).toEqual(['p0-5', 'p0-6', 'p0-7', 'p1-1', 'p1-2', 'p1-3']);
  });

  it('reset-offsets --export and --from-file: the plan as CSV, printed and read as kafka-consumer-groups does', async () => {
    const t = await topicWith([8, 4]);
    const [mine, theirs] = [uniqueName('csv-mine'), uniqueName('csv-kafk')]; // names of one length: the GROUP column's width follows them
    const dir = mkdtempSync(join(tmpdir(), 'grp-csv-'));
    const file = (g: string, name: string) => join(dir, `${g}-${name}.csv`);
    for (const g of [mine, theirs]) {
      await consumeInGroup(t, g, 12);
      // An offset past the log end is kept within it; a line of another group is left out.
      writeFileSync(file(g, 'plain'), `${t},0,2\n${t},1,999\n`);
      writeFileSync(file(g, 'grouped'), `${g},${t},1,3\nother-group,${t},0,1\n`);
    }
    const at = (g: string, x: string) => (x === 'G' ? g : x.startsWith('F:') ? file(g, x.slice(2)) : x);
    const both = async (args: string[]) => {
      const [a, b] = await Promise.all([kfk(['group', 'reset-offsets', ...B, ...args.map((x) => at(mine, x))]), groupsTool(['--reset-offsets', ...args.map((x) => at(theirs, x))])]);
      expect(b.code, b.stderr).toBe(0);
      expect({ code: a.code, stdout: a.stdout }).toEqual({ code: 0, stdout: b.stdout.split(theirs).join(mine) });
      return a.stdout;
    };
    try {
      // topic,partition,offset lines, then an empty line.
      expect(await both(['--group', 'G', '--all-topics', '--to-earliest', '--dry-run', '--export'])).toMatch(new RegExp(`^(${t},[01],0\n){2}\n$`));
      await both(['--group', 'G', '--topic', `${t}:1`, '--to-offset', '3', '--dry-run', '--export']);
      await both(['--group', 'G', '--from-file', 'F:plain', '--dry-run']);
      await both(['--group', 'G', '--from-file', 'F:plain', '--dry-run', '--export']);
      await both(['--group', 'G', '--from-file', 'F:grouped', '--execute']);
      expect((await describeJson(mine)).offsets.map((o) => [o.partition, o.currentOffset])).toEqual([
        [0, 8],
        [1, 3],
      ]);
      // What --export wrote, read back.
      const exported = await kfk(['group', 'reset-offsets', ...B, '--group', mine, '--all-topics', '--to-earliest', '--dry-run', '--export']);
      writeFileSync(file(mine, 'exported'), exported.stdout);
      const back = await kfk(['group', 'reset-offsets', ...B, '--group', mine, '--from-file', file(mine, 'exported'), '--execute', '--export']);
      expect(back).toMatchObject({ code: 0, stdout: exported.stdout, stderr: '' });
      expect((await describeJson(mine)).offsets.map((o) => [o.partition, o.currentOffset])).toEqual([
        [0, 0],
        [1, 0],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reset-offsets refuses while the group has an active member, like Kafka', async () => {
    const t = await topicWith([3]);
    const g = uniqueName('active');
    const member = kfk(['consume', ...B, '--topic', t, '--group', g, '--from-beginning', '--timeout-ms', '6000']);
    let state = '';
    for (let i = 0; i < 60 && state !== 'Stable'; i++) {
      const r = await kfk(['group', 'describe', ...B, '--group', g, '--state', '-o', 'json']);
      state = r.code === 0 ? (JSON.parse(r.stdout) as { state: string }).state : '';
      if (state !== 'Stable') await new Promise((res) => setTimeout(res, 250));
    }
    expect(state).toBe('Stable');
    const members = await kfk(['group', 'describe', ...B, '--group', g, '--members']);
    const realMembers = await groupsTool(['--describe', '--group', g, '--members']);
    expect(members).toMatchObject({ code: 0, stdout: realMembers.stdout });
    const r = await kfk(['group', 'reset-offsets', ...B, '--group', g, '--topic', t, '--to-earliest', '--execute']);
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `kfk: Assignments can only be reset if the group '${g}' is inactive, but the current state is Stable.\n`,
    });
    expect((await member).code).toBe(0);
  });

  it('delete-offsets and delete remove what they name', async () => {
    const t = await topicWith([2, 2]);
    const g = uniqueName('del');
    await consumeInGroup(t, g, 4);
    const r = await kfk(['group', 'delete-offsets', ...B, '--group', g, '--topic', `${t}:0`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const w = Math.max(15, t.length);
    expect(r.stdout).toBe(`Request succeeded for deleting offsets from group ${g}.\n\n${'TOPIC'.padEnd(w)} PARTITION  STATUS         \n${t.padEnd(w)} 0          Successful     \n`);
    expect((await describeJson(g)).offsets.map((o) => o.partition)).toEqual([1]);

    expect(await kfk(['group', 'delete', ...B, '--group', g])).toMatchObject({ code: 0, stdout: `Deletion of requested consumer groups ('${g}') was successful.\n` });
    expect((await kfk(['group', 'describe', ...B, '--group', g])).code).toBe(1);
    const gone = await kfk(['group', 'delete', ...B, '--group', g]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain(`* Group '${g}' could not be deleted due to: `);
  });

  it('list shows groups with their state; --state filters', async () => {
    const t = await topicWith([1]);
    const g = uniqueName('listed');
    await consumeInGroup(t, g, 1);
    const all = await kfk(['group', 'list', ...B]);
    expect(all.stdout.split('\n')).toContain(g);
    const json = JSON.parse((await kfk(['group', 'list', ...B, '-o', 'json'])).stdout) as Array<{ group: string; state: string; protocolType: string }>;
    expect(json.find((x) => x.group === g)).toMatchObject({ state: 'Empty', protocolType: 'consumer' });
    const stable = await kfk(['group', 'list', ...B, '--state', 'stable']);
    expect(stable.stdout).not.toContain(g);
    expect(stable.stdout.startsWith('GROUP')).toBe(true);
    expect(await kfk(['group', 'list', ...B, '--state', 'sleepy'])).toMatchObject({
      code: 2,
      stderr: "kfk: Invalid state list 'sleepy'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling\n",
    });
  });
});

describe('kfk config', () => {
  it('alter changes only the named keys; describe prints what kafka-configs prints', async () => {
    const t = uniqueName('cfg');
    await kfk(['topic', 'create', ...B, '--topic', t, '--config', 'retention.ms=60000', '--config', 'cleanup.policy=compact']);
    expect(await kfk(['config', 'alter', ...B, '--topic', t, '--set', 'max.message.bytes=200000', '--delete', 'cleanup.policy'])).toMatchObject({
      code: 0,
      stdout: `Completed updating config for topic ${t}.\n`,
    });
    const ours = await kfk(['config', 'describe', ...B, '--topic', t]);
    expect(ours.stdout).toBe(
      `Dynamic configs for topic ${t} are:\n` +
        '  max.message.bytes=200000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:max.message.bytes=200000, DEFAULT_CONFIG:message.max.bytes=1048588}\n' +
        '  retention.ms=60000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=60000}\n',
    );
    const real = await kafka4Tool('configs', ['--bootstrap-server', bootstrap, '--describe', '--entity-type', 'topics', '--entity-name', t]);
    expect(ours.stdout).toBe(real.stdout);
    const all = JSON.parse((await kfk(['config', 'describe', ...B, '--topic', t, '--all', '-o', 'json'])).stdout) as { configs: Array<{ name: string; value: string; source: string }> };
    expect(all.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({ value: 'delete', source: 'DEFAULT_CONFIG' });
  });

  it('an unknown config name and a bad value are one-line errors', async () => {
    const t = uniqueName('cfgbad');
    await kfk(['topic', 'create', ...B, '--topic', t]);
    const name = await kfk(['config', 'alter', ...B, '--topic', t, '--set', 'no.such.config=1']);
    expect(name.code).toBe(1);
    expect(name.stderr).toMatch(/^kfk: .*no\.such\.config.*\n$/);
    const value = await kfk(['config', 'alter', ...B, '--topic', t, '--set', 'retention.ms=soon']);
    expect(value.code).toBe(1);
    expect(value.stderr).toMatch(/^kfk: .*retention\.ms.*\n$/);
    expect(await kfk(['config', 'describe', ...B, '--topic', uniqueName('none')])).toMatchObject({ code: 1 });
  });

  it('broker configs: set and delete a dynamic broker config', async () => {
    const { brokers } = JSON.parse((await kfk(['cluster', 'describe', ...B, '-o', 'json'])).stdout) as { brokers: Array<{ id: number }> };
    const id = String(brokers[0].id);
    // The controller answers the alter once it has committed it; the broker applies it from the
    // metadata log a moment later (kafka-configs --describe right after it can show the old
    // value too): the describe is asked again, for up to 5 s, until it shows the change.
    const describedAs = async (check: (stdout: string) => boolean) => {
      let d = await kfk(['config', 'describe', ...B, '--broker', id]);
      for (let i = 0; i < 50 && d.code === 0 && !check(d.stdout); i++) {
        await sleep(100);
        d = await kfk(['config', 'describe', ...B, '--broker', id]);
      }
      return d;
    };
    const set = `Dynamic configs for broker ${id} are:\n  log.cleaner.io.max.bytes.per.second=1.0E9 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:log.cleaner.io.max.bytes.per.second=1.0E9`;
    expect((await kfk(['config', 'alter', ...B, '--broker', id, '--set', 'log.cleaner.io.max.bytes.per.second=1.0E9'])).code).toBe(0);
    const d = await describedAs((out) => out.includes(set));
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain(set);
    expect((await kfk(['config', 'alter', ...B, '--broker', id, '--delete', 'log.cleaner.io.max.bytes.per.second'])).code).toBe(0);
    const after = await describedAs((out) => !out.includes('log.cleaner.io.max.bytes.per.second'));
    expect({ code: after.code, stdout: after.stdout }).toEqual({ code: 0, stdout: `Dynamic configs for broker ${id} are:\n` });
  });
});

describe('kfk cluster and offsets', () => {
  it('cluster describe names the cluster id and the broker at the bootstrap address', async () => {
    const r = await kfk(['cluster', 'describe', ...B, '-o', 'json']);
    const info = JSON.parse(r.stdout) as { clusterId: string; controller: number; brokers: Array<{ id: number; host: string; port: number }> };
    expect(info.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(info.brokers.map((b) => `${b.host}:${b.port}`)).toContain(bootstrap);
    const text = await kfk(['cluster', 'describe', ...B]);
    expect(text.stdout.startsWith(`Cluster ID: ${info.clusterId}\nController: ${info.controller}\nBroker: `)).toBe(true);
  });

  it('offsets print what kafka-get-offsets prints', async () => {
    const t = await topicWith([4, 0, 9]);
    for (const [ours, theirs] of [[[], []], [['--time', 'earliest'], ['--time', '-2']], [['--time', '4102444800000'], ['--time', '4102444800000']]]) {
      const k = await kfk(['offsets', ...B, '--topic', t, ...ours]);
      const real = await kafka4Tool('offsets', ['--bootstrap-server', bootstrap, '--topic', t, ...theirs]);
      expect(k).toMatchObject({ code: 0, stdout: real.stdout, stderr: '' });
    }
    expect((await kfk(['offsets', ...B, '--topic', t])).stdout).toBe(`${t}:0:4\n${t}:1:0\n${t}:2:9\n`);
  });
});

describe('names for shell completion', () => {
  it('__complete lists topics and groups of the cluster, and stays silent when it cannot answer', async () => {
    const t = await topicWith([1]);
    const g = uniqueName('complete');
    await consumeInGroup(t, g, 1);
    expect((await kfk(['__complete', 'topics', ...B])).stdout.split('\n')).toContain(t);
    expect((await kfk(['__complete', 'groups', ...B])).stdout.split('\n')).toContain(g);
    const dead = await kfk(['__complete', 'topics', '--bootstrap-server', '127.0.0.1:1']);
    expect(dead).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(dead.ms).toBeLessThan(5000);
    const script = await kfk(['completion', 'bash']);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('complete -F _kfk kfk');
  });
});

