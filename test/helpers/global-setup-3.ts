// Starts a real 3-broker KRaft cluster (RF 3, min.insync.replicas 2; brokers 1 and 2 on rack-a, 3 on
// rack-b; two log directories each) for the fault tests, on free
// loopback ports, and stops it at the end. Tests stop and restart single brokers by pid.
import type { TestProject } from 'vitest/node';
import type { LocalClusterState } from '../../src/local/state.js';
import { startTestCluster } from './test-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster3: LocalClusterState;
  }
}

export default async function setup(project: TestProject) {
  const { state, ms, stop } = await startTestCluster('kfk-faults-', {
    brokers: 3,
    sasl: false,
    tls: false,
    brokerProperties: { 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false' },
    // Two racks, so that reassignment proposals are rack-aware (test/faults/runbook3.test.ts).
    racks: { 1: 'rack-a', 2: 'rack-a', 3: 'rack-b' },
    // Two log directories per broker: a replica moved to another broker into a named directory
    // (test/faults/runbook3.test.ts).
    logDirs: 2,
  });
  process.stderr.write(`fault cluster: Kafka ${state.version}, 3 brokers at ${state.bootstrap} (${ms} ms)\n`);
  project.provide('cluster3', state);
  return stop;
}
