// A single broker restarting under a long-running consumer: kfk reconnects and goes on, with
// nothing skipped. A broker of its own (the 3-broker cluster stays untouched).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartNode, startLocal, stopLocal, stopNode } from '../../src/local/cluster.js';
import { kafkaVersion } from '../../src/local/kafka-dist.js';
import type { LocalClusterState } from '../../src/local/state.js';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';

let state: LocalClusterState;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kfk-restart-'));
  ({ state } = await startLocal({ dir, brokers: 1, sasl: false, tls: false, version: kafkaVersion(process.env), env: process.env, log: () => undefined }));
});

afterAll(async () => {
  await stopLocal(dir);
  rmSync(dir, { recursive: true, force: true });
});

describe('a broker restart under a running consumer', () => {
  for (const mode of ['without a group', 'with --group'] as const) {
    it(`kfk consume ${mode} reconnects and continues`, async () => {
      const B = ['--bootstrap-server', state.bootstrap];
      const t = uniqueName('restart');
      expect((await kfk(['topic', 'create', ...B, '--topic', t])).code).toBe(0);
      const first = Array.from({ length: 1000 }, (_, i) => `a${i}`);
      const second = Array.from({ length: 1000 }, (_, i) => `b${i}`);
      expect((await kfk(['produce', ...B, '--topic', t], { input: first.join('\n') + '\n' })).code).toBe(0);

      const group = mode === 'with --group' ? ['--group', uniqueName('restart-group')] : [];
      const consumer = kfkProcess(['consume', ...B, '--topic', t, ...group, '--from-beginning', '--max-messages', '2000', '--timeout-ms', '60000'], { timeoutMs: 150_000 });
      const deadline = Date.now() + 30_000;
      while (consumer.outputLines() < 1000 && Date.now() < deadline) await sleep(200);
      expect(consumer.outputLines()).toBe(1000);

      await stopNode(state.nodes[0]);
      await sleep(2000);
      await restartNode(state, state.nodes[0].nodeId, process.env);
      // Produce once the broker leads the partition again.
      for (let i = 0; i < 120; i++) {
        const d = await kfk(['topic', 'describe', ...B, '--topic', t, '-o', 'json']);
        if (d.code === 0 && (JSON.parse(d.stdout) as Array<{ partitions: Array<{ leader: number }> }>)[0].partitions[0].leader >= 0) break;
        await sleep(500);
      }
      const produced = await kfk(['produce', ...B, '--topic', t], { input: second.join('\n') + '\n' });
      expect(produced.code, produced.stderr).toBe(0);

      const r = await consumer.done;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([...first, ...second]);
    });
  }

  it('a 1M-line --idempotent produce across a broker restart delivers every line exactly once, in order', async () => {
    const B = ['--bootstrap-server', state.bootstrap];
    const t = uniqueName('restart-produce');
    expect((await kfk(['topic', 'create', ...B, '--topic', t])).code).toBe(0);
    const lines = Array.from({ length: 1_000_000 }, (_, i) => String(i + 1).padStart(7, '0'));
    const p = kfkProcess(
      ['produce', ...B, '--topic', t, '--idempotent', '--message-send-max-retries', '1000', '--retry-backoff-ms', '250', '--request-timeout-ms', '5000', '--timeout', '5'],
      { timeoutMs: 150_000 },
    );
    const feeding = p.feed(lines, 10_000, 30);
    await sleep(1000);
    await stopNode(state.nodes[0]);
    await sleep(1500);
    await restartNode(state, state.nodes[0].nodeId, process.env);
    await feeding;
    const r = await p.done;
    expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
    const c = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e'], { timeoutMs: 120_000 });
    expect(c.code, c.stderr).toBe(0);
    const got = c.stdout.split('\n');
    got.pop();
    expect(got.length).toBe(lines.length);
    expect(got.every((v, i) => v === lines[i])).toBe(true);
  });
});

