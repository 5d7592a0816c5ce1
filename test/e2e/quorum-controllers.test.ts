// Controllers added to and removed from a dynamic KRaft quorum (KIP-853), by kfk's drop-in and by
// Kafka 4.4's kafka-metadata-quorum on the same cluster: a cluster of its own (one combined node
// formatted --standalone, and a controller formatted --no-initial-controllers that observes
// until it is added), so the shared broker's quorum never changes under other tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kfk } from '../helpers/cli.js';
import { KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';
import { startExtraController, startTestCluster, type ExtraController } from '../helpers/test-cluster.js';
import type { LocalClusterState } from '../../src/local/state.js';

const is3 = Boolean(process.env.KFK_KAFKA_VERSION?.startsWith('3.'));
const M = 'org.apache.kafka.tools.MetadataQuorumCommand';
const real = (args: string[]) => kafkaTool(M, args, { version: KAFKA4_VERSION });
const ours = (args: string[]) => kfk(['compat', 'kafka-metadata-quorum', ...args]);

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
