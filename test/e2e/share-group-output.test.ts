// What a share consumer (`kfk consume --share-group`) acknowledges depends on its output: a
// record that was not written out (the pipe closed under it) is released, delivered again; and
// the delivery count it prints in JSON.
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { KFK_BIN, cleanEnv, kfk, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];

/** A topic of one partition, and a share group whose config makes it start at the log start. */
async function topicAndGroup(): Promise<{ topic: string; group: string }> {
  const topic = uniqueName('share-out');
  const group = uniqueName('sgo');
  expect(await kfk(['topic', 'create', ...B, '--topic', topic, '--partitions', '1'])).toMatchObject({ code: 0 });
  expect(await kfk(['config', 'alter', ...B, '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])).toMatchObject({ code: 0 });
  return { topic, group };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Runs `kfk <args> | head -n <lines>` in bash; returns kfk's exit code and stderr, and what head printed. */
function throughHead(args: string[], lines: number): Promise<{ code: number | null; head: string; stderr: string }> {
  const quoted = [process.execPath, KFK_BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `${quoted} 2>&3 | head -n ${lines}; exit \${PIPESTATUS[0]}`], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
    let head = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (head += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, head, stderr }));
  });
}

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('kfk consume --share-group and its output', () => {
  it.concurrent('| head -1 on a large set: what was not written out is released (delivered again), nothing is lost', async () => {
    const { topic, group } = await topicAndGroup();
    const N = 20_000;
    const value = (i: number) => `${String(i).padStart(6, '0')}-`.padEnd(100, '.');
    expect(await kfk(['produce', ...B, '--topic', topic], { input: range(0, N).map(value).join('\n') + '\n' })).toMatchObject({ code: 0, stderr: '' });
    // Sets of up to 5000 records (500 kB printed): far more than a pipe holds.
    const SHOW = ['--property', 'print.offset=true', '--property', 'print.delivery=true'];
    const first = await throughHead(['consume', ...B, '--topic', topic, '--share-group', group, '--consumer-property', 'max.poll.records=5000', ...SHOW], 1);
    expect(first.code).toBe(0);
    expect(first.head).toBe(`Offset:0\tDelivery:1\t${value(0)}\n`);
    const processed = /^Processed a total of (\d+) messages\n$/.exec(first.stderr);
    expect(processed).not.toBeNull();
    // Written out (and accepted): no more than the pipe (64 kB) and head's read took, in records
    // of `Offset:N\tDelivery:1\t` and 100 bytes each.
    const written = Number(processed![1]);
    expect(written * 125).toBeLessThanOrEqual(128 * 1024);

    // The second run gets every record the first did not write out, once: those the first had
    // acquired come with delivery count 2.
    const second = await kfk(['consume', ...B, '--topic', topic, '--share-group', group, '--timeout-ms', '3000', ...SHOW, '--property', 'print.value=false']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(`Processed a total of ${N - written} messages\n`);
    const got = second.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t').map((f) => Number(f.slice(f.indexOf(':') + 1))) as [number, number]);
    expect(got.map(([o]) => o).sort((x, y) => x - y)).toEqual(range(written, N));
    expect(got.filter(([, d]) => d === 2).length).toBeGreaterThan(0);
    expect(got.every(([, d]) => d === 1 || d === 2)).toBe(true);
  }, 60_000);
});
