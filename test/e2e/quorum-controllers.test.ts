// Controllers added to and removed from a dynamic KRaft quorum (KIP-853), by kfk's drop-in and by
// Kafka 4.4's kafka-metadata-quorum on the same cluster: a cluster of its own (one combined node
// formatted --standalone, and a controller formatted --no-initial-controllers that observes
// until it is added), so the shared broker's quorum never changes under other tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kfk } from '../helpers/cli.js';
import { KAFKA4_VERSION, TOOLS, kafkaTool } from '../helpers/kafka-tools.js';
import { startExtraController, startTestCluster, type ExtraController } from '../helpers/test-cluster.js';
import type { LocalClusterState } from '../../src/local/state.js';

const is3 = Boolean(process.env.KFK_KAFKA_VERSION?.startsWith('3.'));
const M = 'org.apache.kafka.tools.MetadataQuorumCommand';
const real = (args: string[]) => kafkaTool(M, args, { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-metadata-quorum', ...args]);
const realConfigs = (args: string[]) => kafkaTool(TOOLS.configs, args, { version: KAFKA4_VERSION });
const oursConfigs = (args: string[]) => kfk(['compat', 'kafka-configs', ...args]);

let state: LocalClusterState;
let stopCluster: (() => Promise<void>) | undefined;
let extra: ExtraController | undefined;
let BC: string[];

beforeAll(async () => {
  if (is3) return;
  const started = await startTestCluster('kfk-quorum-', { brokers: 1, sasl: false, tls: false, brokerProperties: {} });
  state = started.state;
  stopCluster = started.stop;
  BC = ['--bootstrap-controller', `127.0.0.1:${state.nodes[0].controllerPort}`];
  extra = await startExtraController(state, 2);
}, 120_000);

afterAll(async () => {
  if (extra) {
    // Never leave a voter behind that is about to stop: the quorum would lose its majority.
    await kfk(['cluster', 'remove-controller', ...BC, '--controller-id', '2', '--controller-directory-id', directoryId()]);
    await extra.stop();
  }
  await stopCluster?.();
}, 60_000);

function directoryId(): string {
  return /^directory\.id=(.*)$/m.exec(readFileSync(join(state.dir, 'controller-2', 'data', 'meta.properties'), 'utf8'))![1];
}

interface Quorum {
  voters: Array<{ replicaId: number }>;
  observers: Array<{ replicaId: number }>;
}
async function quorum(): Promise<Quorum> {
  const r = await kfk(['cluster', 'quorum', ...BC, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Quorum;
}
async function until(what: string, ok: (q: Quorum) => boolean): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (ok(await quorum())) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the quorum never got to: ${what}`);
}
const ids = (xs: Array<{ replicaId: number }>) => xs.map((x) => x.replicaId).sort();

describe.skipIf(is3)('kafka-metadata-quorum add-controller and remove-controller (KIP-853)', () => {
  it('adds and removes a controller as the tool does, and the quorum follows', async () => {
    await until('controller 2 observing', (q) => ids(q.observers).includes(2));
    const dir = directoryId();
    const endpoint = `CONTROLLER://127.0.0.1:${extra!.port}`;
    const add = [...BC, '--command-config', extra!.configFile, 'add-controller'];
    const remove = [...BC, 'remove-controller', '--controller-id', '2', '--controller-directory-id', dir];

    const [rd, od] = await Promise.all([real([...add, '--dry-run']), ours([...add, '--dry-run'])]);
    expect({ code: od.code, stdout: od.stdout }).toEqual({ code: rd.code, stdout: rd.stdout });
    expect(od.stdout).toBe(`DRY RUN of adding controller 2 with directory id ${dir} and endpoints: ${endpoint}\n`);

    // kfk adds, kfk removes; then Kafka's tool does the same: the same lines.
    const oa = await ours(add);
    expect({ code: oa.code, stdout: oa.stdout }).toEqual({ code: 0, stdout: `Added controller 2 with directory id ${dir} and endpoints: ${endpoint}\n` });
    await until('controller 2 a voter', (q) => ids(q.voters).join() === '1,2');
    const status = await kfk(['compat', 'kafka-metadata-quorum', ...BC, 'describe', '--status']);
    expect(status.stdout).toContain(`{"id": 2, "directoryId": "${dir}", "endpoints": ["${endpoint}"]}]\nCurrentObservers:       []\n`);

    const [rr, or] = await Promise.all([real([...remove, '--dry-run']), ours([...remove, '--dry-run'])]);
    expect({ code: or.code, stdout: or.stdout }).toEqual({ code: rr.code, stdout: rr.stdout });
    const orm = await ours(remove);
    expect({ code: orm.code, stdout: orm.stdout }).toEqual({ code: 0, stdout: `Removed KRaft controller 2 with directory id ${dir}\n` });
    await until('controller 2 observing again', (q) => ids(q.voters).join() === '1' && ids(q.observers).includes(2));

    const ra = await real(add);
    expect({ code: ra.code, stdout: ra.stdout }).toEqual({ code: 0, stdout: oa.stdout });
    await until('controller 2 a voter', (q) => ids(q.voters).join() === '1,2');
    const rrm = await real(remove);
    expect({ code: rrm.code, stdout: rrm.stdout }).toEqual({ code: 0, stdout: orm.stdout });
    await until('controller 2 observing again', (q) => ids(q.voters).join() === '1');

    // kfk's own commands, through the broker listener this time.
    const own = await kfk(['cluster', 'add-controller', '--bootstrap-server', state.bootstrap, '--controller-config', extra!.configFile, '-o', 'json']);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toEqual({ controllerId: 2, directoryId: dir, endpoints: [endpoint], dryRun: false });
    await until('controller 2 a voter', (q) => ids(q.voters).join() === '1,2');
    const ownRm = await kfk(['cluster', 'remove-controller', '--bootstrap-server', state.bootstrap, '--controller-id', '2', '--controller-directory-id', dir]);
    expect({ code: ownRm.code, stdout: ownRm.stdout }).toEqual({ code: 0, stdout: `Removed KRaft controller 2 with directory id ${dir}\n` });
    await until('controller 2 observing again', (q) => ids(q.voters).join() === '1');
  }, 120_000);

  it('with two controllers: broker configs of controller 2 through controller 1, and remove-controller --unregister, as the tools do', async () => {
    await until('controller 2 observing', (q) => ids(q.voters).join() === '1' && ids(q.observers).includes(2));
    const dir = directoryId();
    const remove = [...BC, 'remove-controller', '--controller-id', '2', '--controller-directory-id', dir, '--unregister'];
    // An observer is no voter: with --unregister the tool names the command that unregisters anyway.
    const [rn, on] = await Promise.all([real(remove), ours(remove)]);
    expect(rn.code).toBe(1);
    const notVoter = `Failed to remove KRaft voter 2: Cannot remove voter ReplicaKey(id=2, directoryId=${dir}) from the set of voters`;
    expect(rn.stderr).toContain(notVoter);
    expect({ code: on.code, stdout: on.stdout, stderr: on.stderr }).toEqual({ code: 1, stdout: rn.stdout, stderr: rn.stderr });
    expect(on.stderr).toMatch(/\. To unregister the controller from the cluster, run `kafka-cluster\.sh unregister-controller --id 2`\.\n$/);

    const add = await kfk(['cluster', 'add-controller', ...BC, '--controller-config', extra!.configFile]);
    expect(add.code, add.stderr).toBe(0);
    await until('controller 2 a voter', (q) => ids(q.voters).join() === '1,2');

    // Controller 2's own config, asked of controller 1: the request goes to controller 2.
    const key = 'log.cleaner.threads';
    const entity = (id: string) => [...BC, '--entity-type', 'brokers', '--entity-name', id];
    const [ra, oa] = [await realConfigs([...entity('2'), '--alter', '--add-config', `${key}=2`]), await oursConfigs([...entity('2'), '--alter', '--add-config', `${key}=3`])];
    expect({ code: oa.code, stdout: oa.stdout, stderr: oa.stderr }).toEqual({ code: ra.code, stdout: ra.stdout, stderr: '' });
    expect(oa.stdout).toBe('Completed updating config for broker 2.\n');
    const [rd, od, rd1, od1] = await Promise.all([realConfigs([...entity('2'), '--describe']), oursConfigs([...entity('2'), '--describe']), realConfigs([...entity('1'), '--describe']), oursConfigs([...entity('1'), '--describe'])]);
    expect({ code: od.code, stdout: od.stdout }).toEqual({ code: rd.code, stdout: rd.stdout });
    expect(od.stdout).toBe(`Dynamic configs for broker 2 are:\n  ${key}=3 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:${key}=3, DEFAULT_CONFIG:${key}=1}\n`);
    expect({ code: od1.code, stdout: od1.stdout }).toEqual({ code: rd1.code, stdout: rd1.stdout });
    expect(od1.stdout).toBe('Dynamic configs for broker 1 are:\n');
    const own = await kfk(['config', 'describe', '--broker', '2', ...BC, '-o', 'json']);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout).configs).toEqual([expect.objectContaining({ name: key, value: '3', source: 'DYNAMIC_BROKER_CONFIG' })]);
    const del = await kfk(['config', 'alter', '--broker', '2', ...BC, '--delete', key]);
    expect({ code: del.code, stderr: del.stderr }).toEqual({ code: 0, stderr: '' });

    // An id that is no controller: describe says so (exit 0), alter fails (exit 1).
    const [rx, ox, rxa, oxa] = await Promise.all([
      realConfigs([...entity('7'), '--describe']),
      oursConfigs([...entity('7'), '--describe']),
      realConfigs([...entity('7'), '--alter', '--add-config', `${key}=2`]),
      oursConfigs([...entity('7'), '--alter', '--add-config', `${key}=2`]),
    ]);
    expect({ code: ox.code, stdout: ox.stdout }).toEqual({ code: 0, stdout: rx.stdout });
    expect(ox.stdout).toBe("The broker '7' doesn't exist and doesn't have dynamic config.\n");
    expect(rxa.stderr).toContain('BrokerIdNotRegisteredException: No node with id 7 found.');
    expect({ code: oxa.code, stdout: oxa.stdout, stderr: oxa.stderr }).toEqual({ code: 1, stdout: rxa.stdout, stderr: 'No node with id 7 found.\n' });
    const ownX = await kfk(['config', 'alter', '--broker', '7', ...BC, '--set', `${key}=2`]);
    expect({ code: ownX.code, stderr: ownX.stderr }).toEqual({ code: 1, stderr: 'kfk: No node with id 7 found.\n' });

    // Removed and unregistered, by kfk and then by the tool: the same two lines.
    const [rdry, odry] = await Promise.all([real([...remove, '--dry-run']), ours([...remove, '--dry-run'])]);
    expect({ code: odry.code, stdout: odry.stdout }).toEqual({ code: rdry.code, stdout: rdry.stdout });
    expect(odry.stdout).toBe(`DRY RUN of removing KRaft controller 2 with directory id ${dir}\nDRY RUN of unregistering KRaft controller 2\n`);
    // Through controller 2's own listener: both requests go to the active controller, 1, as the tool's do.
    const removeVia2 = ['--bootstrap-controller', `127.0.0.1:${extra!.port}`, ...remove.slice(2)];
    const orm = await ours(removeVia2);
    expect({ code: orm.code, stdout: orm.stdout, stderr: orm.stderr }).toEqual({ code: 0, stdout: `Removed KRaft controller 2 with directory id ${dir}\nUnregistered KRaft controller 2\n`, stderr: '' });
    await until('controller 2 observing again', (q) => ids(q.voters).join() === '1');
    const readd = await real([...BC, '--command-config', extra!.configFile, 'add-controller']);
    expect(readd.code, readd.stderr).toBe(0);
    await until('controller 2 a voter', (q) => ids(q.voters).join() === '1,2');
    const rrm = await real(removeVia2);
    expect({ code: rrm.code, stdout: rrm.stdout }).toEqual({ code: 0, stdout: orm.stdout });
    await until('controller 2 observing again', (q) => ids(q.voters).join() === '1');
    // kafka-cluster unregister-controller: a running controller registers again at once, so the
    // tool and then kfk (through controller 2's listener) each unregister it.
    const unregister = (via: string[]) => ['unregister-controller', ...via, '--id', '2'];
    const ru = await kafkaTool('org.apache.kafka.tools.ClusterTool', unregister(BC), { version: KAFKA4_VERSION });
    expect({ code: ru.code, stdout: ru.stdout }).toEqual({ code: 0, stdout: 'Controller 2 is no longer registered.\n' });
    let ou = await kfk(['compat', 'kafka-cluster', ...unregister(['--bootstrap-controller', `127.0.0.1:${extra!.port}`])]);
    for (let i = 0; i < 25 && ou.stderr.includes('is not currently registered'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      ou = await kfk(['compat', 'kafka-cluster', ...unregister(['--bootstrap-controller', `127.0.0.1:${extra!.port}`])]);
    }
    expect({ code: ou.code, stdout: ou.stdout, stderr: ou.stderr }).toEqual({ code: 0, stdout: ru.stdout, stderr: '' });
    const json = await kfk(['cluster', 'remove-controller', ...BC, '--controller-id', '2', '--controller-directory-id', dir, '--unregister', '--dry-run', '-o', 'json']);
    expect({ code: json.code, out: JSON.parse(json.stdout) }).toEqual({ code: 0, out: { controllerId: 2, directoryId: dir, dryRun: true, unregistered: true } });
  }, 120_000);

  it("bad arguments: the tool's error lines and exit codes", async () => {
    const same = async (args: string[], line: string) => {
      const [r, o] = await Promise.all([real(args), ours(args)]);
      expect(r.code).toBe(1);
      expect(r.stderr.replace(/\s+/g, ' ')).toContain(line);
      expect({ code: o.code, stdout: o.stdout, stderr: o.stderr }).toEqual({ code: 1, stdout: r.stdout, stderr: line + '\n' });
    };
    await Promise.all([
      same([...BC, 'add-controller'], 'You must supply the configuration file of the controller you are adding when using add-controller.'),
      same([...BC, 'remove-controller', '--controller-id', '2'], 'kafka-metadata-quorum: error: argument --controller-directory-id/-d is required'),
      same([...BC, 'remove-controller', '-i', '-3', '-d', 'AAAAAAAAAAAAAAAAAAAAAA'], 'Invalid negative --controller-id: -3'),
      same([...BC, 'remove-controller', '-i', '2', '-d', 'nope'], 'Failed to parse --controller-directory-id: Input string `nope` decoded as 3 bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID'),
      same([...BC, '--command-config', '/nonexistent/controller.properties', 'add-controller'], 'Properties file /nonexistent/controller.properties does not exist.'),
    ]);
  });
});
