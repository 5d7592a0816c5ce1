// A broker with auto.create.topics.enable (Kafka's default; `kfk local` turns it off): Kafka's
// console producer writes to a topic that does not exist and the broker creates it, and so does
// kfk's producer. Reads never create a topic. A broker of its own, so that the shared one keeps
// refusing what does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { TOOLS, kafkaTool } from '../helpers/kafka-tools.js';
import { startTestCluster } from '../helpers/test-cluster.js';

let B: string[];
let stopCluster: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const started = await startTestCluster('kfk-autocreate-', { brokers: 1, sasl: false, tls: false, brokerProperties: { 'auto.create.topics.enable': 'true', 'num.partitions': '2' } });
  stopCluster = started.stop;
  B = ['--bootstrap-server', started.state.bootstrap];
}, 120_000);

afterAll(async () => {
  await stopCluster?.();
}, 60_000);

/** What `topic describe` says of a topic, without its id (each topic has its own). */
async function described(topic: string): Promise<string> {
  const d = await kfk(['topic', 'describe', ...B, '--topic', topic]);
  expect(d.code, d.stderr).toBe(0);
  return d.stdout.replace(/TopicId: \S+/, 'TopicId: -').replaceAll(topic, 'T');
}

describe('a topic that does not exist, on a broker that creates topics', () => {
  it('kfk produce and its drop-in write to it as kafka-console-producer does: the broker creates it, every record arrives', async () => {
    const [ours, drop, theirs] = [uniqueName('ac'), uniqueName('ac'), uniqueName('ac')];
    const p = await kfk(['produce', ...B, '--topic', ours], { input: 'a\nb\nc\n' });
    expect(p).toMatchObject({ code: 0, stdout: '', stderr: `kfk: topic '${ours}' did not exist: the broker created it (auto.create.topics.enable)\n` });
    const d = await kfk(['compat', 'kafka-console-producer', ...B, '--topic', drop], { input: 'a\nb\nc\n' });
    expect(d).toMatchObject({ code: 0, stdout: '', stderr: `kfk: topic '${drop}' did not exist: the broker created it (auto.create.topics.enable)\n` });
    const j = await kafkaTool(TOOLS.producer, [...B, '--topic', theirs], { input: 'a\nb\nc\n' });
    expect(j.code, j.stderr).toBe(0);
    for (const topic of [ours, drop, theirs]) {
      const r = await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '-e']);
      expect(r, topic).toMatchObject({ code: 0, stderr: 'Processed a total of 3 messages\n' });
      expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['a', 'b', 'c']);
    }
    // The same topic as the broker makes for Kafka's producer (num.partitions 2 here).
    expect(await described(ours)).toBe(await described(theirs));
    expect(await described(ours)).toContain('PartitionCount: 2');
    // Once there, it is written to without a word.
    const again = await kfk(['produce', ...B, '--topic', ours], { input: 'd\n' });
    expect(again).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('kfk consume does not create it: it says the topic does not exist, exit 1, and the topic is not there after', async () => {
    const topic = uniqueName('acr');
    const r = await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '-e']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `kfk: topic '${topic}' does not exist\nProcessed a total of 0 messages\n` });
    const l = await kfk(['topic', 'list', ...B]);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout.split('\n')).not.toContain(topic);
  });

  it('a name the broker cannot create is refused at once, nothing written', async () => {
    const p = await kfk(['produce', ...B, '--topic', 'bad name'], { input: 'a\n' });
    expect(p).toMatchObject({ code: 1, stdout: '', stderr: "kfk: topic 'bad name': The request attempted to perform an operation on an invalid topic.\n" });
  });
});
