// kafka-dump-log on the shared test broker's own segment files: records written by kfk (plain,
// keyed with headers, each codec, a committed transaction) and a consumer group's records in
// __consumer_offsets, copied aside once written, then read by Kafka 4.4's DumpLogSegments and by
// kfk's drop-in and `kfk dump-log`, the same files and flags: the same stdout, stderr and exit code.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';
import { realScript } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const BS = ['--bootstrap-server', cluster.bootstrap];
const dataDirs = () => cluster.nodes[0].logDirs ?? [cluster.nodes[0].dataDir];

/** A partition's directory in the broker's log directories. */
function partitionDir(name: string): string {
  const dir = dataDirs()
    .map((d) => join(d, name))
    .find((d) => existsSync(d));
  expect(dir, `no directory for ${name}`).toBeDefined();
  return dir!;
}

/** A copy of a partition's segment files (.log, .index, .timeindex, .snapshot) as they are now, in a directory of the test's. */
function copySegments(name: string, into: string): string {
  const from = partitionDir(name);
  const to = join(into, name);
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (/\.(log|index|timeindex|snapshot|checkpoint)$/.test(f) && f !== 'leader-epoch-checkpoint') copyFileSync(join(from, f), join(to, f));
  return to;
}

/** The tool's reports on stderr, one block per file (a line, then its indented lines), in a fixed order. */
const reports = (text: string) => text.split(/\n(?! )/).filter((b) => b !== '').sort().join('\n');

async function produce(topic: string, input: string, more: string[] = [], config: string[] = []) {
  const made = await kfk(['topic', 'create', '--topic', topic, ...BS, ...config]);
  expect(made.code, made.stderr).toBe(0);
  const r = await kfk(['produce', '--topic', topic, ...BS, ...more], { input });
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
}

