// Bad input: a one-line error and the right exit code, or bytes kept exactly; nothing half-done.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { kfk, uniqueName } from '../helpers/cli.js';

const { bootstrap } = inject('cluster');
const B = ['--bootstrap-server', bootstrap];
const dir = mkdtempSync(join(tmpdir(), 'kfk-bad-'));

describe('bad input', () => {
  it('a config file that does not exist is exit 1, one line', async () => {
    const r = await kfk(['topic', 'list', ...B, '--command-config', join(dir, 'missing.properties')]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `kfk: cannot read config file ${join(dir, 'missing.properties')}: no such file\n` });
  });

  it('a malformed config file: unknown names warn like Kafka, an impossible setting is a usage error', async () => {
    const file = join(dir, 'broken.properties');
    writeFileSync(file, 'security.protocol=SASL_SSL\nthis line has no equals sign\n');
    const r = await kfk(['topic', 'list', ...B, '--command-config', file]);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "kfk: warning: the configuration 'this' was supplied but isn't a known config\nkfk: unsupported sasl.mechanism 'GSSAPI': expected PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER\n",
    });
  });

  it('an unknown property name is a warning, and the command still runs', async () => {
    const file = join(dir, 'unknown.properties');
    writeFileSync(file, 'no.such.property=1\n');
    const r = await kfk(['topic', 'list', ...B, '--command-config', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("kfk: warning: the configuration 'no.such.property' was supplied but isn't a known config\n");
  });

  it('an --offset that is not a number is a usage error before connecting', async () => {
    const r = await kfk(['consume', '--bootstrap-server', '127.0.0.1:1', '--topic', 'x', '--offset', 'abc']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: "kfk: invalid --offset 'abc': expected earliest, latest, a non-negative number, or -N for the last N\n" });
  });

  it('negative partitions are refused with Kafka\'s message', async () => {
    const r = await kfk(['topic', 'create', ...B, '--topic', uniqueName('neg'), '--partitions', '-3']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('input that is not UTF-8 is sent byte for byte', async () => {
    const t = uniqueName('bytes');
    await kfk(['topic', 'create', ...B, '--topic', t]);
    const input = Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a, 0x6f, 0x6b, 0x0a]);
    expect(await kfk(['produce', ...B, '--topic', t], { input })).toMatchObject({ code: 0, stderr: '' });
    const json = await kfk(['consume', ...B, '--topic', t, '--from-beginning', '-e', '-o', 'json']);
    const values = json.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { value: string; valueEncoding?: string });
    expect(values[0]).toMatchObject({ value: Buffer.from([0x61, 0xff, 0xfe, 0x62]).toString('base64'), valueEncoding: 'base64' });
    expect(values[1]).toMatchObject({ value: 'ok' });
  });
});
