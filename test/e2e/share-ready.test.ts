// The brokers kfk starts (`kfk local start`, and this test run's) run share groups (KIP-932):
// Kafka's own console share consumer reads a share group's records from them.
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, kafka4Tool, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('share groups on the local cluster', () => {
  it('kafka-console-share-consumer reads every record of a share group that starts at the earliest offset', async () => {
    const topic = uniqueName('share');
    const group = uniqueName('share-group');
    expect(await kfk(['topic', 'create', ...B, '--topic', topic])).toMatchObject({ code: 0 });
    expect(await kfk(['produce', ...B, '--topic', topic], { input: 'a\nb\nc\n' })).toMatchObject({ code: 0, stderr: '' });
    const cfg = await kafka4Tool('configs', [...B, '--alter', '--entity-type', 'groups', '--entity-name', group, '--add-config', 'share.auto.offset.reset=earliest']);
    expect(cfg, cfg.stderr).toMatchObject({ code: 0, stdout: `Completed updating config for group ${group}.\n` });
    const r = await kafkaTool('org.apache.kafka.tools.consumer.ConsoleShareConsumer', [...B, '--topic', topic, '--group', group, '--max-messages', '3', '--timeout-ms', '30000'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['a', 'b', 'c']);
  });
});
