// Ctrl-C (SIGINT) and SIGTERM: stop, flush or commit what was done, say so, exit 0.
import { describe, expect, inject, it } from 'vitest';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(100);
  expect(check()).toBe(true);
}

describe('signals', () => {
  it('SIGINT during produce: what was read is delivered and counted, exit 0', async () => {
    const t = uniqueName('sig-produce');
    await kfk(['topic', 'create', ...B, '--topic', t]);
    const p = kfkProcess(['produce', ...B, '--topic', t]);
    p.child.stdin.write(Array.from({ length: 1000 }, (_, i) => `line-${i}`).join('\n') + '\n');
    await sleep(2500); // stdin stays open: kfk is waiting for more input
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'kfk: interrupted: 1000 record(s) delivered, input not read to the end\n' });
    const c = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e']);
    expect(c.stdout.split('\n').filter(Boolean)).toHaveLength(1000);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s during consume --group: the summary, exit 0, and the group has committed what was printed', async (signal) => {
    const t = uniqueName('sig-consume');
    const g = uniqueName('sig-group');
    await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '2']);
    await kfk(['produce', ...B, '--topic', t], { input: Array.from({ length: 300 }, (_, i) => `v${i}`).join('\n') + '\n' });
    const c = kfkProcess(['consume', ...B, '--topic', t, '--group', g, '--from-beginning']);
    await until(() => c.outputLines() === 300);
    c.child.kill(signal);
    const r = await c.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Processed a total of 300 messages\n');
    const d = JSON.parse((await kfk(['group', 'describe', ...B, '--group', g, '-o', 'json'])).stdout) as { totalLag: number; offsets: Array<{ currentOffset: number }> };
    expect(d.totalLag).toBe(0);
    expect(d.offsets.reduce((n, o) => n + o.currentOffset, 0)).toBe(300);
  });

  it('SIGINT during a group-less consume: the summary and exit 0', async () => {
    const t = uniqueName('sig-plain');
    await kfk(['topic', 'create', ...B, '--topic', t]);
    await kfk(['produce', ...B, '--topic', t], { input: 'a\nb\n' });
    const c = kfkProcess(['consume', ...B, '--topic', t, '--from-beginning']);
    await until(() => c.outputLines() === 2);
    c.child.kill('SIGINT');
    expect(await c.done).toMatchObject({ code: 0, stdout: 'a\nb\n', stderr: 'Processed a total of 2 messages\n' });
  });
});
