// Kafka's console consumer formatters, byte for byte: every DefaultMessageFormatter property
// alone and together, and the other --formatter classes, through `kfk consume` and the
// kfk-kafka-console-consumer drop-in, against kafka-console-consumer of the broker's version.
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION, TOOLS, kafkaTool } from '../helpers/kafka-tools.js';
import { isKafka3 } from '../../src/local/kafka-dist.js';

// Kafka 4.4's formatter text (3.9's tools print some of it differently, and read no 4.x class names).
const on4 = !isKafka3(CLUSTER_KAFKA_VERSION);

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];

/** Keys, null keys, null values, headers (one with a null value), no headers, a binary value and a record without a timestamp. */
async function loadedTopic(configs: string[] = []): Promise<{ topic: string; count: number }> {
  const topic = uniqueName('fmt');
  expect((await kfk(['topic', 'create', ...B, '--topic', topic, ...configs.flatMap((c) => ['--config', c])])).code).toBe(0);
  const lines = ['h1:x,h2:y\tk1\tv1', 'NO\tk2\tv2', 'h3:NO\tNO\tNO', 'NO\tNO\tv4', 'h4:a:b\tk\u00e9\tv\u00e9'];
  const p = await kfk(['produce', ...B, '--topic', topic, '--property', 'parse.headers=true', '--property', 'parse.key=true', '--property', 'null.marker=NO'], { input: lines.join('\n') + '\n' });
  expect(p).toMatchObject({ code: 0, stderr: '' });
  const json = ['{"key":"bin","value":"5c00ff41","valueEncoding":"hex"}', '{"value":"no-ts","timestamp":-1}'];
  const j = await kfk(['produce', ...B, '--topic', topic, '--format', 'json'], { input: json.join('\n') + '\n' });
  expect(j).toMatchObject({ code: 0, stderr: '' });
  return { topic, count: lines.length + json.length };
}

/** Kafka's tool, kfk consume and the drop-in, on the same records with the same formatter. */
async function compare(topic: string, count: number, props: string[], formatter?: string) {
  const common = ['--partition', '0', '--offset', 'earliest', '--max-messages', String(count)];
  const fmt = formatter ? ['--formatter', formatter] : [];
  const theirs = await kafkaTool(TOOLS.consumer, [...B, '--topic', topic, ...common, ...fmt, ...props.flatMap((p) => ['--formatter-property', p])]);
  const [mine, dropIn] = await Promise.all([
    kfk(['consume', ...B, '--topic', topic, ...common, ...fmt, ...props.flatMap((p) => ['--property', p])]),
    kfk(['compat', 'kafka-console-consumer', ...B, '--topic', topic, ...common, ...fmt, ...props.flatMap((p) => ['--formatter-property', p])]),
  ]);
  expect(theirs.code).toBe(0);
  expect(theirs.stderr).toContain(`Processed a total of ${count} messages`);
  expect({ code: mine.code, stdout: mine.stdout, stderr: mine.stderr }).toEqual({ code: 0, stdout: theirs.stdout, stderr: `Processed a total of ${count} messages\n` });
  expect({ code: dropIn.code, stdout: dropIn.stdout }).toEqual({ code: 0, stdout: theirs.stdout });
  return theirs.stdout;
}

const ALL = ['print.timestamp=true', 'print.partition=true', 'print.offset=true', 'print.delivery=true', 'print.epoch=true', 'print.headers=true', 'print.key=true'];

