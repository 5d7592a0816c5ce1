// Security against the real test broker: ACLs enforced (an ordinary SCRAM user), TLS trust and
// host names, and secrets that never reach any output stream.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanEnv, KFK_BIN, kfk, uniqueName } from '../helpers/cli.js';
import { spawnCollect } from '../helpers/kafka-tools.js';

const cluster = inject('cluster');
const B = ['--bootstrap-server', cluster.bootstrap];
const limited = ['--bootstrap-server', cluster.saslBootstrap!, '--command-config', join(cluster.dir, 'client-limited.properties')];
const scramPassword = () => /password="([^"]+)"/.exec(readFileSync(join(cluster.dir, 'client-scram-512.properties'), 'utf8'))![1];

describe('an ACL-restricted user gets "not authorized", never a hang', () => {
  let topic = '';
  beforeAll(async () => {
    topic = uniqueName('acl');
    await kfk(['topic', 'create', ...B, '--topic', topic]);
    await kfk(['produce', ...B, '--topic', topic], { input: 'one\ntwo\n' });
  });

  it.each([
    [['topic', 'describe', '--topic', '@'], 'kfk: Not authorized to access topics: [@]\n'],
    [['config', 'describe', '--topic', '@'], 'kfk: Not authorized to access topics: [@]\n'],
    [['offsets', '--topic', '@'], 'kfk: Not authorized to access topics: [@]\n'],
    [['topic', 'delete', '--topic', '@'], 'kfk: Not authorized to access topics: [@]\n'],
    [['group', 'describe', '--group', 'acl-group'], 'kfk: Not authorized to access group: acl-group\n'],
  ])('%j', async (args, message) => {
    const r = await kfk([...args.map((a) => (a === '@' ? topic : a)), ...limited]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: message.replace('@', topic) });
    expect(r.ms).toBeLessThan(15_000);
  });

  it('topic create is refused by the broker', async () => {
    const r = await kfk(['topic', 'create', '--topic', uniqueName('acl-new'), ...limited]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'kfk: Authorization failed.\n' });
  });

  it('produce and consume are refused, and nothing is written', async () => {
    const p = await kfk(['produce', '--topic', topic, ...limited], { input: 'three\n' });
    expect(p).toMatchObject({ code: 1, stdout: '', stderr: `kfk: Not authorized to access topics: [${topic}]\n` });
    const c = await kfk(['consume', '--topic', topic, '--from-beginning', '-e', ...limited]);
    expect(c.code).toBe(1);
    expect(c.stderr.split('\n')[0]).toMatch(/^kfk: Not authorized to access topics/);
    expect((await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '-e'])).stdout).toBe('one\ntwo\n');
  });

  it('the topic list shows only what the user may see', async () => {
    const r = await kfk(['topic', 'list', ...limited]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')).not.toContain(topic);
  });
});