describe('kafka-dump-log (kfk dump-log)', () => {
  it("reads the broker's segments, indexes and __consumer_offsets as Kafka 4.4's tool does", async () => {
    const id = uniqueName('dl');
    const topics = { plain: `${id}-plain`, keyed: `${id}-keyed`, gzip: `${id}-gzip`, lz4: `${id}-lz4`, zstd: `${id}-zstd`, snappy: `${id}-snappy`, txn: `${id}-txn`, roll: `${id}-roll` };
    const lines = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}-${i}-${'x'.repeat(i % 40)}`).join('\n') + '\n';
    await Promise.all([
      produce(topics.plain, lines(3000, 'v'), ['--batch-size', '4096']),
      produce(topics.keyed, Array.from({ length: 50 }, (_, i) => `h1:a,h2:b\tk${i % 7}\tvalue ${i}`).join('\n') + '\n', ['--property', 'parse.key=true', '--property', 'parse.headers=true']),
      produce(topics.gzip, lines(200, 'g'), ['--compression-codec', 'gzip']),
      produce(topics.lz4, lines(200, 'l'), ['--compression-codec', 'lz4']),
      produce(topics.zstd, lines(200, 'z'), ['--compression-codec', 'zstd']),
      produce(topics.snappy, lines(200, 's'), ['--compression-codec', 'snappy']),
      produce(topics.txn, lines(20, 't'), ['--transactional-id', `${id}-tx`]),
      // Segments of 1 MiB (the least Kafka takes): a rolled segment, its finished indexes and the
      // producer state snapshot the broker writes as it rolls.
      produce(topics.roll, Array.from({ length: 12000 }, (_, i) => `r-${String(i).padStart(6, '0')}-${'y'.repeat(90)}`).join('\n') + '\n', ['--idempotent'], ['--config', 'segment.bytes=1048576']),
    ]);
    const group = `${id}-group`;
    const read = await kfk(['consume', '--topic', topics.keyed, '--group', group, '--from-beginning', '--max-messages', '50', ...BS]);
    expect(read.code, read.stderr).toBe(0);

    const into = join(tmpdir(), id);
    const dirs = Object.fromEntries(Object.entries(topics).map(([k, t]) => [k, copySegments(`${t}-0`, into)]));
    const seg = (k: string, ext: string) => join(dirs[k], `00000000000000000000.${ext}`);
    // Every partition of __consumer_offsets that holds records: the group's, and in a whole run those
    // of the other tests' groups of every kind (classic, consumer, share, streams).
    const offsets = dataDirs()
      .flatMap((d) => readdirSync(d).filter((n) => n.startsWith('__consumer_offsets-')).map((n) => join(d, n)))
      .filter((d) => readdirSync(d).some((f) => f.endsWith('.log') && statSync(join(d, f)).size > 0))
      .map((d) => copySegments(d.split('/').pop()!, into))
      .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.log')).map((f) => join(d, f)));
    expect(offsets.some((f) => readFileSync(f).includes(group))).toBe(true);
    // The cluster's metadata log (KRaft): topics, partitions, brokers, configs, as the controller wrote them.
    const metadataDir = copySegments('__cluster_metadata-0', into);
    const checkpoints = readdirSync(metadataDir).filter((f) => f.endsWith('.checkpoint'));
    // Share groups' state, where a share group has written some (the share group tests, in a whole run).
    const shareState = dataDirs()
      .flatMap((d) => readdirSync(d).filter((n) => n.startsWith('__share_group_state-')).map((n) => join(d, n)))
      .filter((d) => readdirSync(d).some((f) => f.endsWith('.log') && statSync(join(d, f)).size > 0))
      .map((d) => join(copySegments(d.split('/').pop()!, into), '00000000000000000000.log'));

    const cases: string[][] = [
      ['--files', seg('plain', 'log')],
      ['--files', seg('plain', 'log'), '--max-bytes', '5000'],
      ['--files', `${seg('keyed', 'log')},${seg('txn', 'log')}`, '--deep-iteration'],
      ['--files', seg('keyed', 'log'), '--print-data-log'],
      ['--files', seg('txn', 'log'), '--print-data-log', '--skip-record-metadata'],
      ['--files', `${seg('gzip', 'log')},${seg('lz4', 'log')},${seg('zstd', 'log')},${seg('snappy', 'log')}`, '--print-data-log'],
      ['--files', `${seg('plain', 'index')},${seg('plain', 'timeindex')}`],
      ['--files', `${seg('plain', 'index')},${seg('plain', 'timeindex')}`, '--index-sanity-check'],
      ['--files', `${seg('plain', 'index')},${seg('plain', 'timeindex')},${seg('keyed', 'index')}`, '--verify-index-only'],
      ['--files', offsets.join(','), '--offsets-decoder'],
      ['--files', `${seg('plain', 'log')},${join(dirs.plain, 'partition.metadata')}`],
      ['--files', `${seg('roll', 'index')},${seg('roll', 'timeindex')}`, '--index-sanity-check'],
      ['--files', `${seg('roll', 'index')},${seg('roll', 'timeindex')}`, '--verify-index-only'],
      ['--files', readdirSync(dirs.roll).filter((f) => f.endsWith('.snapshot')).map((f) => join(dirs.roll, f)).join(',')],
      ['--files', [join(metadataDir, '00000000000000000000.log'), ...checkpoints.map((f) => join(metadataDir, f))].join(','), '--cluster-metadata-decoder'],
      ['--files', join(metadataDir, '00000000000000000000.log'), '--deep-iteration', '--max-bytes', '20000'],
      // A record without a key under a coordinator decoder: the tool dies there, its line unended.
      ['--files', seg('plain', 'log'), '--offsets-decoder'],
      ...(shareState.length ? [['--files', shareState.join(','), '--share-group-state-decoder']] : []),
    ];
    const results = await Promise.all(cases.map((c) => Promise.all([realScript('kafka-dump-log', c), kfk(['compat', 'kafka-dump-log', ...c])])));
    for (const [i, [r, o]] of results.entries()) {
      // Where the tool dies (an exception), the drop-in prints the first line of its stack trace.
      // Its reports at the end come in a Java HashMap's order of the files: compared as a set.
      const stderr = r.code === 0 ? reports(r.stderr) : `${r.stderr.split('\n')[0]}\n`;
      expect({ case: cases[i].join(' '), code: o.code, stdout: o.stdout, stderr: r.code === 0 ? reports(o.stderr) : o.stderr }).toEqual({ case: cases[i].join(' '), code: r.code, stdout: r.stdout, stderr });
    }
    expect(results.map(([r]) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, ...(shareState.length ? [0] : [])]);
    expect(results[16][0].stderr.split('\n')[0]).toBe('Exception in thread "main" java.lang.RuntimeException: Failed to decode message at offset 0 using the specified decoder (message had a missing key)');
    // The metadata log names the topics this test made, and the control records of the quorum.
    expect(results[14][0].stdout).toContain(`payload: {"type":"TOPIC_RECORD","version":0,"data":{"name":"${topics.plain}","topicId":"`);
    expect(results[14][0].stdout).toMatch(/ KRaftVersion \{"version":0,"kRaftVersion":\d\}\n/);
    expect(results[15][0].stdout).toMatch(/ LeaderChange: \{"version":0,"leaderId":1,/);
    // A finished segment's time index is trimmed to its entries: it passes.
    expect(results[11][0].stdout).toContain(`Dumping ${seg('roll', 'timeindex')}\n${seg('roll', 'timeindex')} passed sanity check.\n`);
    expect(results[13][0].stdout).toMatch(/^producerId: \d+ producerEpoch: 0 coordinatorEpoch: -1 currentTxnFirstOffset: OptionalLong.empty lastTimestamp: \d+ firstSequence: \d+ lastSequence: \d+ lastOffset: \d+ offsetDelta: \d+ timestamp: \d+$/m);
    // The time index of a segment still being written is preallocated: its last entry is zeros,
    // and the broker's own sanity check (the tool's) finds it corrupt.
    expect(results[7][0].stderr).toMatch(/^Exception in thread "main" org.apache.kafka.storage.internals.log.CorruptIndexException: Corrupt time index found, time index file \(.*\) has non-zero size but the last timestamp is 0 which is less than the first timestamp \d+\n/);
    // What the files hold, as a reader would check it.
    const [plainDeep, keyedPrint, txnPrint, offsetsPrint] = [results[0][0].stdout, results[3][0].stdout, results[4][0].stdout, results[9][0].stdout];
    expect(plainDeep.split('\n')[0]).toBe(`Dumping ${seg('plain', 'log')}`);
    expect(plainDeep).toMatch(/^baseOffset: 0 lastOffset: \d+ count: \d+ baseSequence: -?\d+ lastSequence: -?\d+ producerId: -?\d+ producerEpoch: -?\d+ partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: \d+ size: \d+ magic: 2 compresscodec: none crc: \d+ isvalid: true$/m);
    expect(keyedPrint).toContain(' headerKeys: [h1,h2] key: k3 payload: value 10\n');
    expect(txnPrint).toContain('| payload: t-0-\n');
    expect(results[4][0].stdout.split('\n').filter((l) => l === '').length).toBeGreaterThan(1);
    expect(results[5][0].stdout).toMatch(/ compresscodec: gzip /);
    expect(results[5][0].stdout).toMatch(/ compresscodec: snappy /);
    expect(offsetsPrint).toContain(`key: {"type":"1","data":{"group":"${group}","topic":"${topics.keyed}","partition":0}} payload: {"version":`);
    expect(results[6][0].stdout).toMatch(/^offset: \d+ position: \d+$/m);
    expect(results[10][0].stderr).toBe(`Ignoring unknown file ${join(dirs.plain, 'partition.metadata')}\n`);

    // kfk's own form: the files as arguments, the same text.
    const own = await kfk(['dump-log', seg('keyed', 'log'), '--print-data-log']);
    expect({ code: own.code, stdout: own.stdout, stderr: own.stderr }).toEqual({ code: 0, stdout: keyedPrint, stderr: '' });
    const none = await kfk(['dump-log']);
    expect({ code: none.code, stdout: none.stdout, stderr: none.stderr }).toEqual({ code: 2, stdout: '', stderr: 'kfk: name the files to dump: kfk dump-log FILE... (or --files a,b)\n' });
    const missing = await kfk(['dump-log', join(into, 'nope-0', '00000000000000000000.log')]);
    const [rm, om] = await Promise.all([realScript('kafka-dump-log', ['--files', join(into, 'nope-0', '00000000000000000000.log')]), kfk(['compat', 'kafka-dump-log', '--files', join(into, 'nope-0', '00000000000000000000.log')])]);
    expect({ code: om.code, stdout: om.stdout, stderr: om.stderr }).toEqual({ code: 1, stdout: rm.stdout, stderr: `${rm.stderr.split('\n')[0]}\n` });
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 1, stderr: `kfk: cannot read ${join(into, 'nope-0', '00000000000000000000.log')}: ENOENT\n` });
  }, 180_000);
});
