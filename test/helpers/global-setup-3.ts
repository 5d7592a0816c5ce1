// Starts a real 3-broker KRaft cluster (RF 3, min.insync.replicas 2) for the fault tests, on free
// loopback ports, and stops it at the end. Tests stop and restart single brokers by pid.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocal, stopLocal } from '../../src/local/cluster.js';
import { kafkaVersion } from '../../src/local/kafka-dist.js';
import type { LocalClusterState } from '../../src/local/state.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster3: LocalClusterState;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-faults-'));
  const started = Date.now();
  const { state } = await startLocal({
    dir,
    brokers: 3,
    sasl: false,
    tls: false,
    version: kafkaVersion(process.env),
    env: process.env,
    log: (l) => process.stderr.write(l + '\n'),
    brokerProperties: { 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false' },
  });
  process.stderr.write(`fault cluster: Kafka ${state.version}, 3 brokers at ${state.bootstrap} (${Date.now() - started} ms)\n`);
  project.provide('cluster3', state);
  return async () => {
    await stopLocal(dir);
    if (!process.env.KFK_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
  };
}