describe('TLS trust', () => {
  it('a CA that did not sign the broker certificate is rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kfk-otherca-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.pem'), '-days', '1', '-subj', '/CN=other-ca'], { stdio: 'ignore' });
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.tlsBootstrap!, '--command-property', 'security.protocol=SSL', '--command-property', 'ssl.truststore.type=PEM', '--command-property', `ssl.truststore.location=${join(dir, 'ca.pem')}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^kfk: cannot connect to ${cluster.tlsBootstrap}: TLS certificate verification failed: `));
  });

  describe('NODE_EXTRA_CA_CERTS, with kfk run as a command (its shell lines defer the file)', () => {
    // The bin file itself is executed, as a shell runs an installed `kfk`: no `node` in front.
    const run = (extraCa: string) =>
      spawnCollect(KFK_BIN, ['topic', 'list', '--exclude-internal', '--bootstrap-server', cluster.tlsBootstrap!, '--command-property', 'security.protocol=SSL'], {
        env: cleanEnv({ NODE_EXTRA_CA_CERTS: extraCa }),
      });

    it('trusts the certificates of the file, with no truststore configured', async () => {
      const topic = uniqueName('extra-ca');
      await kfk(['topic', 'create', ...B, '--topic', topic]);
      const r = await run(join(cluster.dir, 'tls', 'ca.pem'));
      expect({ code: r.code, stderr: r.stderr.toString() }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout.toString().split('\n')).toContain(topic);
    });

    it('a file that cannot be read is ignored with a warning, as Node does, and the broker is not trusted', async () => {
      const r = await run('/nonexistent/extra-ca.pem');
      expect(r.code).toBe(1);
      expect(r.stdout.toString()).toBe('');
      const lines = r.stderr.toString().split('\n');
      expect(lines[0]).toBe('kfk: warning: ignoring extra certs from /nonexistent/extra-ca.pem (NODE_EXTRA_CA_CERTS): ENOENT');
      expect(lines[1]).toMatch(new RegExp(`^kfk: cannot connect to ${cluster.tlsBootstrap}: TLS certificate verification failed: `));
    });
  });

  describe('a host name the certificate does not name', () => {
    // 127.0.0.2 reaches the broker through a forwarder; the certificate names localhost and 127.0.0.1.
    let server: Server;
    let address = '';
    const sockets: Socket[] = [];
    beforeAll(async () => {
      const [host, port] = cluster.tlsBootstrap!.split(':');
      server = createServer((client) => {
        const upstream = connect(Number(port), host);
        sockets.push(client, upstream);
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.2', () => r()));
      address = `127.0.0.2:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => {
      sockets.forEach((s) => s.destroy());
      server.close();
    });

    it('is rejected while host name verification is on (the default)', async () => {
      const r = await kfk(['topic', 'list', '--bootstrap-server', address, '--command-config', join(cluster.dir, 'client-tls.properties')]);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^kfk: cannot connect to ${address}: .*(host ?name|Host|IP: 127\\.0\\.0\\.2)`));
    });

    it('is accepted when the user turns verification off explicitly, as in Kafka', async () => {
      const r = await kfk(['topic', 'list', '--bootstrap-server', address, '--command-config', join(cluster.dir, 'client-tls.properties'), '--command-property', 'ssl.endpoint.identification.algorithm=']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
    });
  });
});

describe('secrets', () => {
  it('a verbose run with a password and a client key prints neither', async () => {
    const password = scramPassword();
    const key = readFileSync(join(cluster.dir, 'tls', 'client.key'), 'utf8');
    const keyBody = key.split('\n').filter((l) => l && !l.startsWith('-----'));
    const runs = await Promise.all([
      kfk(['topic', 'list', '-v', '--bootstrap-server', cluster.saslBootstrap!, '--command-config', join(cluster.dir, 'client-scram-512.properties')]),
      kfk(['topic', 'list', '-v', '--bootstrap-server', cluster.saslBootstrap!, '--command-config', join(cluster.dir, 'client-scram-512.properties'), '--command-property', 'sasl.password=Wr0ng-' + password]),
      kfk(['topic', 'list', '-v', '--bootstrap-server', cluster.tlsBootstrap!, '--command-config', join(cluster.dir, 'client-mtls.properties')]),
      kfk(['topic', 'list', '-v', '--bootstrap-server', '127.0.0.1:1', '--command-config', join(cluster.dir, 'client-scram-512.properties')]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 1, 0, 1]);
    for (const r of runs) {
      const all = r.stdout + r.stderr;
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain(password);
      for (const line of keyBody) expect(all).not.toContain(line);
    }
    // The verbose runs did log: the checks above looked at real client logs and stack traces.
    expect(runs[0].stderr).toContain('kfk: connecting to');
    expect(runs[1].stderr).toContain('kafkajs Connection ERROR');
    expect(runs[1].stderr).toContain('    at ');
  });

  it('the SASL password can come from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kfk-secret-'));
    const file = join(dir, 'password');
    writeFileSync(file, scramPassword() + '\n', { mode: 0o600 });
    const r = await kfk([
      'topic', 'list', '--bootstrap-server', cluster.saslBootstrap!,
      '--command-property', 'security.protocol=SASL_PLAINTEXT', '--command-property', 'sasl.mechanism=SCRAM-SHA-512',
      '--command-property', 'sasl.username=kfk-scram', '--command-property', `sasl.password=\${file:${file}}`,
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});
