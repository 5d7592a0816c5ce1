// A Kafka 3.8 broker (KRaft), older than the versions kfk is tested against, beside the shared
// one: the runbook commands that ask an API at a version such a broker does not take (ApiVersions
// v4, DescribeQuorum v2, DescribeCluster v2; the broker closes the connection on one) send the newest version it
// does take, and print what Kafka 4.4's own tools print against it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, stopLocal } from '../../src/local/cluster.js';
import { kfk } from '../helpers/cli.js';
import { KAFKA4_VERSION, dropIn, kafkaTool, realScript } from '../helpers/kafka-tools.js';

const OLD_VERSION = '3.8.1';
const dir = mkdtempSync(join(tmpdir(), 'kfk-kafka38-'));
let BS: string[] = [];

beforeAll(async () => {
  const { state } = await startLocal({ dir, brokers: 1, sasl: false, tls: false, brokerProperties: {}, version: OLD_VERSION, env: process.env, log: () => undefined });
  BS = ['--bootstrap-server', state.bootstrap];
}, 240_000);

afterAll(async () => {
  await stopLocal(dir);
  rmSync(dir, { recursive: true, force: true });
});

/** The fields that move on their own between two runs (offsets, times, epochs), and the widths that follow them. */
const steady = (s: string) =>
  s
    .replace(/^(HighWatermark|MaxFollowerLag|MaxFollowerLagTimeMs):( +)-?\d+$/gm, '$1:$2N')
    .replace(/Epoch: \d+/g, 'Epoch: N')
    // Columns as wide as their longest number: the numbers and their padding.
    .replace(/\t\d+ *(?=\t)/g, '\tN');

describe(`a Kafka ${OLD_VERSION} broker`, () => {
  it('cluster quorum (DescribeQuorum v1): the status and replication kafka-metadata-quorum prints', async () => {
    const runs = await Promise.all([
      realScript('kafka-metadata-quorum', [...BS, 'describe', '--status']),
      kfk(['cluster', 'quorum', ...BS]),
      realScript('kafka-metadata-quorum', [...BS, 'describe', '--replication']),
      kfk(['cluster', 'quorum', '--replication', ...BS]),
      dropIn('kafka-metadata-quorum', [...BS, 'describe', '--replication']),
    ]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
    const [realStatus, status, realReplication, replication, dropInReplication] = runs;
    expect(steady(status.stdout)).toBe(steady(realStatus.stdout));
    // A 3.8 quorum has no directory ids and no endpoints in its answer.
    expect(status.stdout).toContain('CurrentVoters:          [{"id": 1}]\n');
    expect(steady(replication.stdout)).toBe(steady(realReplication.stdout));
    expect(steady(dropInReplication.stdout)).toBe(steady(realReplication.stdout));
    expect(replication.stdout.split('\n')[1]).toMatch(/^1 +\tAAAAAAAAAAAAAAAAAAAAAA\t\d+ *\t0 *\t\d+ *\t\d+ *\tLeader\t$/);
  });

  it('cluster api-versions (ApiVersions v3): what kafka-broker-api-versions prints', async () => {
    const [real, ours] = await Promise.all([kafkaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', BS, { version: KAFKA4_VERSION }), kfk(['cluster', 'api-versions', ...BS])]);
    expect(real.code, real.stderr).toBe(0);
    expect(ours).toMatchObject({ code: 0, stderr: '', stdout: real.stdout });
    expect(ours.stdout).toContain('\tApiVersions(18): 0 to 3 [usable: 3],\n');
    expect(ours.stdout).toContain('\tShareFetch(78): UNSUPPORTED,\n');
  });

  it('cluster endpoints (DescribeCluster v1): what kafka-cluster list-endpoints prints; fenced brokers need v2', async () => {
    const [real, ours, dropInRun, fenced] = await Promise.all([
      realScript('kafka-cluster', ['list-endpoints', ...BS]),
      kfk(['cluster', 'endpoints', ...BS]),
      dropIn('kafka-cluster', ['list-endpoints', ...BS]),
      kfk(['cluster', 'endpoints', ...BS, '--include-fenced-brokers']),
    ]);
    expect(real.code, real.stderr).toBe(0);
    expect(ours).toMatchObject({ code: 0, stderr: '', stdout: real.stdout });
    expect(dropInRun).toMatchObject({ code: 0, stderr: '', stdout: real.stdout });
    expect(ours.stdout).toContain(' unfenced   broker ');
    expect(fenced).toMatchObject({ code: 1, stdout: '', stderr: 'kfk: broker 1 supports DescribeCluster v0 to v1; fenced brokers are listed from v2 (Kafka 4.0)\n' });
  });

  it('client-metrics (ListClientMetricsResources, v0 of ListConfigResources): what kafka-client-metrics prints', async () => {
    expect(await kfk(['client-metrics', 'alter', ...BS, '--name', 'old-broker', '--interval', '1000'])).toMatchObject({ code: 0, stdout: 'Altered client metrics config for old-broker.\n' });
    for (const [tool, own] of [
      [['--list'], ['list']],
      [['--describe'], ['describe']],
    ]) {
      const [real, ours] = await Promise.all([realScript('kafka-client-metrics', [...BS, ...tool]), kfk(['client-metrics', ...own, ...BS])]);
      expect(real.code, real.stderr).toBe(0);
      expect(ours).toMatchObject({ code: 0, stderr: '', stdout: real.stdout });
    }
    expect((await kfk(['client-metrics', 'describe', ...BS])).stdout).toBe('Client metrics configs for old-broker are:\n  interval.ms=1000\n');
  });

  it("cluster features: the broker's metadata.version levels", async () => {
    const r = await kfk(['cluster', 'features', ...BS]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(steady(r.stdout)).toBe(
      'Feature: metadata.version                          SupportedMinVersion: 3.0-IV1          SupportedMaxVersion: 3.8-IV0          FinalizedVersionLevel: 3.8-IV0          Epoch: N\n',
    );
  });

  it('an API the broker lacks is named, not taken for a network failure; an error without a message gets Kafka\'s description', async () => {
    const [remove, unregister] = await Promise.all([
      kfk(['cluster', 'remove-controller', ...BS, '--controller-id', '9', '--controller-directory-id', 'AAAAAAAAAAAAAAAAAAAAAQ']),
      kfk(['cluster', 'unregister', ...BS, '--id', '5']),
    ]);
    expect(remove).toMatchObject({ code: 1, stdout: '', stderr: `kfk: the broker at ${BS[1]} does not support RemoveRaftVoter (API key 81)\n` });
    // A 3.8 broker answers BROKER_ID_NOT_REGISTERED without a message.
    expect(unregister).toMatchObject({ code: 1, stdout: '', stderr: 'kfk: The given broker ID was not registered.\n' });
  });
});
