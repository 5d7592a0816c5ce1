// kfk-kafka-consumer-groups against Kafka 4.4's ConsumerGroupCommand on the shared test broker:
// the same command line through Kafka's tool and through kfk's drop-in on the same cluster state;
// stdout byte for byte, stderr and the exit code together; a bad command line's error line.
import { describe, expect, inject, it } from 'vitest';
import { kfk, kfkProcess, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, dropIn, realScript } from '../helpers/kafka-tools.js';
import { isKafka3 } from '../../src/local/kafka-dist.js';

const { bootstrap } = inject('cluster');
const BS = ['--bootstrap-server', bootstrap];
const real = (args: string[]) => realScript('kafka-consumer-groups', [...BS, ...args]);
const ours = (args: string[]) => dropIn('kafka-consumer-groups', [...BS, ...args]);

const RESET_WARNING =
  'WARN: No action will be performed as the --execute option is missing. In version 5.0, this command will require either --dry-run or --execute to be specified. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.';

/** A topic with `counts[p]` records in partition p. */
async function topicWith(counts: number[]): Promise<string> {
  const t = uniqueName('cgc');
  expect((await kfk(['topic', 'create', ...BS, '--topic', t, '--partitions', String(counts.length)])).code).toBe(0);
  for (const [p, n] of counts.entries()) {
    const lines = Array.from({ length: n }, (_, i) => `p${p}-${i}`).join('\n') + '\n';
    expect((await kfk(['produce', ...BS, '--topic', t, '--partition', String(p)], { input: lines })).code).toBe(0);
  }
  return t;
}

async function consumeInGroup(t: string, group: string, n: number): Promise<void> {
  const r = await kfk(['consume', ...BS, '--topic', t, '--group', group, '--from-beginning', '--max-messages', String(n), '--timeout-ms', '15000']);
  expect(r.code, r.stderr).toBe(0);
}

/** Both tools on the same command line, at once. */
async function both(args: string[]) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  return { r, o };
}

/** Kafka's tool and the drop-in print the same, stderr and exit code included. */
async function expectSame(args: string[]): Promise<string> {
  const { r, o } = await both(args);
  expect(r.code, r.stderr).toBe(0);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr });
  return o.stdout;
}

/**
 * --list on the shared broker, where other tests create, join and delete groups: both tools' whole
 * output once they listed the same groups in the same states (asked again, up to five times, while
 * they differ).
 */
async function expectSameList(args: string[]): Promise<string> {
  for (let i = 0; ; i++) {
    const { r, o } = await both(args);
    expect(r.code, r.stderr).toBe(0);
    if (i < 4 && r.stdout !== o.stdout) continue;
    expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 0, stdout: r.stdout, stderr: r.stderr });
    return o.stdout;
  }
}

/** Kafka's tool prints its usage (or a stack trace) after the error; the drop-in prints the error alone. */
async function expectSameError(args: string[], text: string, alternative?: string) {
  const { r, o } = await both(args);
  expect(r.code).toBe(1);
  // Where the tool prints a Java HashSet of two options, their order changes from run to run.
  expect(r.stderr.includes(text + '\n') || (alternative !== undefined && r.stderr.includes(alternative + '\n')), r.stderr).toBe(true);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: text + '\n' });
}

/** The same command line for two groups in the same state, one through each tool: the same text but for the group's name. */
async function expectSameFor(theirs: string, mine: string, args: (group: string) => string[]) {
  const [r, o] = await Promise.all([real(args(theirs)), ours(args(mine))]);
  expect(r.code, r.stderr).toBe(0);
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 0, stdout: r.stdout.split(theirs).join(mine), stderr: r.stderr.split(theirs).join(mine) });
  return o.stdout;
}

/** Until the group is in `want` (up to 15 s). */
async function waitForState(group: string, want: string): Promise<void> {
  let state = '';
  for (let i = 0; i < 60 && state !== want; i++) {
    const r = await kfk(['group', 'describe', ...BS, '--group', group, '--state', '-o', 'json']);
    state = r.code === 0 ? (JSON.parse(r.stdout) as { state: string }).state : '';
    if (state !== want) await new Promise((res) => setTimeout(res, 250));
  }
  expect(state).toBe(want);
}

