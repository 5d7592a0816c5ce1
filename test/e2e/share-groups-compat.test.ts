// kfk-kafka-share-groups (`kfk compat kafka-share-groups`) against Kafka 4.4's ShareGroupCommand
// on the shared test broker: the same command line through Kafka's tool and through the drop-in
// on the same cluster state; stdout byte for byte, kfk's stderr and both exit codes; a bad
// command line's error line. Share groups are Kafka 4.x only. Kafka's tool starts a JVM each
// time: the runs that do not change the cluster go at once.
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';
import type { RunResult } from '../helpers/cli.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const SHARE_GROUPS = 'org.apache.kafka.tools.consumer.group.ShareGroupCommand';
const real = (args: string[]) => kafkaTool(SHARE_GROUPS, [...B, ...args], { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-share-groups', ...B, ...args]);

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const produce = async (topic: string, lines: string[]) => expect(await kfk(['produce', ...B, '--topic', topic], { input: lines.join('\n') + '\n' })).toMatchObject({ code: 0, stderr: '' });

/** A share group that starts at the log start and has read `n` records of `topic`, then left. */
async function readBy(group: string, topic: string, n: number): Promise<void> {
  expect((await kfk(['config', 'alter', ...B, '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
  expect((await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', String(n)])).code).toBe(0);
}

/** The tool's and the drop-in's runs agree: stdout, exit code; kfk's stderr is `stderr` and the tool's contains it. */
function agree(r: RunResult, o: RunResult, stderr = '') {
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: o.stdout });
  expect(r.stderr).toContain(stderr);
  expect({ code: o.code, stderr: o.stderr }).toEqual({ code: 0, stderr });
}

async function same(args: string[], stderr = ''): Promise<string> {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  agree(r, o, stderr);
  return o.stdout;
}

/** Output that other tests' share groups take part in (--list, --all-groups): compared again while they change it. */
async function sameCluster(args: string[]): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const [r, o] = await Promise.all([real(args), ours(args)]);
    if (r.stdout === o.stdout || attempt === 6) {
      expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: o.stdout });
      expect(o.code).toBe(0);
      return o.stdout;
    }
    await sleep(1000);
  }
}

/** Kafka's tool prints its usage (or a stack trace) around the error; kfk prints the line alone. */
async function expectSameError(args: string[], text: string | RegExp) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
  expect({ code: o.code, stdout: o.stdout }).toEqual({ code: 1, stdout: '' });
  if (typeof text === 'string') {
    expect(r.stderr).toContain(text + '\n');
    expect(o.stderr).toBe(text + '\n');
  } else {
    expect(r.stderr).toMatch(text);
    expect(o.stderr).toMatch(new RegExp(`^${text.source}\n$`));
  }
}

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('kfk-kafka-share-groups against kafka-share-groups', () => {
  it.concurrent('--list and --describe (offsets, members, state; --verbose; one group, several, --all-groups)', async () => {
    const topic = uniqueName('sgx');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '3'])).toMatchObject({ code: 0 });
    await produce(topic, range(0, 60).map(String));
    const [active, idle] = [uniqueName('sgx-active'), uniqueName('sgx-idle')];
    await readBy(idle, topic, 20);
    expect((await kfk(['config', 'alter', ...B, '--group', active, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
    const member = kfkProcess(['consume', ...B, '--topic', topic, '--share-group', active, '--verbose']);
    try {
      // The member has every record, and has acknowledged them: the group's offsets stay put.
      for (let i = 0; i < 150 && member.outputLines() < 60; i++) await sleep(100);
      expect(member.outputLines()).toBe(60);
      await sleep(1500);
      const none = `\nShare group '${idle}' has no active members.\n`;
      await Promise.all([
        same(['--describe', '--group', idle]),
        same(['--describe', '--group', idle, '--members'], none),
        same(['--describe', '--group', idle, '--state', '--verbose'], none),
        same(['--describe', '--group', active, '--members', '--verbose']),
        same(['--describe', '--group', active, '--offsets', '--verbose', '--group', idle]),
        same(['--describe', '--group', active, '--state']),
      ]);
      const [list, states, all] = await Promise.all([sameCluster(['--list']), sameCluster(['--list', '--state']), sameCluster(['--describe', '--all-groups', '--state'])]);
      expect(list.split('\n')).toEqual(expect.arrayContaining([active, idle]));
      expect(states).toMatch(new RegExp(`^GROUP +STATE\n(.*\n)*${idle} +Empty\n`));
      expect(all).toContain(`\n${active} `);
      await sameCluster(['--list', '--state', 'empty,Stable']);
      // A group that is not there: the tool's line on stdout, exit 0.
      const missing = uniqueName('sgx-none');
      expect(await same(['--describe', '--group', missing, '--members'])).toBe(`\nError: Executing share group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group ${missing} not found.\n`);
    } finally {
      member.child.kill('SIGINT');
      expect((await member.done).code).toBe(0);
    }
  });

  it.concurrent('--reset-offsets (dry run, --execute, --export), --delete-offsets and --delete change twin groups alike', async () => {
    const topic = uniqueName('sgy');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '3'])).toMatchObject({ code: 0 });
    await produce(topic, range(0, 60).map(String));
    // Twin groups, names of one length: the drop-in changes one, Kafka's tool the other.
    const [mine, theirs] = [uniqueName('sgy-mine'), uniqueName('sgy-kafk')];
    await Promise.all([readBy(mine, topic, 10), readBy(theirs, topic, 10)]);
    const both = async (args: string[]) => {
      const [r, o] = await Promise.all([real(args.map((a) => a.replaceAll('G', theirs))), ours(args.map((a) => a.replaceAll('G', mine)))]);
      agree({ ...r, stdout: r.stdout.split(theirs).join(mine) }, o);
      return o.stdout;
    };
    expect(await both(['--reset-offsets', '--group', 'G', '--all-topics', '--to-earliest', '--dry-run'])).toMatch(/^\nGROUP +TOPIC +PARTITION +NEW-OFFSET\n/);
    await both(['--reset-offsets', '--group', 'G', '--topic', `${topic}:1,2`, '--to-offset', '3', '--dry-run']);
    await both(['--reset-offsets', '--group', 'G', '--topic', topic, '--to-latest', '--dry-run', '--export']);
    // Every partition reset: the twins' start offsets are the same whatever records each read.
    await both(['--reset-offsets', '--group', 'G', '--topic', topic, '--to-offset', '3', '--execute']);
    await both(['--describe', '--group', 'G', '--verbose']);
    await both(['--delete-offsets', '--group', 'G', '--topic', topic]);
    await both(['--describe', '--group', 'G']);
    expect(await both(['--delete', '--group', 'G'])).toBe(`Deletion of requested share groups ('${mine}') was successful.\n`);
    // Gone: the tool's report of the failure on stdout, exit 0.
    expect(await both(['--delete', '--group', 'G'])).toContain(`* Group '${mine}' could not be deleted due to: org.apache.kafka.common.errors.GroupIdNotFoundException`);
    expect(await both(['--delete-offsets', '--group', 'G', '--topic', topic])).toBe(`\nError: Group ${mine} not found.\n\nTOPIC${' '.repeat(Math.max(15, topic.length) - 5)} STATUS\n${topic}${' '.repeat(Math.max(0, 15 - topic.length))} Error: Group ${mine} not found.\n`);
  });

  it.concurrent('a bad command line: the tool\'s error line alone, exit 1', async () => {
    await Promise.all([
      expectSameError([], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets.'),
      expectSameError(['--describe', '--group', 'g', '--members', '--state'], 'Option [describe] takes at most one of these options: [members], [offsets], [state]'),
      expectSameError(['--delete', '--group', 'g', '--topic', 't'], 'Option [delete] does not take the options [topic] or [all-topics].'),
      expectSameError(['--reset-offsets', '--group', 'g', '--all-topics', '--to-earliest', '--to-latest', '--dry-run'], 'Option "[to-earliest]" can\'t be used with option "[to-latest]"'),
      expectSameError(['--reset-offsets', '--group', 'g', '--all-topics', '--by-duration', 'PT1H', '--dry-run'], 'by-duration is not a recognized option'),
      // The tool lists the states from a hash set, in an order that changes between runs.
      expectSameError(['--list', '--state', 'Foo'], /Invalid state list 'Foo'\. Valid states are: (Dead|Empty|Stable), (Dead|Empty|Stable), (Dead|Empty|Stable)/),
    ]);
  });
});
