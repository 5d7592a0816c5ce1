// kfk streams-group and kfk-kafka-streams-groups (`kfk compat kafka-streams-groups`) against
// Kafka 4.4's StreamsGroupCommand on the shared test broker, with a real Kafka Streams application
// in the group (test/helpers/java/StreamsApp.java, group.protocol=streams): the same command line
// through Kafka's tool and through the drop-in on the same cluster state, stdout byte for byte and
// both exit codes; then the application stopped, the group empty, its offsets reset (the
// application, started again, reads its input again), and deleted. Streams groups are Kafka 4.1+ only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cacheDir, ensureKafka, isKafka3, JVM_QUIET_FLAGS } from '../../src/local/kafka-dist.js';
import { kfk, sleep, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const STREAMS_GROUPS = 'org.apache.kafka.tools.streams.StreamsGroupCommand';
const real = (args: string[]) => kafkaTool(STREAMS_GROUPS, [...B, ...args], { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-streams-groups', ...B, ...args]);

/** kafka-streams (not among the broker's jars) from Maven Central, beside the cached Kafka. */
function streamsJar(version: string): string {
  const dir = join(cacheDir(process.env), `kafka-streams-${version}`);
  const jar = join(dir, `kafka-streams-${version}.jar`);
  if (!existsSync(jar)) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=org.apache.kafka:kafka-streams:${version}`, `-DoutputDirectory=${dir}`], { encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(jar)) throw new Error(`cannot fetch kafka-streams ${version} with Maven: ${r.stdout}${r.stderr}`);
  }
  return jar;
}

async function same(args: string[], code = 0): Promise<string> {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code, stdout: o.stdout });
  expect(o.code, o.stderr).toBe(code);
  if (code === 0) expect(o.stderr).toBe('');
  return o.stdout;
}

/**
 * As same(), for output whose rows come from a Java HashMap of partitions: two partitions in one
 * bucket are printed in the order the tool's admin client filled its map, which changes from run
 * to run. The lines are compared as a set, and kfk's order must be one the tool can print.
 */
async function sameRows(args: string[]): Promise<string> {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  const lines = (x: string) => x.split('\n');
  expect({ code: r.code, rows: [...lines(r.stdout)].sort() }, r.stderr).toEqual({ code: 0, rows: [...lines(o.stdout)].sort() });
  expect({ code: o.code, stderr: o.stderr }).toEqual({ code: 0, stderr: '' });
  return o.stdout;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await sleep(300);
  }
}

interface OffsetsJson {
  group: string;
  state: string;
  totalLag: number;
  offsets: Array<{ topic: string; partition: number; current: number | null; logEnd: number; lag: number }>;
}
const describeJson = async (group: string): Promise<OffsetsJson | null> => {
  const r = await kfk(['streams-group', 'describe', ...B, '--group', group, '-o', 'json']);
  return r.code === 0 ? (JSON.parse(r.stdout) as OffsetsJson[])[0] : null;
};
const stateOf = async (group: string) => {
  const r = await kfk(['streams-group', 'list', ...B, '--state', '-o', 'json']);
  return (JSON.parse(r.stdout) as Array<{ group: string; state: string }>).find((g) => g.group === group)?.state;
};

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('streams groups (KIP-1071) with a Kafka Streams application, as kafka-streams-groups shows them', () => {
  const app = uniqueName('app');
  const input = uniqueName('sgin');
  const output = uniqueName('sgout');
  const work = mkdtempSync(join(tmpdir(), 'kfk-streams-'));
  let java: ChildProcess | undefined;
  let out = '';
  /** Starts the application and waits until it runs. */
  const startApp = async () => {
    const dist = ensureKafka(KAFKA4_VERSION, process.env, () => undefined);
    const source = fileURLToPath(new URL('../helpers/java/StreamsApp.java', import.meta.url));
    out = '';
    java = spawn('java', [...JVM_QUIET_FLAGS, '-cp', `${dist.classpath}:${streamsJar(KAFKA4_VERSION)}`, source, bootstrap, app, input, output, join(work, 'state')], { stdio: ['ignore', 'pipe', 'pipe'] });
    java.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    java.stderr!.on('data', () => undefined);
    await waitFor('the application runs', async () => out.includes('STATE RUNNING'), 90_000);
  };
  /** Stops the application (it leaves the group) and waits until the group is empty. */
  const stopApp = async () => {
    const exited = new Promise((resolve) => java!.once('exit', resolve));
    java!.kill('SIGTERM');
    await exited;
    await waitFor('the group is empty', async () => (await stateOf(app)) === 'Empty', 90_000);
  };
  const outputRecords = async () => {
    const read = await kfk(['consume', ...B, '--topic', output, '--from-beginning', '-e']);
    expect(read.code, read.stderr).toBe(0);
    return read.stdout.split('\n').filter(Boolean).sort();
  };
  const upper = Array.from({ length: 90 }, (_, i) => `V${i}`).sort();

  beforeAll(async () => {
    for (const [t, n] of [
      [input, 3],
      [output, 1],
    ] as const)
      expect(await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', String(n)])).toMatchObject({ code: 0 });
    const lines = Array.from({ length: 90 }, (_, i) => `k${i}\tv${i}`);
    expect(await kfk(['produce', ...B, '--topic', input, '--property', 'parse.key=true'], { input: lines.join('\n') + '\n' })).toMatchObject({ code: 0, stderr: '' });
    await startApp();
    // Every record read and its offset committed, the group stable with its one member.
    await waitFor('the application has committed every record', async () => {
      const d = await describeJson(app);
      // The input's 3 partitions and the repartition topic's 3, every record of each read.
      const read = (t: string) => d?.offsets.filter((o) => o.topic === t) ?? [];
      return d?.state === 'Stable' && read(input).length === 3 && read(input).every((o) => o.current === o.logEnd && o.logEnd > 0) && read(`${app}-by-letter-repartition`).some((o) => o.logEnd === 90 && o.current === 90);
    });
  }, 180_000);

  afterAll(async () => {
    if (java && java.exitCode === null) java.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('list, describe (offsets, members, state; --verbose; --all-groups): the tool text, byte for byte', async () => {
    expect(await outputRecords()).toEqual(upper);

    expect(await same(['--list'])).toContain(`${app}\n`);
    // The completion scripts offer it for --group.
    expect((await kfk(['__complete', 'groups', ...B])).stdout.split('\n')).toContain(app);
    expect(await same(['--list', '--state'])).toMatch(new RegExp(`^${app} +Stable$`, 'm'));
    expect(await same(['--list', '--state', 'stable,Empty'])).toMatch(new RegExp(`^${app} +Stable$`, 'm'));
    const offsets = await sameRows(['--describe', '--group', app]);
    expect(offsets.split('\n').filter(Boolean)).toHaveLength(7);
    expect(offsets).toMatch(/^GROUP +TOPIC +PARTITION +OFFSET-LAG\n/);
    await sameRows(['--describe', '--group', app, '--offsets', '--verbose']);
    const members = await same(['--describe', '--group', app, '--members']);
    expect(members).toMatch(/ ACTIVE: 0:\[0,1,2\]; 1:\[0,1,2\]; \n$/);
    await same(['--describe', '--group', app, '--members', '--verbose']);
    expect(await same(['--describe', '--group', app, '--state'])).toMatch(new RegExp(`^${app} +127\\.0\\.0\\.1:\\d+ \\(\\d+\\) +\\S+ +Stable +1\\n$`, 'm'));
    await same(['--describe', '--group', app, '--state', '--verbose']);
    await same(['--describe', '--all-groups', '--state']);
    // Offsets of topics the running application reads cannot be deleted: each partition's error, as the tool prints it.
    expect(await same(['--delete-offsets', '--group', app, '--input-topic', input])).toMatch(/^\nError: Encountered some partition-level error, see the follow-up details.\n\nTOPIC/);
    // A reset while the application runs: refused, as the tool refuses it (on stdout, exit 0), alone or among all groups.
    await same(['--reset-offsets', '--all-groups', '--all-input-topics', '--to-earliest', '--dry-run']);
    expect(await kfk(['streams-group', 'reset-offsets', ...B, '--group', app, '--all-topics', '--to-earliest'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `kfk: Assignments can only be reset if the group '${app}' is inactive, but the current state is Stable.\n`,
    });
    expect(await same(['--reset-offsets', '--group', app, '--all-input-topics', '--to-earliest', '--dry-run'])).toMatch(/^\nError: Assignments can only be reset if the group '.*' is inactive, but the current state is Stable.\n\nGROUP {26}TOPIC/);
  });

  it('a missing group, a consumer group, a group in use deleted: the tool text and exit code', async () => {
    const consumerGroup = uniqueName('cg');
    expect((await kfk(['consume', ...B, '--topic', input, '--group', consumerGroup, '--from-beginning', '--max-messages', '1'])).code).toBe(0);
    expect(await same(['--describe', '--group', 'no-such-streams-group'], 1)).toBe("\nError: Executing streams group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group no-such-streams-group not found.\n");
    expect(await same(['--describe', '--group', consumerGroup], 1)).toBe(`\nError: Executing streams group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group ${consumerGroup} is not a streams group.\n`);
    // The groups before the missing one are printed, then the error.
    await same(['--describe', '--group', app, '--group', 'no-such-streams-group', '--state'], 1);
    expect(await same(['--delete', '--group', app])).toBe(
      `\nError: Deletion of some streams groups failed:\n* Group '${app}' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: Streams group '${app}' is not EMPTY.\n`,
    );
    expect(await same(['--delete', '--group', consumerGroup])).toBe(
      `\nError: Deletion of some streams groups failed:\n* Group '${consumerGroup}' could not be deleted due to: java.lang.IllegalArgumentException: Group '${consumerGroup}' does not exist or is not a streams group.\n`,
    );
    // kfk's own command: one line, exit 1.
    expect(await kfk(['streams-group', 'describe', ...B, '--group', 'no-such-streams-group'])).toMatchObject({ code: 1, stdout: '', stderr: "kfk: Streams group 'no-such-streams-group' does not exist.\n" });
    expect(await kfk(['streams-group', 'describe', ...B, '--group', consumerGroup])).toMatchObject({ code: 1, stdout: '', stderr: `kfk: Group '${consumerGroup}' is not a streams group.\n` });
    expect(await kfk(['streams-group', 'delete', ...B, '--group', app])).toMatchObject({ code: 1, stderr: 'kfk: 1 of 1 streams group(s) not deleted\n' });
    expect(await kfk(['group', 'describe', ...B, '--group', app])).toMatchObject({ code: 1, stdout: '', stderr: `kfk: group '${app}' is a streams group: kfk streams-group describe --group ${app}\n` });
  });

  it('bad command lines: the tool error line and exit code', async () => {
    const cases: Array<[string[], string]> = [
      [['--describe'], 'Option [describe] takes one of these options: [all-groups], [group]'],
      [['--describe', '--group', app, '--members', '--state'], 'Option [describe] takes at most one of these options: [members], [offsets], [state], [topology]'],
      [['--delete'], 'Option [delete] takes one of these options: [all-groups], [group]'],
      [['--delete', '--group', app, '--all-input-topics'], 'Kafka Streams does not support topic-specific offset deletion from a streams group.'],
      [['--all-groups'], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, or --delete-offsets.'],
      [['--list', '--describe', '--group', app], 'Option "[group]" can\'t be used with option "[list]"'],
    ];
    for (const [args, line] of cases) {
      const [r, o] = await Promise.all([real(args), ours(args)]);
      expect({ code: r.code, stdout: r.stdout }, args.join(' ')).toEqual({ code: 1, stdout: '' });
      expect(r.stderr, args.join(' ')).toContain(line + '\n');
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }, args.join(' ')).toEqual({ code: 1, stdout: '', stderr: line + '\n' });
    }
    // What kfk does not do is said, not done.
    expect(await ours(['--describe', '--group', app, '--topology'])).toMatchObject({ code: 1, stdout: '' });
  });

  it('the application stopped: the group empty as the tool shows it, its offsets reset (the application reads its input again), then deleted', async () => {
    await stopApp();
    const state = await same(['--describe', '--group', app, '--state']);
    expect(state).toMatch(new RegExp(`^\\nError: Streams group '${app}' has no active members.\\nGROUP`));
    expect(await same(['--describe', '--group', app, '--members'])).toBe('');
    expect(await same(['--describe', '--group', app])).toBe('');
    expect(await kfk(['streams-group', 'describe', ...B, '--group', app, '--members'])).toMatchObject({ code: 0, stdout: '', stderr: `kfk: Streams group '${app}' has no active members.\n` });
    // Reset plans as the tool prints them, then a reset to the earliest offsets.
    expect(await sameRows(['--reset-offsets', '--group', app, '--all-input-topics', '--to-current', '--dry-run'])).toMatch(/^\nGROUP {26}TOPIC {26}PARTITION {2}NEW-OFFSET {5}(\n.*){3}\n$/);
    await sameRows(['--reset-offsets', '--group', app, '--input-topic', `${input}:0,2`, '--shift-by', '-5', '--dry-run']);
    await sameRows(['--reset-offsets', '--group', app, '--all-input-topics', '--to-earliest', '--dry-run', '--export']);
    // Every group (one table, and CSV with the group ids); a group the cluster does not know ends the command.
    await sameRows(['--reset-offsets', '--all-groups', '--all-input-topics', '--to-current', '--dry-run']);
    expect(await sameRows(['--reset-offsets', '--all-groups', '--all-input-topics', '--to-earliest', '--dry-run', '--export'])).toMatch(new RegExp(`^${app},${input},0,0\n`, 'm'));
    expect(await same(['--reset-offsets', '--group', app, '--group', 'no-such-streams-group', '--all-input-topics', '--to-current', '--dry-run'], 1)).toBe(
      '\nError: Executing streams group command failed due to java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupIdNotFoundException: Group no-such-streams-group not found.\n',
    );
    const plan = await sameRows(['--reset-offsets', '--group', app, '--all-input-topics', '--to-earliest', '--dry-run']);
    // Reset with the application's state: its repartition and changelog topics deleted too.
    const internal = [`${app}-by-letter-repartition`, `${app}-counts-changelog`];
    const topics = async () => (await kfk(['topic', 'list', ...B])).stdout.split('\n');
    expect(await topics()).toEqual(expect.arrayContaining(internal));
    expect(await ours(['--reset-offsets', '--group', app, '--all-input-topics', '--to-earliest', '--execute', '--delete-all-internal-topics'])).toMatchObject({ code: 0, stdout: plan, stderr: '' });
    await waitFor('the internal topics are deleted', async () => !(await topics()).some((t) => internal.includes(t)));
    expect((await sameRows(['--reset-offsets', '--group', app, '--input-topic', input, '--to-current', '--dry-run'])).split('\n').filter((l) => / 0 +$/.test(l))).toHaveLength(3);
    // The application reads its input again from the start: every record twice in its output.
    await startApp();
    await waitFor('the input is read again', async () => (await outputRecords()).length === 180, 90_000);
    expect(await outputRecords()).toEqual([...upper, ...upper].sort());
    await waitFor('the internal topics are made again', async () => {
      const now = await topics();
      return internal.every((t) => now.includes(t));
    });
    await stopApp();

    // Offsets deleted: one partition by the tool, another by the drop-in, the same report; then every one.
    const [realDeleted, ourDeleted] = [await real(['--delete-offsets', '--group', app, '--input-topic', `${input}:0`]), await ours(['--delete-offsets', '--group', app, '--input-topic', `${input}:1`])];
    expect(realDeleted.code, realDeleted.stderr).toBe(0);
    expect(realDeleted.stdout).toMatch(new RegExp(`^Request succeeded for deleting offsets from group ${app}.\n\nTOPIC +PARTITION  STATUS {9}\n${input} +0 +Successful {5}\n$`));
    expect(ourDeleted).toMatchObject({ code: 0, stdout: realDeleted.stdout.replace(/ 0( +)Successful/, ' 1$1Successful'), stderr: '' });
    const all = await ours(['--delete-offsets', '--group', app, '--all-input-topics']);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    expect(all.stdout).toContain(`\n${input}`);
    expect(await same(['--reset-offsets', '--group', app, '--all-input-topics', '--to-current', '--dry-run'])).toMatch(/^\nGROUP {26}TOPIC {26}PARTITION {2}NEW-OFFSET {5}\n$/);

    expect(await ours(['--delete', '--group', app, '--delete-all-internal-topics'])).toMatchObject({
      code: 0,
      stdout: `Deletion of requested streams groups ('${app}') was successful.\nDeletion of associated internal topics of the streams groups ('${app}') was successful.\n`,
      stderr: '',
    });
    await waitFor('the internal topics are deleted', async () => !(await topics()).some((t) => internal.includes(t)));
    const [r, o] = await Promise.all([real(['--list']), ours(['--list'])]);
    expect(r.stdout).toBe(o.stdout);
    expect(o.stdout.split('\n')).not.toContain(app);
  });
});
