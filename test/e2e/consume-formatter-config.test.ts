// `kfk consume --formatter-config FILE`: Kafka's console consumer flag, a properties file of
// formatter settings under the --property flags, for every kind of consumer (no group, --group,
// --share-group) and through the kfk-kafka-console-consumer drop-in, byte for byte with
// kafka-console-consumer of the broker's version.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, kafka4Tool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const dir = mkdtempSync(join(tmpdir(), 'kfk-fmtcfg-'));

function configFile(lines: string[]): string {
  const f = join(dir, `${uniqueName('fmt')}.properties`);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

async function keyedTopic(): Promise<string> {
  const topic = uniqueName('fmtcfg');
  expect((await kfk(['topic', 'create', ...B, '--topic', topic])).code).toBe(0);
  const p = await kfk(['produce', ...B, '--topic', topic, '--property', 'parse.key=true', '--property', 'key.separator=:'], { input: 'k1:v1\nk2:v2\nk3:v3\n' });
  expect(p).toMatchObject({ code: 0, stderr: '' });
  return topic;
}

describe('consume --formatter-config', () => {
  it.concurrent('a file of formatter properties, under --property, as kafka-console-consumer reads it', async () => {
    const topic = await keyedTopic();
    const file = configFile(['# formatter settings', 'print.key=true', 'key.separator=|', 'print.offset=true', 'print.partition: true']);
    const common = ['--topic', topic, '--from-beginning', '--max-messages', '3', '--formatter-config', file];
    const outs = await Promise.all(
      [[], ['--formatter-property', 'print.offset=false', '--formatter-property', 'key.separator=::']].map(async (extra) => {
        // --formatter-config is Kafka 4's console consumer's (3.x has none): 4.x's tool on any broker.
        const [theirs, mine, grouped, dropIn] = await Promise.all([
          kafka4Tool('consumer', [...B, ...common, ...extra]),
          kfk(['consume', ...B, ...common, ...extra]),
          kfk(['consume', ...B, ...common, ...extra, '--group', uniqueName('fmtcfg')]),
          kfk(['compat', 'kafka-console-consumer', ...B, ...common, ...extra]),
        ]);
        expect(theirs.code).toBe(0);
        expect({ extra, code: mine.code, stdout: mine.stdout, stderr: mine.stderr }).toEqual({ extra, code: 0, stdout: theirs.stdout, stderr: 'Processed a total of 3 messages\n' });
        expect({ extra, code: grouped.code, stdout: grouped.stdout }).toEqual({ extra, code: 0, stdout: theirs.stdout });
        expect({ extra, code: dropIn.code, stdout: dropIn.stdout }).toEqual({ extra, code: 0, stdout: theirs.stdout });
        return theirs.stdout;
      }),
    );
    // The file alone (key.separator goes between every field), and under the flags.
    expect(outs).toEqual(['Partition:0|Offset:0|k1|v1\nPartition:0|Offset:1|k2|v2\nPartition:0|Offset:2|k3|v3\n', 'Partition:0::k1::v1\nPartition:0::k2::v2\nPartition:0::k3::v3\n']);
  });

  it.concurrent('a file that cannot be read is a one-line error, exit 1', async () => {
    const missing = join(dir, 'none.properties');
    const r = await kfk(['consume', ...B, '--topic', 'any', '--formatter-config', missing]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `kfk: cannot read config file ${missing}: no such file\n` });
  });

  it.skipIf(isKafka3(CLUSTER_KAFKA_VERSION)).concurrent('with --share-group, and the delivery count in -o json', async () => {
    const topic = await keyedTopic();
    const group = uniqueName('fmtcfg-sg');
    expect(await kfk(['config', 'alter', ...B, '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])).toMatchObject({ code: 0 });
    const file = configFile(['print.key=true', 'print.delivery=true', 'print.offset=true']);
    // Printed and released: the three come again, delivery count 2.
    const first = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', '3', '--release', '--formatter-config', file]);
    expect(first).toMatchObject({ code: 0, stdout: 'Offset:0\tDelivery:1\tk1\tv1\nOffset:1\tDelivery:1\tk2\tv2\nOffset:2\tDelivery:1\tk3\tv3\n', stderr: 'Processed a total of 3 messages\n' });
    const json = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--max-messages', '3', '-o', 'json']);
    expect(json).toMatchObject({ code: 0, stderr: 'Processed a total of 3 messages\n' });
    const docs = json.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(docs.map((d) => [d.offset, d.deliveryCount, d.key, d.value])).toEqual([
      [0, 2, 'k1', 'v1'],
      [1, 2, 'k2', 'v2'],
      [2, 2, 'k3', 'v3'],
    ]);
    expect(Object.keys(docs[0])).toEqual(['topic', 'partition', 'offset', 'timestamp', 'timestampType', 'deliveryCount', 'key', 'value', 'headers']);
    // Not a share consumer: no delivery count.
    const plain = await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '--max-messages', '1', '-o', 'json']);
    expect(plain.code).toBe(0);
    expect(Object.keys(JSON.parse(plain.stdout) as object)).not.toContain('deliveryCount');
  });
});
