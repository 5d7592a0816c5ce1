// Starts real 3-broker KRaft clusters (RF 3, min.insync.replicas 2; brokers 1 and 2 on rack-a, 3 on
// rack-b; two log directories each) for the fault tests, on free loopback ports, and stops them
// at the end. Tests stop and restart single brokers by pid. Two clusters by default, so that two
// fault files run at once, each on a cluster of its own (test/helpers/fault-count.ts).
import type { TestProject } from 'vitest/node';
import type { LocalClusterState } from '../../src/local/state.js';
import { faultClusterCount } from './fault-count.js';
import { startTestCluster } from './test-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    clusters3: LocalClusterState[];
  }
}

export default async function setup(project: TestProject) {
  const count = faultClusterCount(process.env);
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startTestCluster('kfk-faults-', {
        brokers: 3,
        sasl: false,
        tls: false,
        brokerProperties: { 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false' },
        // Two racks, so that reassignment proposals are rack-aware (test/faults/runbook3.test.ts).
        racks: { 1: 'rack-a', 2: 'rack-a', 3: 'rack-b' },
        // Two log directories per broker: a replica moved to another broker into a named directory
        // (test/faults/runbook3.test.ts).
        logDirs: 2,
      }),
    ),
  );
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(up.map((c) => c.stop()));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  for (const { state, ms } of up) process.stderr.write(`fault cluster: Kafka ${state.version}, 3 brokers at ${state.bootstrap} (${ms} ms)\n`);
  project.provide(
    'clusters3',
    up.map((c) => c.state),
  );
  return stopAll;
}
