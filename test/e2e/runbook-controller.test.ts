// The runbook commands that reach past the brokers, against Kafka 4.4's own tools on the shared
// test broker (combined broker and controller, two log directories): --bootstrap-controller
// (KIP-919) straight to the controller's listener, and replicas moved between log directories
// (kafka-reassign-partitions with log_dirs). Same command line, same cluster state; stdout byte
// for byte, the error line and the exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { dropIn, realScript, type ScriptName } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const BS = ['--bootstrap-server', cluster.bootstrap];
const BC = ['--bootstrap-controller', `127.0.0.1:${cluster.nodes[0].controllerPort}`];
const dir = mkdtempSync(join(tmpdir(), 'kfk-runbook-ctl-'));

const real = realScript;
const ours = dropIn;
type Tool = ScriptName;
const is3 = Boolean(process.env.KFK_KAFKA_VERSION?.startsWith('3.'));

/** The fields of the quorum that move on their own (offsets, times). */
const steady = (s: string) =>
  s
    .replace(/^(HighWatermark|MaxFollowerLag|MaxFollowerLagTimeMs):( +)-?\d+$/gm, '$1:$2N')
    .replace(/Epoch: \d+$/gm, 'Epoch: N')
    .replace(/^(\d+ +\t\S+ +\t)\d+( *\t)\d+( *\t)\d+( *\t)\d+( *\t)/gm, (_m, a: string, ...rest: string[]) => a + rest.slice(0, 4).map((x) => `N${x}`).join(''));

describe('--bootstrap-controller (KIP-919): kafka-metadata-quorum, kafka-features, kafka-configs', () => {
  it.skipIf(is3)('describes the quorum, the features and broker configs through the controller listener as the tools do', async () => {
    const runs = await Promise.all([
      real('kafka-metadata-quorum', [...BC, 'describe', '--status']),
      ours('kafka-metadata-quorum', [...BC, 'describe', '--status']),
      real('kafka-metadata-quorum', [...BC, 'describe', '--replication']),
      ours('kafka-metadata-quorum', [...BC, 'describe', '--replication']),
      real('kafka-features', [...BC, 'describe']),
      ours('kafka-features', [...BC, 'describe']),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const [rs, os, rr, or, rf, of] = runs;
    expect(steady(os.stdout)).toBe(steady(rs.stdout));
    expect(os.stdout).toContain(`"endpoints": ["CONTROLLER://127.0.0.1:${cluster.nodes[0].controllerPort}"]`);
    expect(os.stdout).toMatch(new RegExp(`^ClusterId: {14}${cluster.clusterId}\\n`));
    // The widths of the columns follow the numbers: compared without the padding.
    const cells = (x: string) => x.replace(/ +\t/g, '\t').replace(/^(\d+\t\S+\t)\d+\t(\d+)\t\d+\t\d+\t/gm, '$1N\t$2\tN\tN\t');
    expect(cells(or.stdout)).toBe(cells(rr.stdout));
    expect(steady(of.stdout)).toBe(steady(rf.stdout));
    expect(of.stdout).toContain('Feature: kraft.version');

    // A broker config changed and read back through the controller, by either tool.
    const key = 'log.cleaner.backoff.ms';
    const alter = (v: string) => [...BC, '--alter', '--entity-type', 'brokers', '--entity-name', '1', '--add-config', `${key}=${v}`];
    const desc = [...BC, '--describe', '--entity-type', 'brokers', '--entity-name', '1'];
    try {
      const [ra, oa] = [await real('kafka-configs', alter('16000')), await ours('kafka-configs', alter('17000'))];
      expect({ code: oa.code, stdout: oa.stdout }).toEqual({ code: ra.code, stdout: ra.stdout });
      expect(oa.stdout).toBe('Completed updating config for broker 1.\n');
      const [rd, od] = await Promise.all([real('kafka-configs', desc), ours('kafka-configs', desc)]);
      expect({ code: od.code, stdout: od.stdout }).toEqual({ code: rd.code, stdout: rd.stdout });
      expect(od.stdout).toContain(`DYNAMIC_BROKER_CONFIG:${key}=17000`);
      const own = await kfk(['config', 'describe', '--broker', '1', ...BC, '-o', 'json']);
      expect(own.code, own.stderr).toBe(0);
      expect(JSON.parse(own.stdout).configs).toContainEqual(expect.objectContaining({ name: key, source: 'DYNAMIC_BROKER_CONFIG' }));
    } finally {
      const del = await kfk(['config', 'alter', '--broker', '1', ...BC, '--delete', key]);
      expect(del.code, del.stderr).toBe(0);
    }

    // kfk's own commands take the flag too.
    const q = await kfk(['cluster', 'quorum', ...BC, '--replication', '-o', 'json']);
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject([{ nodeId: 1, status: 'Leader', lag: 0 }]);
  });

  it("what a controller does not serve, and both addresses: the tools' error lines and exit codes", async () => {
    const topic = [...BC, '--describe', '--entity-type', 'topics', '--entity-name', 'any-topic'];
    const users = [...BC, '--describe', '--entity-type', 'users'];
    const [rt, ot, ru, ou] = await Promise.all([real('kafka-configs', topic), ours('kafka-configs', topic), real('kafka-configs', users), ours('kafka-configs', users)]);
    const unsupported = 'This Admin API is not yet supported when communicating directly with the controller quorum.';
    for (const [r, o] of [[rt, ot], [ru, ou]]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`UnsupportedEndpointTypeException: ${unsupported}`);
      // The drop-in's own error prefix (kafka-configs' drop-in: `ERROR `), as for its other errors.
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: `ERROR ${unsupported}\n` });
    }
    const same = async (tool: Tool, args: string[], line: string) => {
      const [r, o] = await Promise.all([real(tool, args), ours(tool, args)]);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n').map((l) => l.replace(/ +/g, ' ')).join(' ')).toContain(line);
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: line + '\n' });
    };
    await Promise.all([
      same('kafka-configs', [...BS, ...BC, '--describe', '--entity-type', 'brokers', '--entity-name', '1'], 'Only one of --bootstrap-server or --bootstrap-controller can be specified'),
      same('kafka-configs', ['--describe', '--entity-type', 'brokers', '--entity-name', '1'], 'Either --bootstrap-server or --bootstrap-controller must be specified.'),
      same('kafka-metadata-quorum', [...BC, ...BS, 'describe', '--status'], 'kafka-metadata-quorum: error: argument --bootstrap-server: not allowed with argument --bootstrap-controller'),
    ]);
    const both = await kfk(['cluster', 'quorum', ...BS, ...BC]);
    expect({ code: both.code, stderr: both.stderr.split('\n')[0] }).toEqual({ code: 2, stderr: 'kfk: give --bootstrap-server or --bootstrap-controller, not both' });
    const topicOwn = await kfk(['config', 'describe', '--topic', 'x', ...BC]);
    expect({ code: topicOwn.code, stderr: topicOwn.stderr }).toEqual({ code: 1, stderr: `kfk: ${unsupported}\n` });
  });
});

