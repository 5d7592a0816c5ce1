// kfk-kafka-get-offsets (`kfk compat kafka-get-offsets`) against Kafka 4.4's GetOffsetShell on
// the shared test broker: the same command line through Kafka's tool and through the drop-in on
// the same cluster state; stdout byte for byte, kfk's stderr and both exit codes; a bad command
// line's error line. Kafka's tool starts a JVM each time: the runs go a few at once.
import { describe, expect, inject, it } from 'vitest';
import { kfk, sleep, uniqueName, type RunResult } from '../helpers/cli.js';
import { KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const real = (args: string[]) => kafkaTool('org.apache.kafka.tools.GetOffsetShell', [...B, ...args], { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-get-offsets', ...B, ...args]);

function agree(r: RunResult, o: RunResult) {
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: o.stdout });
  expect({ code: o.code, stderr: o.stderr }).toEqual({ code: 0, stderr: '' });
}

async function same(args: string[]): Promise<string> {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  agree(r, o);
  return o.stdout;
}

/** Every topic of the shared broker, which other tests write to meanwhile: compared again while they change it. */
async function sameCluster(args: string[]): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const [r, o] = await Promise.all([real(args), ours(args)]);
    if (r.stdout === o.stdout || attempt === 6) {
      agree(r, o);
      return o.stdout;
    }
    await sleep(500);
  }
}

/** GetOffsetShell prints `Error occurred: ...` (a stack trace after some); kfk prints the line alone. */
async function expectSameError(args: string[], text: string) {
  const [r, o] = await Promise.all([real(args), ours(args)]);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
  expect(r.stderr).toContain(text + '\n');
  expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: '', stderr: text + '\n' });
}

describe('kfk-kafka-get-offsets against kafka-get-offsets', () => {
  it('a topic, partitions, --topic-partitions, a regex, --time earliest, latest and a timestamp; every topic; bad input', async () => {
    const prefix = uniqueName('gos');
    const [a, b] = [`${prefix}-a`, `${prefix}-b`];
    expect(await kfk(['topic', 'create', ...B, '--topic', a, '--partitions', '12'])).toMatchObject({ code: 0 });
    expect(await kfk(['topic', 'create', ...B, '--topic', b, '--partitions', '2'])).toMatchObject({ code: 0 });
    // Keyed records spread over the partitions; a timestamp between two rounds of them.
    const round = async (n: number) => {
      const lines = Array.from({ length: n }, (_, i) => `k${i}\tv${i}`).join('\n') + '\n';
      for (const t of [a, b]) expect(await kfk(['produce', ...B, '--topic', t, '--property', 'parse.key=true'], { input: lines })).toMatchObject({ code: 0, stderr: '' });
    };
    await round(60);
    await sleep(50);
    const between = String(Date.now());
    await sleep(50);
    await round(7);

    const [latest, some, rules, regex, stamp] = await Promise.all([
      same(['--topic', a]),
      same(['--topic', a, '--partitions', '0,10,2', '--time', '-2']),
      same(['--topic-partitions', `${a}:1-3,${b}:1-,${a}:-1`, '--time', 'earliest']),
      same(['--topic', `${prefix}-.*`, '--time', between]),
      same(['--topic', `${prefix}-a, ${prefix}-b`, '--time', '-1']),
    ]);
    // Kafka's order: by `topic-partition` name, so 10 and 11 before 2.
    expect(latest.split('\n').slice(0, 4).map((l) => l.split(':')[1])).toEqual(['0', '1', '10', '11']);
    expect(latest.split('\n').filter(Boolean)).toHaveLength(12);
    expect(some).toBe(`${a}:0:0\n${a}:10:0\n${a}:2:0\n`);
    expect(rules).toBe(`${a}:0:0\n${a}:1:0\n${a}:2:0\n${b}:1:0\n`);
    // The timestamp: the first offset of the second round, where it wrote any.
    expect(regex.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    expect(stamp).toBe(latest + stamp.slice(latest.length));

    const [every] = await Promise.all([
      sameCluster([]),
      sameCluster(['--exclude-internal-topics']),
      expectSameError(['--topic', uniqueName('gos-none')], 'Error occurred: Could not match any topic-partitions with the specified filters'),
      expectSameError(['--topic', a, '--time', 'yesterday'], 'Error occurred: Malformed time argument yesterday. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload, or a specified long format timestamp'),
      expectSameError(['--topic-partitions', `${a}:x`], `Error occurred: org.apache.kafka.tools.TerseException: Invalid rule specification: ${a}:x`),
    ]);
    expect(every).toContain(`${b}:1:`);
  }, 120_000);
});
