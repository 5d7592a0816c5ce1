// A rolling upgrade caught halfway: a 3-node Kafka 3.8 cluster (KRaft, combined nodes) with node 3
// restarted on Kafka 4.4, so that the brokers take different versions of the APIs. kfk picks
// versions by the first broker's ApiVersions answer (kafkajs keeps one for the cluster); through
// the 4.4 node, a 3.8 node asked ApiVersions v4 answers UNSUPPORTED_VERSION with its range and is
// asked again at v3 (as Kafka's clients do), and records go through.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNode, startLocal, stopLocal, stopNode } from '../../src/local/cluster.js';
import { DEFAULT_KAFKA_VERSION, ensureKafka } from '../../src/local/kafka-dist.js';
import { stateFile, type LocalClusterState } from '../../src/local/state.js';
import { kfk, uniqueName } from '../helpers/cli.js';
import { KAFKA4_VERSION, kafkaTool } from '../helpers/kafka-tools.js';

const OLD_VERSION = '3.8.1';
const dir = mkdtempSync(join(tmpdir(), 'kfk-upgrade-'));
let state: LocalClusterState;
const at = (nodeId: number) => ['--bootstrap-server', `127.0.0.1:${state.nodes.find((n) => n.nodeId === nodeId)!.port}`];

/** kfk's api-versions through a node: what kafka-broker-api-versions prints, node for node. */
async function apiVersionsBoth(via: string[]) {
  return Promise.all([kafkaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', via, { version: KAFKA4_VERSION }), kfk(['compat', 'kafka-broker-api-versions', ...via])]);
}
const blocksOf = (out: string) => out.split(/(?=^127\.0\.0\.1:)/m).sort();

beforeAll(async () => {
  ({ state } = await startLocal({ dir, brokers: 3, sasl: false, tls: false, brokerProperties: {}, version: OLD_VERSION, env: process.env, log: () => undefined }));
  // Node 3 onto Kafka 4.4, with its data and configuration, as an operator upgrades one node.
  const node = state.nodes.find((n) => n.nodeId === 3)!;
  await stopNode(node);
  spawnNode(ensureKafka(DEFAULT_KAFKA_VERSION, process.env, () => undefined), node, dir, state.jvmFlags);
  // Its new pid, for the stop at the end.
  writeFileSync(stateFile(dir), JSON.stringify(state, null, 2) + '\n');
  // Until node 3 answers again, as a 4.4 broker (it offers ApiVersions v4).
  for (let i = 0; i < 120; i++) {
    const r = await kfk(['cluster', 'api-versions', ...at(3), '-o', 'json']);
    const nodes = r.code === 0 ? (JSON.parse(r.stdout) as Array<{ id: number; apis: Array<{ key: number; maxVersion: number }> | null }>) : [];
    if (nodes.find((n) => n.id === 3)?.apis?.some((a) => a.key === 18 && a.maxVersion >= 4)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('node 3 did not come back on Kafka 4.4');
}, 240_000);

afterAll(async () => {
  await stopLocal(dir);
  rmSync(dir, { recursive: true, force: true });
});

describe(`a rolling upgrade from Kafka ${OLD_VERSION}, node 3 on ${DEFAULT_KAFKA_VERSION}`, () => {
  it("api-versions through the 4.4 node and through a 3.8 node: each node's own APIs, as kafka-broker-api-versions prints them", async () => {
    for (const via of [at(3), at(1)]) {
      const [real, ours] = await apiVersionsBoth(via);
      expect(real.code, real.stderr).toBe(0);
      expect(ours).toMatchObject({ code: 0, stderr: '' });
      // The tool orders two nodes of one HashMap bucket at random (see the fault test).
      expect(blocksOf(ours.stdout)).toEqual(blocksOf(real.stdout));
    }
    const [, ours] = await apiVersionsBoth(at(3));
    expect(ours.stdout).toMatch(/\(id: 1 rack: null isFenced: false\) -> \(\n(.*\n)*?\tApiVersions\(18\): 0 to 3 \[usable: 3\],\n/);
    expect(ours.stdout).toMatch(/\(id: 3 rack: null isFenced: false\) -> \(\n(.*\n)*?\tApiVersions\(18\): 0 to [4-9] \[usable: [4-9]\],\n/);
  });

  it('records produced through the 4.4 node are read through a 3.8 node, every one', async () => {
    const topic = uniqueName('upgrade');
    expect(await kfk(['topic', 'create', ...at(3), '--topic', topic, '--partitions', '3', '--replication-factor', '3'])).toMatchObject({ code: 0 });
    const lines = Array.from({ length: 3000 }, (_, i) => `r${i}`);
    expect(await kfk(['produce', ...at(3), '--topic', topic], { input: lines.join('\n') + '\n' })).toMatchObject({ code: 0, stderr: '' });
    const read = await kfk(['consume', ...at(1), '--topic', topic, '--from-beginning', '-e']);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout.split('\n').filter(Boolean).sort()).toEqual([...lines].sort());
    expect(read.stderr).toBe('Processed a total of 3000 messages\n');
  });

  it('the quorum and the features through either node, as kafka-metadata-quorum and kafka-features print them', async () => {
    for (const via of [at(3), at(1)]) {
      const [realQuorum, quorum, realFeatures, features] = await Promise.all([
        kafkaTool('org.apache.kafka.tools.MetadataQuorumCommand', [...via, 'describe', '--status'], { version: KAFKA4_VERSION }),
        kfk(['cluster', 'quorum', ...via]),
        kafkaTool('org.apache.kafka.tools.FeatureCommand', [...via, 'describe'], { version: KAFKA4_VERSION }),
        kfk(['cluster', 'features', ...via]),
      ]);
      expect(realQuorum.code, realQuorum.stderr).toBe(0);
      expect(realFeatures.code, realFeatures.stderr).toBe(0);
      const steady = (s: string) => s.replace(/^(HighWatermark|MaxFollowerLag|MaxFollowerLagTimeMs):( +)-?\d+$/gm, '$1:$2N').replace(/Epoch: \d+/g, 'Epoch: N');
      expect(quorum).toMatchObject({ code: 0, stderr: '' });
      expect(steady(quorum.stdout)).toBe(steady(realQuorum.stdout));
      expect(features).toMatchObject({ code: 0, stderr: '' });
      expect(features.stdout).toContain('Feature: metadata.version');
    }
  });
});