interface LogDirsJson {
  brokers: Array<{ broker: number; logDirs: Array<{ logDir: string; partitions: Array<{ partition: string; size: number; isFuture: boolean }> }> }>;
}

/** Where each partition of the topic lives now (partition name -> log directory), and its size. */
async function placement(topic: string): Promise<Map<string, { dir: string; size: number }>> {
  const r = await kfk(['compat', 'kafka-log-dirs', ...BS, '--describe', '--topic-list', topic]);
  expect(r.code, r.stderr).toBe(0);
  const js = JSON.parse(r.stdout.split('\n')[2]) as LogDirsJson;
  const out = new Map<string, { dir: string; size: number }>();
  for (const d of js.brokers[0].logDirs) for (const p of d.partitions) if (!p.isFuture) out.set(p.partition, { dir: d.logDir, size: p.size });
  return out;
}

describe('replicas moved between log directories (kafka-reassign-partitions with log_dirs)', () => {
  it('execute, verify and log-dirs describe print what the tools print, and the records stay', async () => {
    const [d1, d2] = cluster.nodes[0].logDirs ?? [];
    expect(d2, 'the test broker has two log directories').toBeDefined();
    const t = uniqueName('logdir');
    expect((await kfk(['topic', 'create', '--topic', t, '--partitions', '2', ...BS])).code).toBe(0);
    const lines = Array.from({ length: 500 }, (_, i) => `record-${i}`);
    const p = await kfk(['produce', '--topic', t, ...BS], { input: lines.join('\n') + '\n' });
    expect(p.code, p.stderr).toBe(0);
    const before = await placement(t);
    const other = (d: string) => (d === d1 ? d2 : d1);
    // Every partition to the other directory: first with Kafka's tool, then back with kfk's.
    const plan = (to: (p: string) => string) =>
      JSON.stringify({ version: 1, partitions: [0, 1].map((n) => ({ topic: t, partition: n, replicas: [1], log_dirs: [to(`${t}-${n}`)] })) });
    const there = join(dir, `${t}-there.json`);
    const back = join(dir, `${t}-back.json`);
    writeFileSync(there, plan((x) => other(before.get(x)!.dir)));
    writeFileSync(back, plan((x) => before.get(x)!.dir));

    const re = await real('kafka-reassign-partitions', [...BS, '--execute', '--reassignment-json-file', there]);
    expect(re.code, re.stderr).toBe(0);
    expect(re.stdout).toContain(`Successfully started moving log directory to ${other(before.get(`${t}-0`)!.dir)} for replica ${t}-0 with broker 1 \n`);
    /** verify by both tools once the moves are done: the same text. */
    const verify = async (file: string) => {
      const args = [...BS, '--verify', '--reassignment-json-file', file];
      for (let i = 0; i < 100; i++) {
        const o = await ours('kafka-reassign-partitions', args);
        expect(o.code, o.stderr).toBe(0);
        if (!o.stdout.includes('in progress')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const [r, o] = [await real('kafka-reassign-partitions', args), await ours('kafka-reassign-partitions', args)];
      expect({ code: o.code, stdout: o.stdout }).toEqual({ code: r.code, stdout: r.stdout });
      return o.stdout;
    };
    const v1 = await verify(there);
    expect(v1).toBe(
      `Status of partition reassignment:\nReassignment of partition ${t}-0 is completed.\nReassignment of partition ${t}-1 is completed.\n` +
        `Reassignment of replica ${t}-0-1 completed successfully.\nReassignment of replica ${t}-1-1 completed successfully.\n` +
        `Clearing broker-level throttles on broker 1\nClearing topic-level throttles on topic ${t}\n`,
    );
    const moved = await placement(t);
    for (const [name, was] of before) expect(moved.get(name)?.dir).toBe(other(was.dir));

    // kfk's move back prints what Kafka's tool printed for the move there, the directories swapped.
    const swap = (s: string) => s.replace(/(\/[^" ]*\/data2?)(?=[" ])/g, (d) => (d === d1 ? d2 : d === d2 ? d1 : d));
    const oe = await ours('kafka-reassign-partitions', [...BS, '--execute', '--reassignment-json-file', back]);
    expect({ code: oe.code, stdout: oe.stdout }).toEqual({ code: 0, stdout: swap(re.stdout) });
    await verify(back);
    const after = await placement(t);
    for (const [name, was] of before) expect(after.get(name)?.dir).toBe(was.dir);
    expect([...after.values()].reduce((n, x) => n + x.size, 0)).toBeGreaterThan(0);

    // kfk's own table names each partition's directory; every record is still there.
    const table = await kfk(['log-dirs', 'describe', ...BS, '--topic-list', t, '-o', 'json']);
    expect(table.code, table.stderr).toBe(0);
    const c = await kfk(['consume', '--topic', t, '--from-beginning', '--max-messages', '500', ...BS]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout.split('\n').filter(Boolean).sort()).toEqual([...lines].sort());
  });

  it("a directory the broker does not have: the tool's error line and exit code", async () => {
    const t = uniqueName('logdir-bad');
    expect((await kfk(['topic', 'create', '--topic', t, ...BS])).code).toBe(0);
    const file = join(dir, `${t}.json`);
    writeFileSync(file, JSON.stringify({ version: 1, partitions: [{ topic: t, partition: 0, replicas: [1], log_dirs: ['/nonexistent/kfk-dir'] }] }));
    const args = [...BS, '--execute', '--reassignment-json-file', file];
    const r = await real('kafka-reassign-partitions', args);
    const o = await ours('kafka-reassign-partitions', args);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Error: Failed to alter dir for ${t}-0-1\n`);
    // The tool's stack trace follows its error line on stdout; kfk prints the line alone.
    expect({ code: o.code, stdout: o.stdout }).toEqual({ code: 1, stdout: r.stdout.slice(0, r.stdout.indexOf('Error: ')) + `Error: Failed to alter dir for ${t}-0-1\n` });
    const mismatch = join(dir, `${t}-mismatch.json`);
    writeFileSync(mismatch, JSON.stringify({ version: 1, partitions: [{ topic: t, partition: 0, replicas: [1], log_dirs: ['any', 'any'] }] }));
    const [rm, om] = await Promise.all([real('kafka-reassign-partitions', [...BS, '--execute', '--reassignment-json-file', mismatch]), ours('kafka-reassign-partitions', [...BS, '--execute', '--reassignment-json-file', mismatch])]);
    expect(rm.code).toBe(1);
    const line = `Error: Size of replicas list [1] is different from size of log dirs list [any, any] for partition ${t}-0`;
    expect(rm.stdout.split('\n')[0]).toBe(line);
    expect({ code: om.code, stdout: om.stdout }).toEqual({ code: 1, stdout: line + '\n' });
  });
});

describe.skipIf(is3)('kafka-cluster (ClusterTool): cluster-id, list-endpoints, unregister', () => {
  /** The tool's stderr without its log lines (`[date] ERROR [AdminClient ...]`) and its stack trace: the first line left. */
  const errorLine = (stderr: string) => (stderr.split('\n').find((l) => l !== '' && !l.startsWith('[')) ?? '') + '\n';
  /** argparse4j's error: the lines after its usage text. */
  const argparseError = (stderr: string) => stderr.slice(stderr.indexOf('kafka-cluster:'));

  it("prints what the tool prints, through a broker and a controller, with its error lines and exit codes", async () => {
    const cases = [
      ['cluster-id', ...BS],
      ['cluster-id', ...BC],
      ['list-endpoints', ...BS, '--include-fenced-brokers'],
      ['list-endpoints', ...BC],
      ['list-endpoints', ...BC, '--include-fenced-brokers'],
      ['unregister', ...BS, '--id', '9'],
      ['unregister-controller', ...BC, '--id', '9'],
    ];
    const usage = [['unregister', ...BS], ['unregister', ...BS, '--id', 'x'], ['cluster-id', '--bootstrap', cluster.bootstrap]];
    const runs = await Promise.all([...cases, ...usage].flatMap((args) => [real('kafka-cluster', args), ours('kafka-cluster', args)]));
    const pairs = Array.from({ length: runs.length / 2 }, (_, i) => [runs[2 * i], runs[2 * i + 1]] as const);
    for (const [r, o] of pairs.slice(0, cases.length)) {
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: r.code, stdout: r.stdout, stderr: r.code ? errorLine(r.stderr) : '' });
    }
    for (const [r, o] of pairs.slice(cases.length)) expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: '', stderr: argparseError(r.stderr) });
    const id = (await kfk(['cluster', 'describe', ...BS, '-o', 'json'])).stdout;
    expect(pairs.slice(0, 2).map(([, o]) => o.stdout)).toEqual(Array(2).fill(`Cluster ID: ${(JSON.parse(id) as { clusterId: string }).clusterId}\n`));
    const port = (a: string) => a.split(':')[1];
    expect(pairs[2][1].stdout).toBe(
      'ID         HOST      PORT       RACK       STATE      ENDPOINT_TYPE  \n' + `1          127.0.0.1 ${port(cluster.bootstrap).padEnd(10)} null       unfenced   broker         \n`,
    );
    expect(pairs[3][1].stdout).toBe('ID         HOST      PORT       RACK       ENDPOINT_TYPE  \n' + `1          127.0.0.1 ${port(BC[1]).padEnd(10)} null       controller     \n`);
    expect(pairs.slice(4, cases.length).map(([, o]) => o.stderr)).toEqual([
      'The option --include-fenced-brokers is only supported with --bootstrap-server option\n',
      'org.apache.kafka.common.errors.BrokerIdNotRegisteredException: Broker ID 9 is not currently registered\n',
      'org.apache.kafka.common.errors.ControllerIdNotRegisteredException: Controller ID 9 is not currently registered.\n',
    ]);
    expect(pairs.slice(cases.length).map(([, o]) => o.stderr)).toEqual([
      'kafka-cluster: error: argument --id/-i is required\n',
      'kafka-cluster: error: argument --id/-i:  could  not  convert \'x\' to Integer\n(For input string: "x")\n',
      'kafka-cluster:  error:  ambiguous  option:   --bootstrap   could  match  --\nbootstrap-controller, --bootstrap-server\n',
    ]);
    // kfk's own commands: JSON, and kfk's one-line error.
    const [ownId, ownEnd, ownBad] = await Promise.all([
      kfk(['cluster', 'id', ...BC, '-o', 'json']),
      kfk(['cluster', 'endpoints', ...BS, '-o', 'json']),
      kfk(['cluster', 'unregister', ...BS, '--id', '9']),
    ]);
    expect(JSON.parse(ownId.stdout)).toEqual({ clusterId: (JSON.parse(id) as { clusterId: string }).clusterId });
    expect(JSON.parse(ownEnd.stdout)).toEqual([{ id: 1, host: '127.0.0.1', port: Number(port(cluster.bootstrap)), rack: null, state: 'unfenced', type: 'broker' }]);
    expect({ code: ownBad.code, stdout: ownBad.stdout, stderr: ownBad.stderr }).toEqual({ code: 1, stdout: '', stderr: 'kfk: Broker ID 9 is not currently registered\n' });
  });
});
