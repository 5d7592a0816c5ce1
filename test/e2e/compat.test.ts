// The drop-ins replay a runbook: each command line runs through Kafka's own script and through
// `kfk compat` (the kfk-kafka-* bins) against the same broker; stdout, the error line and the
// exit code must be the same.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { cleanEnv, kfk, uniqueName, type RunResult } from '../helpers/cli.js';
import { TOOLS, kafkaTool } from '../helpers/kafka-tools.js';

const { bootstrap } = inject('cluster');
const BS = ['--bootstrap-server', bootstrap];
const CLASSES = { 'kafka-topics': TOOLS.topics, 'kafka-console-producer': TOOLS.producer, 'kafka-console-consumer': TOOLS.consumer } as const;
type Tool = keyof typeof CLASSES;

const real = (tool: Tool, args: string[], input?: string) => kafkaTool(CLASSES[tool], args, { input });
const ours = (tool: Tool, args: string[], input?: string) => kfk(['compat', tool, ...args], { input });

/** Through the installed bin name, as a runbook would call it. */
function viaBin(tool: Tool, args: string[]): Promise<RunResult> {
  const bin = fileURLToPath(new URL(`../../bin/kfk-${tool}.js`, import.meta.url));
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...args], { env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end();
  });
}

/** Kafka's error line (kafka-topics prints it on stdout; stderr carries a log line and a stack trace). */
const errorLine = (r: RunResult, prefix: string) => (r.stdout + r.stderr).split('\n').find((l) => l.startsWith(prefix)) ?? '';

describe('drop-ins replay a runbook like Kafka\'s scripts', () => {
  it('kafka-topics: create, create again, alter, shrink, describe, list, delete', async () => {
    const prefix = uniqueName('runbook');
    const [a, b] = [`${prefix}-a`, `${prefix}-b`];
    const swap = (s: string) => s.split(a).join(b);

    const create = ['--create', '--partitions', '3', '--replication-factor', '1', '--config', 'retention.ms=86400000'];
    const r1 = await real('kafka-topics', [...BS, ...create, '--topic', a]);
    const o1 = await ours('kafka-topics', [...BS, ...create, '--topic', b]);
    expect([o1.code, o1.stdout]).toEqual([r1.code, swap(r1.stdout)]);
    expect(o1.stdout).toBe(`Created topic ${b}.\n`);

    const r2 = await real('kafka-topics', [...BS, '--create', '--topic', a]);
    const o2 = await ours('kafka-topics', [...BS, '--create', '--topic', b]);
    expect(r2.code).toBe(1);
    expect(o2.code).toBe(1);
    expect(errorLine(o2, 'Error while executing')).toBe(swap(errorLine(r2, 'Error while executing')));
    expect(o2).toMatchObject({ stdout: swap(r2.stdout), stderr: '' });
    expect(o2.stdout).toBe(`Error while executing topic command : Topic '${b}' already exists.\n`);

    const r3 = await real('kafka-topics', [...BS, '--alter', '--topic', a, '--partitions', '6']);
    const o3 = await ours('kafka-topics', [...BS, '--alter', '--topic', b, '--partitions', '6']);
    expect([o3.code, o3.stdout]).toEqual([r3.code, swap(r3.stdout)]);

    const r4 = await real('kafka-topics', [...BS, '--alter', '--topic', a, '--partitions', '2']);
    const o4 = await ours('kafka-topics', [...BS, '--alter', '--topic', b, '--partitions', '2']);
    expect([o4.code, o4.stdout]).toEqual([r4.code, swap(r4.stdout)]);

    for (const args of [['--describe', '--topic', a], ['--describe', '--topic', `${prefix}-.*`], ['--list', '--topic', `${prefix}-.*`], ['--describe', '--topic', a, '--topics-with-overrides']]) {
      const r = await real('kafka-topics', [...BS, ...args]);
      const o = await viaBin('kafka-topics', [...BS, ...args]);
      expect(o).toMatchObject({ code: r.code, stdout: r.stdout });
    }

    const r5 = await real('kafka-topics', [...BS, '--describe', '--topic', `${prefix}-none`]);
    const o5 = await ours('kafka-topics', [...BS, '--describe', '--topic', `${prefix}-none`]);
    expect([o5.code, o5.stdout]).toEqual([r5.code, r5.stdout]);

    const r6 = await real('kafka-topics', [...BS, '--delete', '--topic', a]);
    const o6 = await ours('kafka-topics', [...BS, '--delete', '--topic', b]);
    expect([o6.code, o6.stdout]).toEqual([r6.code, swap(r6.stdout)]);

    const r7 = await real('kafka-topics', [...BS, '--topic', a]);
    const o7 = await ours('kafka-topics', [...BS, '--topic', a]);
    expect(r7.code).toBe(1);
    expect(o7.code).toBe(1);
    expect(r7.stdout + r7.stderr).toContain('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
    expect(o7.stdout).toBe('Error while executing topic command : Command must include exactly one action: --list, --describe, --create, --alter or --delete\n');
  });

  it('console producer then console consumer, with keys, --from-beginning --timeout-ms and --partition --offset', async () => {
    const t = uniqueName('runbook-records');
    await kfk(['topic', 'create', ...BS, '--topic', t, '--partitions', '1']);
    const props = ['--property', 'parse.key=true', '--property', 'key.separator=:'];
    const rp = await real('kafka-console-producer', [...BS, '--topic', t, ...props], 'k1:v1\nk2:v2\n');
    const op = await ours('kafka-console-producer', [...BS, '--topic', t, ...props], 'k3:v3\nk4:v4\n');
    expect([op.code, op.stdout]).toEqual([rp.code, rp.stdout]);

    for (const args of [
      ['--topic', t, '--from-beginning', '--timeout-ms', '3000', '--property', 'print.key=true'],
      ['--topic', t, '--partition', '0', '--offset', '1', '--max-messages', '2'],
      ['--topic', t, '--from-beginning', '--max-messages', '4', '--property', 'print.offset=true', '--property', 'print.partition=true'],
    ]) {
      const r = await real('kafka-console-consumer', [...BS, ...args]);
      const o = await viaBin('kafka-console-consumer', [...BS, ...args]);
      expect(o.code).toBe(r.code);
      expect(o.stdout).toBe(r.stdout);
      expect(o.stderr.trim().split('\n').pop()).toBe(r.stderr.trim().split('\n').pop());
    }
    // 3.x spellings still work.
    const old = await ours('kafka-console-producer', ['--broker-list', bootstrap, '--topic', t], 'v5\n');
    expect(old.code).toBe(0);
    const c = await ours('kafka-console-consumer', [...BS, '--whitelist', t, '--from-beginning', '--max-messages', '5', '--value-deserializer', 'org.apache.kafka.common.serialization.StringDeserializer']);
    expect(c.stdout).toBe('v1\nv2\nv3\nv4\nv5\n');
  });
});
