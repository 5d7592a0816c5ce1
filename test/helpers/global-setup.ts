// Starts one real Kafka broker (KRaft) for the whole test run, with PLAINTEXT, SASL and TLS
// listeners on free loopback ports, and stops it at the end.
import type { TestProject } from 'vitest/node';
import type { LocalClusterState } from '../../src/local/state.js';
import { startTestCluster } from './test-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: LocalClusterState;
  }
}

export default async function setup(project: TestProject) {
  const { state, dir, ms, stop } = await startTestCluster('kfk-test-', {
    brokers: 1,
    sasl: true,
    tls: true,
    // ACLs are enforced, as with `kfk local start --sasl --acl`: the PLAINTEXT listener
    // (ANONYMOUS) and the SASL users kfk-plain and kfk-scram are super users; kfk-limited is not
    // (test/e2e/security.test.ts, test/e2e/acl.test.ts).
    acl: true,
    // Two log directories: replicas move between them (test/e2e/runbook-controller.test.ts).
    logDirs: 2,
    brokerProperties: {},
  });
  process.stderr.write(`test broker: Kafka ${state.version} at ${state.bootstrap} (${ms} ms)\n`);
  project.provide('cluster', state);
  process.env.KFK_TEST_BOOTSTRAP = state.bootstrap;
  process.env.KFK_TEST_DIR = dir;
  return stop;
}