describe.runIf(on4)('DefaultMessageFormatter properties, as kafka-console-consumer prints them', () => {
  let data: Promise<{ topic: string; count: number }> | undefined;
  const records = () => (data ??= loadedTopic());

  it.each([
    ['the defaults', []],
    ['print.timestamp', ['print.timestamp=true']],
    ['print.key', ['print.key=true']],
    ['print.offset', ['print.offset=true']],
    ['print.partition', ['print.partition=true']],
    ['print.headers', ['print.headers=true']],
    ['print.delivery', ['print.delivery=true']],
    ['print.epoch', ['print.epoch=true']],
    ['print.value=false alone (nothing at all)', ['print.value=false']],
    ['print.value=false after the key', ['print.key=true', 'print.value=false']],
    ['key.separator', ['print.key=true', 'print.offset=true', 'key.separator= | ']],
    ['line.separator', ['line.separator=<EOL>']],
    ['headers.separator', ['print.headers=true', 'headers.separator=;']],
    ['null.literal', ['print.key=true', 'print.headers=true', 'null.literal=NIL']],
    ['every field', ALL],
    ['every field, no value, own separators', [...ALL, 'print.value=false', 'key.separator=|', 'line.separator=;', 'headers.separator=&', 'null.literal=~']],
    ['booleans Kafka reads loosely', ['print.key=TRUE', 'print.offset= true ', 'print.partition=yes']],
    ['String deserializers', ['print.key=true', 'print.headers=true', 'key.deserializer=org.apache.kafka.common.serialization.StringDeserializer', 'value.deserializer=org.apache.kafka.common.serialization.StringDeserializer', 'headers.deserializer=org.apache.kafka.common.serialization.StringDeserializer']],
    ['Bytes deserializer', ['print.key=true', 'value.deserializer=org.apache.kafka.common.serialization.BytesDeserializer']],
  ])('%s', async (_name, props) => {
    const { topic, count } = await records();
    await compare(topic, count, props as string[]);
  });

  it('print.timestamp on a LogAppendTime topic', async () => {
    const { topic, count } = await loadedTopic(['message.timestamp.type=LogAppendTime']);
    expect(await compare(topic, count, ['print.timestamp=true', 'print.key=true'])).toMatch(/^LogAppendTime:\d+\tk1\tv1\n/);
  });

  it('the drop-in takes --value-deserializer as Kafka does (a formatter property)', async () => {
    const { topic, count } = await records();
    const args = [...B, '--topic', topic, '--partition', '0', '--offset', 'earliest', '--max-messages', String(count), '--value-deserializer', 'org.apache.kafka.common.serialization.BytesDeserializer'];
    const [theirs, dropIn] = await Promise.all([kafkaTool(TOOLS.consumer, args), kfk(['compat', 'kafka-console-consumer', ...args])]);
    expect(theirs.code).toBe(0);
    expect(theirs.stdout).toContain('\\x5C\\x00\\xFFA\n');
    expect({ code: dropIn.code, stdout: dropIn.stdout }).toEqual({ code: 0, stdout: theirs.stdout });
  });
});

describe.runIf(on4)('--formatter', () => {
  let data: Promise<{ topic: string; count: number }> | undefined;
  const records = () => (data ??= loadedTopic());

  it.each([
    ['org.apache.kafka.tools.consumer.DefaultMessageFormatter', ['print.key=true']],
    ['org.apache.kafka.tools.consumer.LoggingMessageFormatter', ['print.key=true']],
    ['org.apache.kafka.tools.consumer.NoOpMessageFormatter', ['print.key=true']],
  ])('%s', async (formatter, props) => {
    const { topic, count } = await records();
    await compare(topic, count, props, formatter);
  });

  it('an unknown class is a one-line usage error naming the known formatters, exit 2', async () => {
    const r = await kfk(['consume', ...B, '--topic', 'any', '--formatter', 'com.example.MyFormatter']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kfk: unknown formatter 'com\.example\.MyFormatter': known formatters are org\.apache\.kafka\.tools\.consumer\.DefaultMessageFormatter, [^\n]*\n$/);
    // The drop-in exits as Kafka's tool does for a class it cannot load: 1.
    const args = [...B, '--topic', 'any', '--formatter', 'com.example.MyFormatter'];
    const [theirs, d] = await Promise.all([kafkaTool(TOOLS.consumer, args), kfk(['compat', 'kafka-console-consumer', ...args])]);
    expect(theirs.code).toBe(1);
    expect(d).toMatchObject({ code: 1, stdout: '' });
    expect(d.stderr).toMatch(/^ERROR unknown formatter 'com\.example\.MyFormatter': known formatters are /);
  });
});

/**
 * Both readers print the same window of an internal topic: the partition holding `marker` in a
 * record key, from its start up to the records it holds now (others keep appending to it).
 */
async function internalWindow(topic: string, marker: string): Promise<{ partition: number; count: number }> {
  const r = await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '-e', '-o', 'json']);
  expect(r.code).toBe(0);
  const records = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { partition: number; key: string | null });
  const mine = records.find((x) => x.key?.includes(marker));
  expect(mine, `a record keyed by ${marker} in ${topic}`).toBeDefined();
  return { partition: mine!.partition, count: records.filter((x) => x.partition === mine!.partition).length };
}

