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
  options: { brokers: 1 | 3; sasl: boolean; tls: boolean; acl?: boolean; oauth?: StartOptions['oauth']; brokerProperties: Record<string, string>; racks?: StartOptions['racks'] },
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
