// kfk-kafka-groups (`kfk compat kafka-groups`, and `kfk group list --all-types`) against Kafka
// 4.4's GroupsCommand on the shared test broker: every kind of group, its filters; stdout byte
// for byte and both exit codes; a bad command line's error line and exit code.
import { describe, expect, inject, it } from 'vitest';
import { kfk, sleep, uniqueName, type RunResult } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';
import { isKafka3 } from '../../src/local/kafka-dist.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const real = (args: string[]) => kafkaTool('org.apache.kafka.tools.GroupsCommand', args, { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-groups', ...args]);

/** Every group of the shared broker, which other tests add to meanwhile: compared again while they change it. */
async function sameCluster(args: string[]): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const [r, o] = await Promise.all([real([...B, ...args]), ours([...B, ...args])]);
    if (r.stdout === o.stdout || attempt === 6) {
      expect({ args, code: r.code, stdout: r.stdout }, r.stderr).toEqual({ args, code: 0, stdout: o.stdout });
      expect({ args, code: o.code, stderr: o.stderr }).toEqual({ args, code: 0, stderr: '' });
      return o.stdout;
    }
    await sleep(500);
  }
}

const rowOf = (out: string, group: string) => out.split('\n').find((l) => l.startsWith(`${group} `));

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('kfk-kafka-groups against kafka-groups', () => {
  it('lists classic, consumer and share groups as the tool does, with each of its filters', async () => {
    const topic = uniqueName('kg');
    // Longer than the tool's 20 columns: every column widens to it.
    const classic = uniqueName('kafka-groups-classic-group-with-a-long-name');
    const modern = uniqueName('kg-consumer');
    const share = uniqueName('kg-share');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic])).toMatchObject({ code: 0 });
    expect(await kfk(['produce', ...B, '--topic', topic], { input: 'a\n' })).toMatchObject({ code: 0 });
    const reads: RunResult[] = await Promise.all([
      kfk(['consume', ...B, '--topic', topic, '--group', classic, '--from-beginning', '--max-messages', '1']),
      kfk(['consume', ...B, '--topic', topic, '--group', modern, '--consumer-property', 'group.protocol=consumer', '--from-beginning', '--max-messages', '1']),
      kfk(['consume', ...B, '--topic', topic, '--share-group', share, '--timeout-ms', '3000']),
    ]);
    for (const r of reads) expect(r.code, r.stderr).toBe(0);

    const [all, consumers, shares, classicConsumer, byType, byProtocol, streams] = await Promise.all([
      sameCluster(['--list']),
      sameCluster(['--list', '--consumer']),
      sameCluster(['--list', '--share']),
      sameCluster(['--list', '--group-type', 'classic', '--protocol', 'consumer']),
      sameCluster(['--list', '--group-type', 'SHARE']),
      sameCluster(['--list', '--protocol', 'share']),
      sameCluster(['--list', '--streams']),
    ]);
    const w = classic.length;
    expect(all.split('\n')[0]).toBe(`${'GROUP'.padEnd(w)} ${'TYPE'.padEnd(w)} ${'PROTOCOL'.padEnd(w)}`);
    expect(rowOf(all, classic)).toBe(`${classic} ${'Classic'.padEnd(w)} ${'consumer'.padEnd(w)} `);
    expect(rowOf(all, modern)).toMatch(/ Consumer +consumer +$/);
    expect(rowOf(all, share)).toMatch(/ Share +share +$/);
    expect([rowOf(consumers, classic), rowOf(consumers, modern), rowOf(consumers, share)].map(Boolean)).toEqual([true, true, false]);
    expect([rowOf(shares, classic), rowOf(shares, share)].map(Boolean)).toEqual([false, true]);
    expect([rowOf(classicConsumer, classic), rowOf(classicConsumer, modern)].map(Boolean)).toEqual([true, false]);
    expect(byType).toBe(byProtocol);
    expect(streams.split('\n')).toHaveLength(2);

    // kfk's own: the same groups, sorted, with state.
    const json = await kfk(['group', 'list', ...B, '--all-types', '--type', 'share', '-o', 'json']);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(json.stdout) as Array<{ group: string; type: string }>).find((g) => g.group === share)).toMatchObject({ type: 'Share', protocolType: 'share' });
  });

  it("a bad command line: the tool's error line and exit code", async () => {
    const cases: Array<[string[], string]> = [
      [[...B], 'Command must include exactly one action: --list.'],
      [['--list'], 'Missing required option(s) [bootstrap-server]'],
      [[...B, '--list', '--group-type', 'bogus'], '--group-type must be a valid group type.'],
      [[...B, '--list', '--consumer', '--share'], 'Option "[consumer]" can\'t be used with option "[share]"'],
      [[...B, '--list', '--streams', '--share'], 'Option "[share]" can\'t be used with option "[streams]"'],
      [[...B, '--list', '--group-type', 'consumer', '--consumer'], 'Option "[consumer]" can\'t be used with option "[group-type]"'],
      [[...B, '--list', '--protocol', 'x', '--streams'], 'Option "[streams]" can\'t be used with option "[protocol]"'],
      [[...B, '--lis'], 'lis is not a recognized option'],
    ];
    for (const [args, line] of cases) {
      const [r, o] = await Promise.all([real(args), ours(args)]);
      expect({ args, code: r.code, stdout: r.stdout, first: r.stderr.split('\n')[0] }).toEqual({ args, code: 1, stdout: '', first: line });
      expect({ args, code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ args, code: 1, stdout: '', stderr: `${line}\n` });
    }
    // kfk's consumer-group list points to the list of every kind.
    expect(await kfk(['group', 'list', ...B, '--type', 'Share'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'kfk: share groups are listed with --all-types (kafka-groups), not as consumer groups: kfk group list --all-types --type share\n',
    });
  });
});
