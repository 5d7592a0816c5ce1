// A member of the KIP-848 protocol (group.protocol=consumer) in the moments around joining:
// a stop that comes while it joins, and topics created after it joined that its --include
// matches (for a classic member too).
import { describe, expect, inject, it } from 'vitest';
import { isKafka3 } from '../../src/local/kafka-dist.js';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { CLUSTER_KAFKA_VERSION } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const NEW_PROTOCOL = ['--consumer-property', 'group.protocol=consumer'];

describe.skipIf(isKafka3(CLUSTER_KAFKA_VERSION))('consume --group with group.protocol=consumer around its join', () => {
  it.concurrent('a stop that comes while it joins (--timeout-ms; Ctrl-C takes the same path) ends it at once', async () => {
    const t = uniqueName('k848stop');
    expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '2'])).code).toBe(0);
    // The idle timeout runs out at different moments of the join: finding the coordinator,
    // reading the topics' metadata and ids, the first heartbeats. Each run must end soon after.
    const timeouts = [1, 10, 30, 60, 100, 200];
    const runs = await Promise.all(
      timeouts.map((ms) => kfk(['consume', ...B, '--topic', t, '--group', uniqueName('k848stop'), ...NEW_PROTOCOL, '--timeout-ms', String(ms)], { timeoutMs: 15_000 })),
    );
    for (const [i, r] of runs.entries()) {
      expect({ timeout: timeouts[i], code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ timeout: timeouts[i], code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
      expect(r.ms).toBeLessThan(8000);
    }
  }, 60_000);
  it.concurrent.each([
    ['consumer', NEW_PROTOCOL],
    ['classic', []],
  ])('--include (group.protocol=%s): topics created while it consumes that match are read, from the first matching one on', async (_, protocol) => {
    const prefix = uniqueName('k848re');
    const g = uniqueName('k848re');
    // Nothing matches yet: the member waits for a topic, matching again at each metadata refresh.
    const member = kfkProcess(['consume', ...B, '--include', `${prefix}-(a|b)`, '--group', g, '--from-beginning', ...protocol, '--consumer-property', 'metadata.max.age.ms=500', '--verbose'], { timeoutMs: 80_000 });
    let log = '';
    member.child.stderr.on('data', (d) => (log += d));
    const lines = () => member.outputLines();
    // A member that joins is assigned its partitions within a heartbeat interval or two (5 s each).
    const waitLines = async (n: number) => {
      for (let i = 0; i < 300 && lines() < n; i++) await sleep(100);
      expect({ lines: lines(), log: lines() === n ? '' : log.split('\n').filter((l) => l.includes('consume:')) }).toEqual({ lines: n, log: '' });
    };
    try {
      await sleep(500);
      for (const [suffix, partitions] of [['a', 2], ['other', 1], ['b', 3]] as const) {
        expect((await kfk(['topic', 'create', ...B, '--topic', `${prefix}-${suffix}`, '--partitions', String(partitions)])).code).toBe(0);
        const values = Array.from({ length: 5 }, (_, i) => `${suffix}-${i}`).join('\n') + '\n';
        expect((await kfk(['produce', ...B, '--topic', `${prefix}-${suffix}`], { input: values })).code).toBe(0);
        if (suffix === 'a') await waitLines(5);
        if (suffix === 'b') await waitLines(10);
      }
      // The group committed what it printed in both topics, and never subscribed to the other.
      for (let i = 0; i < 50; i++) {
        const d = await kfk(['group', 'describe', ...B, '--group', g, '-o', 'json']);
        const offsets = (JSON.parse(d.stdout) as { offsets: Array<{ topic: string; currentOffset: number | null }> }).offsets;
        if (offsets.length === 5 && offsets.every((o) => o.currentOffset !== null)) break;
        await sleep(200);
      }
    } finally {
      member.child.kill('SIGINT');
    }
    const r = await member.done;
    expect(r.code).toBe(0);
    expect(r.stderr.endsWith('\nProcessed a total of 10 messages\n')).toBe(true);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual([...['a', 'b'].flatMap((s) => Array.from({ length: 5 }, (_, i) => `${s}-${i}`))].sort());
    const d = await kfk(['group', 'describe', ...B, '--group', g, '-o', 'json']);
    const offsets = (JSON.parse(d.stdout) as { offsets: Array<{ topic: string; partition: number; currentOffset: number | null; logEndOffset: number }> }).offsets;
    expect(offsets.map((o) => `${o.topic.slice(prefix.length)}-${o.partition}`).sort()).toEqual(['-a-0', '-a-1', '-b-0', '-b-1', '-b-2']);
    expect(offsets.every((o) => o.currentOffset === o.logEndOffset)).toBe(true);
  }, 90_000);
});

describe('consume --group (classic protocol) stopped while it joins', () => {
  it('a stop while its JoinGroup waits for the other members ends it at once', async () => {
    const t = uniqueName('joinstop');
    const g = uniqueName('joinstop');
    expect((await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', '2'])).code).toBe(0);
    const big = 'x'.repeat(1000);
    const values = Array.from({ length: 3000 }, (_, i) => `${i}:${big}`).join('\n') + '\n';
    expect((await kfk(['produce', ...B, '--topic', t], { input: values })).code).toBe(0);
    // A member whose output is not read: it holds its partitions and cannot join again (it waits
    // for the full pipe), so the next member's JoinGroup is answered only at the rebalance
    // timeout (60 s), when the coordinator gives up on it.
    const holder = kfkProcess(['consume', ...B, '--topic', t, '--group', g, '--from-beginning'], { timeoutMs: 120_000 });
    try {
      await new Promise<void>((resolve) =>
        holder.child.stdout.once('data', () => {
          holder.child.stdout.pause();
          resolve();
        }),
      );
      await sleep(500);
      const r = await kfk(['consume', ...B, '--topic', t, '--group', g, '--timeout-ms', '500'], { timeoutMs: 90_000 });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' });
      expect(r.ms).toBeLessThan(20_000);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.done;
    }
  }, 120_000);
});
