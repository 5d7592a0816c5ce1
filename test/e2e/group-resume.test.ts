// A second `consume --group` run goes on where the first stopped, in every partition: the first
// run commits, for each partition it was assigned, the offset after the last record it printed,
// or where it started reading where it printed nothing (as Kafka's Java consumer does on close).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { KFK_BIN, cleanEnv, kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { TOOLS, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];

/** Uneven partitions, so that a short first run prints from some of them only. */
const COUNTS = [40_000, 25_000, 10_000];
const TOTAL = COUNTS.reduce((a, b) => a + b, 0);

/**
 * A topic with COUNTS[p] records `p<p>-<i>....` in partition p; returns the topic and every value.
 * Values are 100 bytes: a partition's first fetched set (1 MB) prints more than a pipe holds.
 */
async function loadedTopic(): Promise<{ topic: string; values: string[] }> {
  const topic = uniqueName('resume');
  expect((await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', String(COUNTS.length)])).code).toBe(0);
  const values: string[] = [];
  for (const [p, n] of COUNTS.entries()) {
    const lines = Array.from({ length: n }, (_, i) => `p${p}-${String(i).padStart(6, '0')}-`.padEnd(100, '.'));
    const r = await kfk(['produce', ...B, '--topic', topic, '--partition', String(p)], { input: lines.join('\n') + '\n' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    values.push(...lines);
  }
  return { topic, values };
}

const lines = (stdout: string) => stdout.split('\n').filter(Boolean);

/** Printed lines per partition (values start with `p<partition>-`). */
function perPartition(printed: string[]): number[] {
  const n = COUNTS.map(() => 0);
  for (const v of printed) n[Number(v.slice(1, v.indexOf('-')))]++;
  return n;
}

/** How the two runs together cover the topic: every record exactly once is { missing: 0, duplicated: 0, unknown: 0 }. */
function coverage(values: string[], ...runs: string[][]): { missing: number; duplicated: number; unknown: number } {
  const seen = new Map<string, number>(values.map((v) => [v, 0]));
  let unknown = 0;
  for (const run of runs) {
    for (const v of run) {
      const n = seen.get(v);
      if (n === undefined) unknown++;
      else seen.set(v, n + 1);
    }
  }
  let missing = 0;
  let duplicated = 0;
  for (const n of seen.values()) {
    if (n === 0) missing++;
    if (n > 1) duplicated += n - 1;
  }
  return { missing, duplicated, unknown };
}

async function committedOffsets(group: string): Promise<Array<[number, number | null]>> {
  const r = await kfk(['group', 'describe', ...B, '--group', group, '-o', 'json']);
  expect(r.code).toBe(0);
  const d = JSON.parse(r.stdout) as { offsets: Array<{ partition: number; currentOffset: number | null }> };
  return d.offsets.map((o) => [o.partition, o.currentOffset]);
}

/** The first run of the issue: 1000 records from the beginning, then exit. */
async function firstRunMaxMessages(topic: string, group: string): Promise<string[]> {
  const r = await kfk(['consume', ...B, '--topic', topic, '--group', group, '--from-beginning', '--max-messages', '1000']);
  expect(r).toMatchObject({ code: 0, stderr: 'Processed a total of 1000 messages\n' });
  const printed = lines(r.stdout);
  expect(printed).toHaveLength(1000);
  // What the issue is about: partitions of which the first run printed nothing.
  expect(perPartition(printed).filter((n) => n === 0).length).toBeGreaterThan(0);
  return printed;
}

/**
 * `kfk consume --group G --from-beginning | head -n N`, as a shell runs it: head's output, kfk's
 * exit code and its stderr.
 */
async function consumeIntoHead(topic: string, group: string, n: number): Promise<{ first: { code: number | null; out: string }; err: string }> {
  const errFile = join(tmpdir(), `${group}.err`);
  const cmd = `"${process.execPath}" "${KFK_BIN}" consume --bootstrap-server ${bootstrap} --topic ${topic} --group ${group} --from-beginning 2>"$ERRFILE" | head -n ${n}; exit \${PIPESTATUS[0]}`;
  const first = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn('bash', ['-c', cmd], { env: cleanEnv({ ERRFILE: errFile }), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
  const err = readFileSync(errFile, 'utf8');
  rmSync(errFile);
  return { first, err };
}

describe('consume --group: a second run resumes every partition', () => {
  it('after --max-messages: the second run prints every record the first did not, once', async () => {
    const { topic, values } = await loadedTopic();
    const g = uniqueName('resume-max');
    const first = await firstRunMaxMessages(topic, g);
    // Committed: after the last printed record, and the start (0) where nothing was printed.
    expect(await committedOffsets(g)).toEqual(perPartition(first).map((n, p) => [p, n]));

    const second = await kfk(['consume', ...B, '--topic', topic, '--group', g, '--timeout-ms', '5000']);
    expect(second).toMatchObject({ code: 0, stderr: `Processed a total of ${TOTAL - 1000} messages\n` });
    const printed = lines(second.stdout);
    expect(printed).toHaveLength(TOTAL - 1000);
    expect(coverage(values, first, printed)).toEqual({ missing: 0, duplicated: 0, unknown: 0 });
    expect(await committedOffsets(g)).toEqual(COUNTS.map((n, p) => [p, n]));
  });

  it('after Ctrl-C (SIGINT): the second run prints every record the first did not, once', async () => {
    const { topic, values } = await loadedTopic();
    // What the test is about needs a first run interrupted before it printed from some partition;
    // on a loaded machine kfk can get to every partition in the second before the signal: again,
    // with a new group (at most three runs).
    let g = '';
    let printedFirst: string[] = [];
    for (let run = 1; run <= 3; run++) {
      g = uniqueName('resume-int');
      const c = kfkProcess(['consume', ...B, '--topic', topic, '--group', g, '--from-beginning']);
      // Stop reading kfk's output at its first chunk: kfk waits for the full pipe in the middle of
      // the first partition it prints (a fetched set is 1 MB), and is interrupted there.
      await new Promise<void>((resolve) =>
        c.child.stdout.once('data', () => {
          c.child.stdout.pause();
          resolve();
        }),
      );
      await sleep(1000);
      c.child.kill('SIGINT');
      c.child.stdout.resume();
      const first = await c.done;
      printedFirst = lines(first.stdout);
      expect(first).toMatchObject({ code: 0, stderr: `Processed a total of ${printedFirst.length} messages\n` });
      expect(printedFirst.length).toBeGreaterThan(0);
      if (perPartition(printedFirst).some((n) => n === 0)) break;
    }
    expect(perPartition(printedFirst).filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(await committedOffsets(g)).toEqual(perPartition(printedFirst).map((n, p) => [p, n]));

    const second = await kfk(['consume', ...B, '--topic', topic, '--group', g, '--timeout-ms', '5000']);
    const printed = lines(second.stdout);
    expect(second).toMatchObject({ code: 0, stderr: `Processed a total of ${printed.length} messages\n` });
    expect(printed).toHaveLength(TOTAL - printedFirst.length);
    expect(coverage(values, printedFirst, printed)).toEqual({ missing: 0, duplicated: 0, unknown: 0 });
  });

  it('after a closed pipe (| head): the second run prints every record the first did not write out, once', async () => {
    const { topic, values } = await loadedTopic();
    const g = uniqueName('resume-pipe');
    const { first, err } = await consumeIntoHead(topic, g, 1000);
    const head = lines(first.out);
    expect(first.code).toBe(0);
    expect(head).toHaveLength(1000);
    // Committed: what stdout took before the pipe closed (head read part of it), not the whole
    // fetched set; a record counts as written once stdout reported every byte up to its end.
    const written = Number(/^Processed a total of (\d+) messages\n$/.exec(err)?.[1]);
    expect(written).toBeLessThan(1000 + 2 * 65_536 / 100);
    const offsets = await committedOffsets(g);
    expect(offsets.reduce((n, [, o]) => n + (o ?? 0), 0)).toBe(written);

    const second = await kfk(['consume', ...B, '--topic', topic, '--group', g, '--timeout-ms', '5000']);
    const printed = lines(second.stdout);
    expect(second).toMatchObject({ code: 0, stderr: `Processed a total of ${TOTAL - written} messages\n` });
    expect(printed).toHaveLength(TOTAL - written);
    // Nothing skipped; what head printed past the commit is printed again.
    expect(coverage(values, head, printed)).toEqual({ missing: Math.max(0, written - 1000), duplicated: Math.max(0, 1000 - written), unknown: 0 });
  });

  it('after `| head -1`: the next run starts at the first record not written out, not after the whole fetched set', async () => {
    const topic = uniqueName('resume-head1');
    expect((await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '1'])).code).toBe(0);
    const values = Array.from({ length: 20_000 }, (_, i) => `${String(i).padStart(6, '0')}-`.padEnd(100, '.'));
    expect(await kfk(['produce', ...B, '--topic', topic], { input: values.join('\n') + '\n' })).toMatchObject({ code: 0, stderr: '' });
    const g = uniqueName('resume-head1');
    const { first, err } = await consumeIntoHead(topic, g, 1);
    expect({ code: first.code, out: first.out }).toEqual({ code: 0, out: `${values[0]}\n` });
    const written = Number(/^Processed a total of (\d+) messages\n$/.exec(err)?.[1]);
    // A fetched set (1 MB) holds about 10,000 of these records; a pipe takes 64 kB of them.
    expect(written).toBeLessThan(2 * 65_536 / 100);
    const next = await kfk(['consume', ...B, '--topic', topic, '--group', g, '--max-messages', '1']);
    expect(next).toMatchObject({ code: 0, stdout: `${values[written]}\n`, stderr: 'Processed a total of 1 messages\n' });
  });

  it("Kafka's console consumer in the same group goes on where kfk stopped, in every partition", async () => {
    const { topic, values } = await loadedTopic();
    const g = uniqueName('resume-java');
    const first = await firstRunMaxMessages(topic, g);

    const java = await kafkaTool(TOOLS.consumer, ['--bootstrap-server', bootstrap, '--topic', topic, '--group', g, '--timeout-ms', '10000'], { timeoutMs: 80_000 });
    const printed = lines(java.stdout);
    expect(java.code).toBe(0);
    // Java's tool ends a --timeout-ms run with an ERROR line about the timeout, then its total.
    expect(java.stderr.endsWith(`Processed a total of ${TOTAL - 1000} messages\n`)).toBe(true);
    expect(printed).toHaveLength(TOTAL - 1000);
    expect(coverage(values, first, printed)).toEqual({ missing: 0, duplicated: 0, unknown: 0 });
  }, 120_000);
});
