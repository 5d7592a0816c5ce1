// Starts one real Kafka broker (KRaft) for the whole test run, with PLAINTEXT, SASL and TLS
// listeners on free loopback ports, and stops it at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocal, stopLocal } from '../../src/local/cluster.js';
import { kafkaVersion } from '../../src/local/kafka-dist.js';
import type { LocalClusterState } from '../../src/local/state.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: LocalClusterState;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-test-'));
  const started = Date.now();
  const { state } = await startLocal({
    dir,
    brokers: 1,
    sasl: true,
    tls: true,
    version: kafkaVersion(process.env),
    env: process.env,
    log: (l) => process.stderr.write(l + '\n'),
    // ACLs are enforced: the PLAINTEXT listener (ANONYMOUS) and the SASL users kfk-plain and
    // kfk-scram are super users; kfk-limited is not (test/e2e/security.test.ts).
    brokerProperties: {
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': 'User:ANONYMOUS;User:kfk-plain;User:kfk-scram',
    },
  });
  process.stderr.write(`test broker: Kafka ${state.version} at ${state.bootstrap} (${Date.now() - started} ms)\n`);
  project.provide('cluster', state);
  process.env.KFK_TEST_BOOTSTRAP = state.bootstrap;
  process.env.KFK_TEST_DIR = dir;
  return async () => {
    await stopLocal(dir);
    if (!process.env.KFK_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
  };
}
