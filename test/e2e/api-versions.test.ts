// kfk cluster api-versions, its drop-ins kfk-kafka-broker-api-versions and kafka-cluster
// api-versions against Kafka 4.4's BrokerApiVersionsCommand and ClusterTool on the shared test
// broker (through its broker and its controller listener): stdout byte for byte, both exit codes;
// the table and JSON agree with that text; a bad command line's error line.
import { describe, expect, inject, it } from 'vitest';
import { kfk } from '../helpers/cli.js';
import { KAFKA4_VERSION, dropIn, kafkaTool, realScript } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const B = ['--bootstrap-server', cluster.bootstrap];
const BC = ['--bootstrap-controller', `127.0.0.1:${cluster.nodes[0].controllerPort}`];
const is3 = Boolean(process.env.KFK_KAFKA_VERSION?.startsWith('3.'));
const real = (args: string[]) => kafkaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', args, { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-broker-api-versions', ...args]);

describe('kfk cluster api-versions (kafka-broker-api-versions)', () => {
  it('prints what the tool prints, byte for byte; the table and JSON say the same', async () => {
    const [r, o, native, json, table] = await Promise.all([
      real(B),
      ours(B),
      kfk(['cluster', 'api-versions', ...B]),
      kfk(['cluster', 'api-versions', ...B, '-o', 'json']),
      kfk(['cluster', 'api-versions', ...B, '-o', 'table']),
    ]);
    expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: o.stdout });
    expect({ code: o.code, stderr: o.stderr }).toEqual({ code: 0, stderr: '' });
    expect(native).toEqual({ ...o, ms: native.ms });
    const lines = o.stdout.split('\n');
    expect(lines[0]).toMatch(/^127\.0\.0\.1:\d+ \(id: \d+ rack: null isFenced: false\) -> \($/);
    expect(lines.filter((l) => /^\tApiVersions\(18\): 0 to \d+ \[usable: \d+\],$/.test(l))).toHaveLength(1);

    expect(json).toMatchObject({ code: 0, stderr: '' });
    const [broker] = JSON.parse(json.stdout) as Array<{ id: number; error: string | null; apis: Array<{ name: string; key: number; minVersion: number; maxVersion: number; usable: number | string | null }> }>;
    expect(broker).toMatchObject({ id: Number(/id: (\d+)/.exec(lines[0])![1]), error: null });
    // Every API of the text, with the same versions.
    const offered = lines.filter((l) => /^\t\w+\(\d+\): \d/.test(l));
    expect(broker.apis.map((a) => `\t${a.name}(${a.key}): ${a.minVersion === a.maxVersion ? a.minVersion : `${a.minVersion} to ${a.maxVersion}`} [usable: ${a.usable}]`)).toEqual(offered.map((l) => l.replace(/,$/, '')));

    expect(table).toMatchObject({ code: 0, stderr: '' });
    const row = table.stdout.split('\n').find((l) => /\bProduce\b/.test(l));
    const produce = broker.apis.find((a) => a.key === 0)!;
    expect(row?.split(/[\s│]+/).filter(Boolean)).toEqual(['Produce', '0', `${produce.minVersion}-${produce.maxVersion}`]);
  });

  it("a bad command line: the tool's error line and exit code", async () => {
    const cases: Array<[string[], string]> = [
      [['--bootstrap'], 'bootstrap is not a recognized option'],
      [['--command-config', '/dev/null'], 'Missing required argument "[bootstrap-server]"'],
      [['--bootstrap-server'], 'Option bootstrap-server requires an argument'],
    ];
    for (const [args, line] of cases) {
      const [r, o] = await Promise.all([real(args), ours(args)]);
      expect({ args, code: r.code, stdout: r.stdout, first: r.stderr.split('\n')[0] }).toEqual({ args, code: 1, stdout: '', first: line });
      expect({ args, code: o.code, stdout: o.stdout, stderr: o.stderr.split('\n')[0] }).toEqual({ args, code: 1, stdout: '', stderr: line });
    }
  });

  it.skipIf(is3)('kafka-cluster api-versions: the same text in id order, through a broker and through the controller listener', async () => {
    const runs = await Promise.all([
      realScript('kafka-cluster', ['api-versions', ...B]),
      dropIn('kafka-cluster', ['api-versions', ...B]),
      realScript('kafka-cluster', ['api-versions', ...BC]),
      dropIn('kafka-cluster', ['api-versions', ...BC]),
      kfk(['cluster', 'api-versions', ...BC, '-o', 'table']),
    ]);
    const [rb, ob, rc, oc] = runs;
    for (const [r, o] of [
      [rb, ob],
      [rc, oc],
    ]) {
      expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 0, stdout: o.stdout });
      expect({ code: o.code, stderr: o.stderr }).toEqual({ code: 0, stderr: '' });
    }
    // The controller offers the quorum's APIs (Vote, BeginQuorumEpoch), which brokers do not.
    expect(oc.stdout).toMatch(/^\tVote\(52\): \d+ to \d+ \[usable: \d+\],$/m);
    expect(ob.stdout).not.toMatch(/^\tVote\(52\)/m);
    expect(runs[4]).toMatchObject({ code: 0, stderr: '' });
    expect(runs[4].stdout).toMatch(/\bCONTROLLER \d+\b/);
  });
});
