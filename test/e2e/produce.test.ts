import { describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kfk, uniqueName } from '../helpers/cli.js';
import { TOOLS, kafkaTool } from '../helpers/kafka-tools.js';
import { endOffsets, readAll, readCommittedValues } from '../helpers/kafka-read.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const tmp = mkdtempSync(join(tmpdir(), 'kfk-produce-'));

async function topic(prefix: string, partitions = 1, config: string[] = []) {
  const t = uniqueName(prefix);
  const r = await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', String(partitions), ...config.flatMap((c) => ['--config', c])]);
  expect(r.code).toBe(0);
  return t;
}

describe('kfk produce', () => {
  it('sends every stdin line as one record, in order, and prints nothing', async () => {
    const t = await topic('lines');
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
    const r = await kfk(['produce', ...B, '--topic', t], { input: lines.join('\n') + '\n' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const got = await readAll(bootstrap, t);
    expect(got.map((g) => g.value)).toEqual(lines);
    expect(got.every((g) => g.key === null)).toBe(true);
  });

  it('empty input sends nothing and succeeds', async () => {
    const t = await topic('empty');
    expect(await kfk(['produce', ...B, '--topic', t], { input: '' })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await endOffsets(bootstrap, t)).toEqual([0]);
  });

  it('keyed records land on the partition Kafka\'s own producer chooses (murmur2)', async () => {
    const mine = await topic('keys-kfk', 6);
    const theirs = await topic('keys-java', 6);
    const input = Array.from({ length: 60 }, (_, i) => `key-${i}:value-${i}`).join('\n') + '\n';
    const props = ['--property', 'parse.key=true', '--property', 'key.separator=:'];
    expect((await kfk(['produce', ...B, '--topic', mine, ...props], { input })).code).toBe(0);
    const java = await kafkaTool(TOOLS.producer, ['--bootstrap-server', bootstrap, '--topic', theirs, ...props], { input });
    expect(java.code).toBe(0);
    const a = await readAll(bootstrap, mine);
    const b = await readAll(bootstrap, theirs);
    const where = (rs: typeof a) => Object.fromEntries(rs.map((r) => [r.key, r.partition]));
    expect(a).toHaveLength(60);
    expect(where(a)).toEqual(where(b));
  });

  it('parses headers, keys and null.marker like kafka-console-producer', async () => {
    const t = await topic('headers');
    const input = 'h1:v1,h2:v2\tk1\tvalue1\nNULL\tk2\tNULL\n';
    const r = await kfk(['produce', ...B, '--topic', t, '--property', 'parse.headers=true', '--property', 'parse.key=true', '--property', 'null.marker=NULL'], { input });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const got = await readAll(bootstrap, t);
    expect(got.map((g) => [g.key, g.value, g.headers])).toEqual([
      ['k1', 'value1', { h1: 'v1', h2: 'v2' }],
      ['k2', null, {}],
    ]);
  });

  it('--key and --partition apply to every line', async () => {
    const t = await topic('fixed', 3);
    const r = await kfk(['produce', ...B, '--topic', t, '--key', 'K', '--partition', '2'], { input: 'a\nb\n' });
    expect(r.code).toBe(0);
    const got = await readAll(bootstrap, t);
    expect(got.map((g) => [g.partition, g.key, g.value])).toEqual([[2, 'K', 'a'], [2, 'K', 'b']]);
  });

  it('reads --file (repeatable) instead of stdin', async () => {
    const t = await topic('file');
    const f1 = join(tmp, 'a.txt');
    const f2 = join(tmp, 'b.txt');
    writeFileSync(f1, 'one\ntwo\n');
    writeFileSync(f2, 'three');
    expect((await kfk(['produce', ...B, '--topic', t, '--file', f1, '--file', f2])).code).toBe(0);
    expect((await readAll(bootstrap, t)).map((g) => g.value)).toEqual(['one', 'two', 'three']);
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('%s-compressed records are read by Kafka\'s own console consumer', async (codec) => {
    const t = await topic(`codec-${codec}`);
    // About 280 kB: more than one 64 kB block of an LZ4 frame, with text that compresses and
    // random text that hardly does.
    const lines = Array.from({ length: 3000 }, (_, i) => `${codec} record ${i} ${i % 2 ? 'abc'.repeat(20) : randomBytes(45).toString('base64')}`);
    const r = await kfk(['produce', ...B, '--topic', t, '--compression-codec', codec], { input: lines.join('\n') + '\n' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const java = await kafkaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', t, '--from-beginning', '--max-messages', '3000', '--timeout-ms', '20000']);
    expect({ code: java.code, stdout: java.stdout }).toEqual({ code: 0, stdout: lines.join('\n') + '\n' });
  });

  it('an unknown topic is a clear error, not a hang', async () => {
    const r = await kfk(['produce', ...B, '--topic', 'no-such-topic-for-produce'], { input: 'x\n' });
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: "kfk: topic 'no-such-topic-for-produce' does not exist\n" });
  });

  it('a line without the key separator stops the input and says what was delivered', async () => {
    const t = await topic('badline');
    const r = await kfk(['produce', ...B, '--topic', t, '--property', 'parse.key=true'], { input: 'k\tv1\nk\tv2\nnokey\nk\tv4\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("kfk: No key separator found on line number 3: 'nokey'\nkfk: 2 record(s) before line 3 delivered, input stopped there\n");
    expect((await readAll(bootstrap, t)).map((g) => g.value)).toEqual(['v1', 'v2']);
  });

  it('malformed JSON input is reported with its line number', async () => {
    const t = await topic('badjson');
    const r = await kfk(['produce', ...B, '--topic', t, '--format', 'json'], { input: '{"value":"a"}\n{"value":\n' });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^kfk: line 2: invalid JSON/);
    expect((await readAll(bootstrap, t)).map((g) => g.value)).toEqual(['a']);
  });

  it('a record over the topic limit fails alone; the rest are delivered; exit 1 with the count', async () => {
    const t = await topic('toolarge', 1, ['max.message.bytes=20000']);
    const big = 'B'.repeat(50_000);
    const input = ['small-1', big, 'small-2'].join('\n') + '\n';
    const r = await kfk(['produce', ...B, '--topic', t], { input });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'kfk: 1 of 3 record(s) not delivered\n' +
        'kfk:   The request included a message larger than the max message size the server will accept (topic max.message.bytes=20000): 1 record(s); line 2\n',
    );
    expect((await readAll(bootstrap, t)).map((g) => g.value)).toEqual(['small-1', 'small-2']);
  });

  it('--failed-records writes the undelivered record as JSON that produce --format json resends', async () => {
    const t = await topic('failedrec', 1, ['max.message.bytes=20000']);
    const dir = mkdtempSync(join(tmpdir(), 'kfk-failed-'));
    const file = join(dir, 'failed.jsonl');
    const big = 'F'.repeat(30_000);
    const r = await kfk(['produce', ...B, '--topic', t, '--failed-records', file], { input: `one\n${big}\ntwo\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`kfk: 1 undelivered record(s) written to ${file}; resend with: kfk produce --topic ${t} --format json --file ${file}\n`);
    const saved = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(saved.map((x) => [x.key, x.value])).toEqual([[null, big]]);
  });

  it('a 10 MB line is refused before sending, named by its line; the others arrive', async () => {
    const t = await topic('huge');
    const r = await kfk(['produce', ...B, '--topic', t], { input: `a\n${'H'.repeat(10 * 1024 * 1024)}\nb\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('kfk: 1 of 3 record(s) not delivered\nkfk:   record larger than max.request.size (1048576 bytes): 1 record(s); line 2\n');
    expect((await readAll(bootstrap, t)).map((g) => g.value)).toEqual(['a', 'b']);
  });

  it('a topic with max.message.bytes=65536 takes 20,000 lines of 1,000 B', async () => {
    const t = await topic('mmb', 1, ['max.message.bytes=65536']);
    const line = 'q'.repeat(999);
    const r = await kfk(['produce', ...B, '--topic', t], { input: Array.from({ length: 20000 }, () => line).join('\n') + '\n' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(await endOffsets(bootstrap, t)).toEqual([20000]);
  });

  it.each(['0', '1', 'all'])('acks=%s delivers every line', async (acks) => {
    const t = await topic(`acks${acks}`);
    const lines = Array.from({ length: 2000 }, (_, i) => `a${i}`);
    const r = await kfk(['produce', ...B, '--topic', t, '--request-required-acks', acks], { input: lines.join('\n') });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    for (let i = 0; i < 20 && (await endOffsets(bootstrap, t))[0] < 2000; i++) await new Promise((res) => setTimeout(res, 100));
    expect((await readAll(bootstrap, t)).map((g) => g.value)).toEqual(lines);
  });

  it('many small records into a topic with a small max.message.bytes: batches are split, nothing lost', async () => {
    const t = await topic('split', 1, ['max.message.bytes=20000']);
    const lines = Array.from({ length: 5000 }, (_, i) => `r${i}-${'y'.repeat(80)}`);
    const r = await kfk(['produce', ...B, '--topic', t], { input: lines.join('\n') + '\n' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(await endOffsets(bootstrap, t)).toEqual([5000]);
  });

  it('--idempotent delivers every line exactly once', async () => {
    const t = await topic('idem', 3);
    const lines = Array.from({ length: 3000 }, (_, i) => `${i}`);
    const r = await kfk(['produce', ...B, '--topic', t, '--idempotent'], { input: lines.join('\n') });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const got = await readAll(bootstrap, t);
    expect(got.map((g) => g.value).sort((a, b) => Number(a) - Number(b))).toEqual(lines);
  });

  it('--transactional-id: all lines committed at the end of input', async () => {
    const t = await topic('txn-ok');
    const r = await kfk(['produce', ...B, '--topic', t, '--transactional-id', uniqueName('tx')], { input: 'a\nb\nc\n' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(await readCommittedValues(bootstrap, t)).toEqual(['a', 'b', 'c']);
  });

  it('--transactional-id: a bad line aborts, a read_committed consumer sees none', async () => {
    const t = await topic('txn-abort');
    const r = await kfk(['produce', ...B, '--topic', t, '--transactional-id', uniqueName('tx'), '--property', 'parse.key=true'], { input: 'k\ta\nk\tb\nbroken\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("kfk: No key separator found on line number 3: 'broken'\nkfk: transaction aborted: none of the 2 record(s) read before line 3 were committed\n");
    expect(await readCommittedValues(bootstrap, t)).toEqual([]);
  });

  it('bad flag values are usage errors', async () => {
    const r = await kfk(['produce', ...B, '--topic', 'x', '--batch-size', 'lots']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: "kfk: invalid batch size 'lots': expected an integer >= 1\n" });
    const c = await kfk(['produce', ...B, '--topic', 'x', '--compression-codec', 'brotli']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^kfk: option '--compression-codec \[codec\]' argument 'brotli' is invalid/);
  });
});
