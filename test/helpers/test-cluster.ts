// A real KRaft cluster for a test run, on free loopback ports in a fresh temporary folder: started
// by the vitest global setups (global-setup.ts, global-setup-3.ts), stopped by what they return.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal, stopLocal, type StartOptions } from '../../src/local/cluster.js';
import { kafkaVersion } from '../../src/local/kafka-dist.js';
import type { LocalClusterState } from '../../src/local/state.js';

export async function startTestCluster(
  prefix: string,
  options: { brokers: 1 | 3; sasl: boolean; tls: boolean; acl?: boolean; logDirs?: number; oauth?: StartOptions['oauth']; brokerProperties: Record<string, string>; racks?: StartOptions['racks'] },
): Promise<{ state: LocalClusterState; dir: string; ms: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const started = Date.now();
  const { state } = await startLocal({
    dir,
    ...options,
    version: kafkaVersion(process.env),
    env: process.env,
    log: (l) => process.stderr.write(l + '\n'),
  });
  return {
    state,
    dir,
    ms: Date.now() - started,
    stop: async () => {
      await stopLocal(dir);
      if (!process.env.KFK_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A controller started beside a cluster, not yet a voter (an observer of its dynamic quorum). */
export interface ExtraController {
  nodeId: number;
  port: number;
  configFile: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts a controller-only node that joins the quorum of `state` (formatted with
 * --no-initial-controllers, so it observes until `add-controller` makes it a voter; KIP-853).
 */
export async function startExtraController(state: LocalClusterState, nodeId: number): Promise<ExtraController> {
  const { spawn, spawnSync } = await import('node:child_process');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { ensureKafka, JVM_QUIET_FLAGS, kafkaToolArgs, logConfigFlag } = await import('../../src/local/kafka-dist.js');
  const { freePort } = await import('../../src/local/cluster.js');
  const { isAlive } = await import('../../src/local/state.js');
  const dist = ensureKafka(state.version, process.env, () => undefined);
  const dir = join(state.dir, `controller-${nodeId}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  const port = await freePort();
  const configFile = join(dir, 'server.properties');
  writeFileSync(
    configFile,
    [
      'process.roles=controller',
      `node.id=${nodeId}`,
      `listeners=CONTROLLER://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT',
      `controller.quorum.bootstrap.servers=${state.nodes.map((n) => `127.0.0.1:${n.controllerPort}`).join(',')}`,
      `log.dirs=${join(dir, 'data')}`,
    ].join('\n') + '\n',
  );
  const f = spawnSync('java', kafkaToolArgs(dist, 'kafka.tools.StorageTool', ['format', '-t', state.clusterId, '-c', configFile, '--no-initial-controllers']), { encoding: 'utf8' });
  if (f.status !== 0) throw new Error(`cannot format controller ${nodeId}: ${f.stderr}`);
  const child = spawn('java', [...JVM_QUIET_FLAGS, '-Xms64m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', logConfigFlag(dist.version, dist.toolsLogConfig), '-cp', dist.classpath, 'kafka.Kafka', configFile], { stdio: 'ignore', detached: true });
  child.unref();
  const pid = child.pid!;
  return {
    nodeId,
    port,
    configFile,
    pid,
    stop: async () => {
      if (!isAlive(pid)) return;
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 150 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}