async function committed(group: string): Promise<Array<[number, number | null]>> {
  const r = await kfk(['group', 'describe', ...BS, '--group', group, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { offsets: Array<{ partition: number; currentOffset: number | null }> }).offsets.map((o) => [o.partition, o.currentOffset]);
}

describe('kfk-kafka-consumer-groups (ConsumerGroupCommand)', () => {
  it('--list and --describe of one group, of two and of --all-groups', async () => {
    const t = await topicWith([5, 3]);
    // Named so that the second sorts first: the tool describes groups by name.
    const [ga, gb] = [uniqueName('cgc-b'), uniqueName('cgc-a')];
    await consumeInGroup(t, ga, 8);
    await consumeInGroup(t, gb, 4);
    const two = ['--group', ga, '--group', gb];
    const [list, , , , offsets, members, states] = await Promise.all([
      expectSameList(['--list']),
      expectSameList(['--list', '--state']),
      expectSameList(['--list', '--type', '--state']),
      expectSameList(['--list', '--type=classic']),
      expectSame(['--describe', '--group', ga]),
      expectSame(['--describe', ...two, '--members', '--verbose']),
      expectSame(['--describe', ...two, '--state']),
    ]);
    expect(list.split('\n')).toEqual(expect.arrayContaining([ga, gb]));
    expect(offsets).toContain(`\n${ga} ${t.padEnd(15)} 0          5               5               0               -`);
    expect(members.match(/\nGROUP /g)).toHaveLength(2);
    expect(states.indexOf(`\n${gb} `)).toBeLessThan(states.indexOf(`\n${ga} `));

    // Every group of the shared broker: the blocks of this test's groups, in the same places.
    const [all, missing] = await Promise.all([both(['--describe', '--all-groups', '--verbose']), both(['--describe', ...two, '--group', uniqueName('none')])]);
    const blocks = (out: string) => out.split(/(?=\nGROUP )/).filter((b) => b.includes(`\n${ga} `) || b.includes(`\n${gb} `));
    expect(all.r.code, all.r.stderr).toBe(0);
    expect(all.o.code).toBe(0);
    expect(blocks(all.o.stdout)).toEqual(blocks(all.r.stdout));
    expect(blocks(all.o.stdout)).toHaveLength(2);
    // A group that does not exist: the tool's Error line on stdout (and a stack trace on stderr),
    // exit 0. A Kafka 3 broker describes it as Dead: the tool describes the others and names it in
    // its place, with its notes on stderr for the groups without members.
    expect(missing.r.code).toBe(0);
    if (isKafka3(CLUSTER_KAFKA_VERSION)) {
      expect({ code: missing.o.code, stdout: missing.o.stdout }).toEqual({ code: 0, stdout: missing.r.stdout });
      expect(missing.o.stdout).toMatch(/\nError: Consumer group 'none-\S+' does not exist\.\n$/);
      expect(missing.o.stderr).toBe([gb, ga].map((g) => `\nConsumer group '${g}' has no active members.\n`).join(''));
    } else {
      expect({ code: missing.o.code, stdout: missing.o.stdout, stderr: missing.o.stderr }).toEqual({ code: 0, stdout: missing.r.stdout, stderr: '' });
      expect(missing.o.stdout).toMatch(/^\nError: Executing consumer group command failed due to org\.apache\.kafka\.common\.errors\.GroupIdNotFoundException: Group none-\S+ not found\.\n$/);
    }
  });

  it('--reset-offsets (dry run, --export, --execute), --delete-offsets and --delete', async () => {
    const t = await topicWith([6, 4]);
    // One group for each tool, in the same state; names of one length, as the columns follow them.
    const [theirs, mine] = [uniqueName('cgc-kafk'), uniqueName('cgc-mine')];
    await Promise.all([consumeInGroup(t, theirs, 10), consumeInGroup(t, mine, 10)]);
    await Promise.all([
      // Without --dry-run: the tool's warning on stderr, and the plan.
      expectSameFor(theirs, mine, (g) => ['--reset-offsets', '--group', g, '--topic', t, '--to-earliest']),
      expectSameFor(theirs, mine, (g) => ['--reset-offsets', '--group', g, '--topic', `${t}:1`, '--shift-by', '-3', '--dry-run']),
      expectSameFor(theirs, mine, (g) => ['--reset-offsets', '--group', g, '--all-topics', '--to-offset', '2', '--dry-run', '--export']),
    ]);
    expect(await committed(mine)).toEqual([
      [0, 6],
      [1, 4],
    ]);
    const plan = await expectSameFor(theirs, mine, (g) => ['--reset-offsets', '--group', g, '--topic', `${t}:0`, '--to-offset', '2', '--execute']);
    expect(plan).toContain(`\n${mine} ${t.padEnd(15)} 0          2\n`);
    expect(await committed(mine)).toEqual([
      [0, 2],
      [1, 4],
    ]);
    const deleted = await expectSameFor(theirs, mine, (g) => ['--delete-offsets', '--group', g, '--topic', `${t}:1`]);
    expect(deleted).toMatch(new RegExp(`^Request succeeded for deleting offsets from group ${mine}\\.\\n`));
    expect(await committed(mine)).toEqual([[0, 2]]);
    await expectSameFor(theirs, mine, (g) => ['--delete', '--group', g]);
    // Gone: the tool reports it on stdout and exits 0.
    const gone = await expectSameFor(theirs, mine, (g) => ['--delete', '--group', g]);
    expect(gone).toBe(`\nError: Deletion of some consumer groups failed:\n* Group '${mine}' could not be deleted due to: org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.\n`);
  });

  it('--reset-offsets of several groups, one of them with a member: each group in the tool\'s order, one table', async () => {
    const t = await topicWith([3, 5]);
    // Names of different lengths: the GROUP column is as wide as the longest.
    const [ga, gb, active] = [uniqueName('cgc-several-a'), uniqueName('cgc-several-b-with-a-longer-name'), uniqueName('cgc-several-active')];
    await Promise.all([consumeInGroup(t, ga, 8), consumeInGroup(t, gb, 8)]);
    const member = kfkProcess(['consume', ...BS, '--topic', t, '--group', active, '--from-beginning']);
    await waitForState(active, 'Stable');
    const three = ['--group', ga, '--group', active, '--group', gb];
    const [plan] = await Promise.all([
      expectSame(['--reset-offsets', ...three, '--topic', t, '--to-earliest', '--dry-run']),
      expectSame(['--reset-offsets', ...three, '--all-topics', '--shift-by', '-2', '--dry-run', '--export']),
    ]);
    expect(plan).toContain(`\nError: Assignments can only be reset if the group '${active}' is inactive, but the current state is Stable.\n`);
    expect(plan.match(/\nGROUP /g)).toHaveLength(1);
    // kfk's own command: the same table, the group with members named on stderr, exit 1.
    const refused = `Assignments can only be reset if the group '${active}' is inactive, but the current state is Stable.`;
    const own = await kfk(['group', 'reset-offsets', ...BS, ...three, '--topic', t, '--to-earliest', '--dry-run']);
    expect({ code: own.code, stdout: own.stdout, stderr: own.stderr }).toEqual({
      code: 1,
      stdout: plan.replace(`\nError: ${refused}\n`, ''),
      stderr: `kfk: warning: ${refused}\nkfk: 1 of 3 group(s) not reset: they have active members\n`,
    });
    // --execute prints the same table and commits each inactive group's offsets. The member's
    // group is still active, though on a loaded machine it may be rebalancing by then (the
    // tool names the state it finds).
    await waitForState(active, 'Stable');
    const done = await ours(['--reset-offsets', ...three, '--topic', t, '--to-earliest', '--execute']);
    const anyActiveState = (s: string) => s.replace(/but the current state is (Stable|PreparingRebalance|CompletingRebalance)\./, 'but the current state is ACTIVE.');
    expect({ code: done.code, stdout: anyActiveState(done.stdout), stderr: done.stderr }).toEqual({ code: 0, stdout: anyActiveState(plan), stderr: '' });
    for (const g of [ga, gb]) {
      expect(await committed(g)).toEqual([
        [0, 0],
        [1, 0],
      ]);
    }
    member.child.kill('SIGTERM');
    expect((await member.done).code).toBe(0);
  });

  it('--reset-offsets of a group with members: the tool checks the group first and reports it, exit 0', async () => {
    const t = await topicWith([2]);
    const g = uniqueName('cgc-active');
    const member = kfk(['consume', ...BS, '--topic', t, '--group', g, '--from-beginning', '--timeout-ms', '6000']);
    await waitForState(g, 'Stable');
    const [plan, noScope] = await Promise.all([
      expectSame(['--reset-offsets', '--group', g, '--topic', t, '--to-earliest', '--execute']),
      // Without a scope: the group's state is the tool's answer, before the missing scope.
      expectSame(['--reset-offsets', '--group', g, '--to-earliest']),
    ]);
    const header = `\n${'GROUP'.padEnd(Math.max(15, g.length))} ${'TOPIC'.padEnd(15)} PARTITION  NEW-OFFSET\n`;
    expect(plan).toBe(`\nError: Assignments can only be reset if the group '${g}' is inactive, but the current state is Stable.\n${header}`);
    expect(noScope).toBe(plan);
    expect((await member).code).toBe(0);
  });

  it('a bad command line: the error line alone on stderr, exit 1', async () => {
    const g = uniqueName('cgc-bad');
    await Promise.all([
      expectSameError([], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex'),
      expectSameError(['--describe', '--delete', '--group', g], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex'),
      expectSameError(['--describe'], 'Option [describe] takes one of these options: [all-groups], [group]', 'Option [describe] takes one of these options: [group], [all-groups]'),
      expectSameError(['--delete', '--group', g, '--topic', 't'], 'The consumer does not support topic-specific offset deletion from a consumer group.'),
      expectSameError(['--reset-offsets', '--group', g, '--to-earliest'], `${RESET_WARNING}\nOne of the reset scopes should be defined: --all-topics, --topic.`),
      expectSameError(['--reset-offsets', '--group', g, '--topic', 't', '--to-earliest', '--dry-run', '--execute'], 'Option [reset-offsets] only accepts one of [execute] and [dry-run]'),
      expectSameError(['--list', '--members'], 'Exception in thread "main" joptsimple.UnavailableOptionException: Option(s) [members] are unavailable given other options on the command line'),
      expectSameError(['--desc', '--group', g], 'Exception in thread "main" joptsimple.UnrecognizedOptionException: desc is not a recognized option'),
    ]);
  });
});