async function compareInternal(topic: string, marker: string, formatter: string, kfkFormatter = formatter) {
  const { partition, count } = await internalWindow(topic, marker);
  const common = [...B, '--topic', topic, '--partition', String(partition), '--offset', 'earliest', '--max-messages', String(count)];
  const theirs = await kafkaTool(TOOLS.consumer, [...common, '--formatter', formatter]);
  const [mine, dropIn] = await Promise.all([kfk(['consume', ...common, '--formatter', kfkFormatter]), kfk(['compat', 'kafka-console-consumer', ...common, '--formatter', kfkFormatter])]);
  expect(theirs.code).toBe(0);
  expect({ code: mine.code, stdout: mine.stdout, stderr: mine.stderr }).toEqual({ code: 0, stdout: theirs.stdout, stderr: `Processed a total of ${count} messages\n` });
  expect({ code: dropIn.code, stdout: dropIn.stdout }).toEqual({ code: 0, stdout: theirs.stdout });
  return theirs.stdout;
}

describe.runIf(on4)('internal-topic formatters, as kafka-console-consumer 4.4 prints them', () => {
  const T = 'org.apache.kafka.tools.consumer.';
  let committed: Promise<{ topic: string; group: string; javaGroup: string }> | undefined;
  /** A kfk group and a Java group commit offsets on a 2-partition topic. */
  const commits = () =>
    (committed ??= (async () => {
      const topic = uniqueName('fmt-offsets');
      const [group, javaGroup] = [uniqueName('fmt-g'), uniqueName('fmt-jg')];
      expect((await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '2'])).code).toBe(0);
      expect((await kfk(['produce', ...B, '--topic', topic, '--property', 'parse.key=true'], { input: 'a\t1\nb\t2\nc\t3\nd\t4\n' })).code).toBe(0);
      expect((await kfk(['consume', ...B, '--topic', topic, '--group', group, '--from-beginning', '--max-messages', '4'])).code).toBe(0);
      expect((await kafkaTool(TOOLS.consumer, [...B, '--topic', topic, '--group', javaGroup, '--from-beginning', '--max-messages', '4'])).code).toBe(0);
      return { topic, group, javaGroup };
    })());

  it('OffsetsMessageFormatter on __consumer_offsets after a kfk group and a Java group commit', async () => {
    const { topic, group, javaGroup } = await commits();
    const out = await compareInternal('__consumer_offsets', javaGroup, `${T}OffsetsMessageFormatter`);
    expect(out).not.toContain('\n');
    for (const g of [group, javaGroup]) expect(out).toMatch(new RegExp(`\\{"key":\\{"type":1,"data":\\{"group":"${g}","topic":"${topic}","partition":[01]\\}\\},"value":\\{"version":\\d,"data":\\{"offset":\\d,"leaderEpoch":-?\\d,"metadata":"","commitTimestamp":\\d+`));
  });

  it('GroupMetadataMessageFormatter on __consumer_offsets', async () => {
    const { group, javaGroup } = await commits();
    const out = await compareInternal('__consumer_offsets', javaGroup, `${T}GroupMetadataMessageFormatter`);
    for (const g of [group, javaGroup]) expect(out).toContain(`{"key":{"type":2,"data":{"group":"${g}"}},"value":{"version":`);
    expect(out).toContain('"members":[{"memberId":"');
  });

  it('the 3.x (Scala) class names print what 4.4 prints', async () => {
    const { javaGroup } = await commits();
    await compareInternal('__consumer_offsets', javaGroup, `${T}OffsetsMessageFormatter`, 'kafka.coordinator.group.GroupMetadataManager$OffsetsMessageFormatter');
    await compareInternal('__consumer_offsets', javaGroup, `${T}GroupMetadataMessageFormatter`, 'kafka.coordinator.group.GroupMetadataManager$GroupMetadataMessageFormatter');
  });

  it('TransactionLogMessageFormatter on __transaction_state after a committed kfk transaction', async () => {
    const topic = uniqueName('fmt-tx');
    const txid = uniqueName('fmt-txid');
    expect((await kfk(['topic', 'create', ...B, '--topic', topic])).code).toBe(0);
    expect((await kfk(['produce', ...B, '--topic', topic, '--transactional-id', txid], { input: 'a\nb\n' })).code).toBe(0);
    const out = await compareInternal('__transaction_state', txid, `${T}TransactionLogMessageFormatter`);
    for (const state of ['Empty', 'Ongoing', 'PrepareCommit', 'CompleteCommit']) expect(out).toMatch(new RegExp(`"transactionalId":"${txid}"\\}\\},"value":\\{"version":\\d,"data":\\{[^}]*"transactionStatus":"${state}"`));
    expect(out).toMatch(new RegExp(`"transactionalId":"${txid}"\\}\\},"value":\\{"version":\\d,"data":\\{[^}]*"transactionStatus":"CompleteCommit","transactionPartitions":\\[\\]`));
    expect(out).toContain(`"transactionStatus":"Ongoing","transactionPartitions":[{"topic":"${topic}","partitionIds":[0]}]`);
  });
});
