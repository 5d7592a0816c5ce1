import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cleanEnv, KFK_BIN, kfk, sleep, uniqueName } from '../helpers/cli.js';

const cluster = inject('cluster');

describe('kfk command line', () => {
  it('--help prints usage on stdout and exits 0', async () => {
    const r = await kfk(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kfk \[options\] \[command\]/);
    expect(r.stdout).toContain('Exit codes: 0 success, 1 failure, 2 usage error.');
    expect(r.stderr).toBe('');
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    const r = await kfk(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
  it.each([['topic', 'create'], ['topic', 'list'], ['produce'], ['consume'], ['local', 'start']])('%s %s --help has an example', async (...cmd) => {
    const r = await kfk([...cmd.filter(Boolean), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\$ kfk /);
  });
  it('a typo in a command is one line, with a suggestion, exit 2', async () => {
    const r = await kfk(['tpoic', 'list']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: "kfk: unknown command 'tpoic' (Did you mean topic?)\n" });
  });
  it('a typo in a flag is one line, with a suggestion, exit 2', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-sever', 'x:1']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: "kfk: unknown option '--bootstrap-sever' (Did you mean --bootstrap-server?)\n" });
  });
  it("a flag of Kafka's tool says where it goes, exit 2", async () => {
    const list = await kfk(['topic', '--list', '--bootstrap-server', 'x:1']);
    expect(list).toMatchObject({ code: 2, stdout: '', stderr: "kfk: unknown option '--list' (Did you mean kfk topic list?)\n" });
    const entity = await kfk(['config', 'describe', '--entity-type', 'topics', '--entity-name', 't']);
    expect(entity).toMatchObject({ code: 2, stdout: '', stderr: "kfk: unknown option '--entity-type' (kfk-kafka-configs takes kafka-configs' own flags)\n" });
    const tool = await kfk(['kafka-topics.sh', '--list', '--bootstrap-server', 'x:1']);
    expect(tool).toMatchObject({ code: 2, stdout: '', stderr: "kfk: unknown command 'kafka-topics.sh' (Did you mean kfk compat kafka-topics, or kfk-kafka-topics?)\n" });
  });
  it('a missing required flag is a usage error', async () => {
    const r = await kfk(['topic', 'create']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("kfk: required option '--topic <name>' not specified\n");
  });
  it('a typo in a required flag names the typo, not the flag it left missing', async () => {
    const r = await kfk(['produce', '--topik', 'orders']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: "kfk: unknown option '--topik' (Did you mean --topic?)\n" });
  });
});

describe('connecting', () => {
  it('PLAINTEXT: lists topics with --bootstrap-server', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.bootstrap]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  it('compiles the CLI and kafkajs bundles from V8 code caches it writes on first use', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kfk-xdg-'));
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.bootstrap], { env: { XDG_CACHE_HOME: cache } });
    expect(r.code).toBe(0);
    const files = readdirSync(join(cache, 'kfk', 'v8'));
    expect(files.filter((f) => f.startsWith('kfk.cjs-')).length).toBe(1);
    expect(files.filter((f) => f.startsWith('kafkajs.cjs-')).length).toBe(1);
  });
  it('uses its code caches, and a damaged, stale or foreign one is made again with the same output', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kfk-xdg-'));
    const dir = join(cache, 'kfk', 'v8');
    const topic = uniqueName('cache');
    const env = { XDG_CACHE_HOME: cache };
    expect(await kfk(['topic', 'create', '--bootstrap-server', cluster.bootstrap, '--topic', topic], { env })).toMatchObject({ code: 0, stderr: '' });
    const list = ['topic', 'list', '--bootstrap-server', cluster.bootstrap, '--topic', topic];
    const expected = { code: 0, stdout: `${topic}\n`, stderr: '' };
    expect(await kfk(list, { env })).toMatchObject(expected);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const [kafkajsCache, cliCache] = files.map((f) => join(dir, f));
    expect(cliCache).toMatch(/kfk\.cjs-[0-9a-f]{8}-topic-\d+-\d+-v[\d.]+-\w+\.bin$/);
    const good = readFileSync(cliCache);
    // Used: a cache V8 takes is not written again.
    expect(await kfk(list, { env })).toMatchObject(expected);
    expect(readFileSync(cliCache).equals(good)).toBe(true);
    // Damaged: bytes changed in the middle (V8 would crash on these without the checksum).
    for (const file of [cliCache, kafkajsCache]) {
      const bytes = readFileSync(file);
      for (let i = 4096; i < bytes.length; i += 997) bytes[i] ^= 0x5a;
      writeFileSync(file, bytes);
    }
    const damaged = readFileSync(cliCache);
    expect(await kfk(list, { env })).toMatchObject(expected);
    const remade = readFileSync(cliCache);
    expect(remade.equals(damaged)).toBe(false);
    expect(await kfk(list, { env })).toMatchObject(expected);
    expect(readFileSync(cliCache).equals(remade)).toBe(true);
    // Cut short, and another file's cache under this one's name.
    writeFileSync(cliCache, good.subarray(0, 1000));
    writeFileSync(kafkajsCache, good);
    expect(await kfk(list, { env })).toMatchObject(expected);
    expect(readFileSync(cliCache).length).toBeGreaterThan(1000);
    expect(readFileSync(kafkajsCache).equals(good)).toBe(false);
    // A cache of an earlier build of this install goes; another install's cache stays.
    const earlier = cliCache.replace(/-(\d+)-(\d+)-(v[\d.]+)/, '-1-2-$3');
    const other = cliCache.replace(/kfk\.cjs-[0-9a-f]{8}-/, 'kfk.cjs-00000000-');
    writeFileSync(earlier, good);
    writeFileSync(other, good);
    rmSync(cliCache);
    expect(await kfk(list, { env })).toMatchObject(expected);
    expect(readdirSync(dir).sort()).toEqual([...files, basename(other)].sort());
  });
  it('each top-level command has its own code caches, written once', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kfk-xdg-'));
    const dir = join(cache, 'kfk', 'v8');
    const env = { XDG_CACHE_HOME: cache };
    const topic = uniqueName('kinds');
    const B = ['--bootstrap-server', cluster.bootstrap];
    expect(await kfk(['topic', 'create', ...B, '--topic', topic])).toMatchObject({ code: 0, stderr: '' });
    expect(await kfk(['produce', ...B, '--topic', topic], { input: 'one\n' })).toMatchObject({ code: 0, stderr: '' });
    const list = () => kfk(['topic', 'list', ...B, '--topic', topic], { env });
    // consume sets a V8 flag as it runs (src/cli/young-generation.ts): a cache it writes must still be taken.
    const consume = () => kfk(['consume', ...B, '--topic', topic, '--from-beginning', '--max-messages', '1'], { env });
    const caches = () => Object.fromEntries(readdirSync(dir).map((f) => [f.replace(/-\d+-\d+-v[\d.]+-\w+\.bin$/, '').replace(/-[0-9a-f]{8}-/, '-'), readFileSync(join(dir, f))]));
    expect(await list()).toMatchObject({ code: 0, stdout: `${topic}\n`, stderr: '' });
    expect(Object.keys(caches()).sort()).toEqual(['kafkajs.cjs-topic', 'kfk.cjs-topic']);
    expect(await consume()).toMatchObject({ code: 0, stdout: 'one\n' });
    const made = caches();
    expect(Object.keys(made).sort()).toEqual(['kafkajs.cjs-consume', 'kafkajs.cjs-topic', 'kfk.cjs-consume', 'kfk.cjs-topic']);
    for (const run of [consume, list, consume]) {
      expect((await run()).code).toBe(0);
      const now = caches();
      for (const f of Object.keys(made)) expect(now[f].equals(made[f])).toBe(true);
    }
  });
  it('produce run as a command (its shell lines give Node a flag) and as `node bin/kfk.js` keep a code cache each', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kfk-xdg-'));
    const dir = join(cache, 'kfk', 'v8');
    const env = cleanEnv({ XDG_CACHE_HOME: cache });
    const topic = uniqueName('caches');
    expect(await kfk(['topic', 'create', '--bootstrap-server', cluster.bootstrap, '--topic', topic])).toMatchObject({ code: 0, stderr: '' });
    const produce = ['produce', '--bootstrap-server', cluster.bootstrap, '--topic', topic];
    const asCommand = () => spawnSync(KFK_BIN, produce, { env, input: 'one\n' });
    const withNode = () => spawnSync(process.execPath, [KFK_BIN, ...produce], { env, input: 'two\n' });
    for (const run of [asCommand, withNode]) expect({ code: run().status }).toEqual({ code: 0 });
    const caches = () => Object.fromEntries(readdirSync(dir).filter((f) => f.startsWith('kfk.cjs-')).map((f) => [f, readFileSync(join(dir, f))]));
    const made = caches();
    expect(Object.keys(made)).toHaveLength(2);
    // Each takes its own: V8 rejects a cache made under other flags, and neither is written again.
    for (const run of [asCommand, withNode, asCommand]) {
      const r = run();
      expect({ code: r.status, stderr: r.stderr.toString() }).toEqual({ code: 0, stderr: '' });
    }
    const after = caches();
    expect(Object.keys(after).sort()).toEqual(Object.keys(made).sort());
    for (const f of Object.keys(made)) expect(after[f].equals(made[f])).toBe(true);
  });
  it('run as a command, caps malloc arenas at two unless MALLOC_ARENA_MAX is set', async () => {
    const topic = uniqueName('arena');
    expect(await kfk(['topic', 'create', '--bootstrap-server', cluster.bootstrap, '--topic', topic])).toMatchObject({ code: 0, stderr: '' });
    // The environment the process was started with (after the shell lines' exec, same pid).
    const startedWith = async (env: Record<string, string>) => {
      const child = spawn(KFK_BIN, ['produce', '--bootstrap-server', cluster.bootstrap, '--topic', topic], { env: cleanEnv(env), stdio: ['pipe', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await sleep(300);
      const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
      child.stdin.end('one\n');
      expect(await exited).toBe(0);
      return environ.filter((e) => e.startsWith('MALLOC_ARENA_MAX='));
    };
    expect(await startedWith({})).toEqual(['MALLOC_ARENA_MAX=2']);
    expect(await startedWith({ MALLOC_ARENA_MAX: '8' })).toEqual(['MALLOC_ARENA_MAX=8']);
  });
  it('takes the address from KFK_BOOTSTRAP_SERVER', async () => {
    const r = await kfk(['topic', 'list'], { env: { KFK_BOOTSTRAP_SERVER: cluster.bootstrap } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it('with no configuration, uses the running kfk local cluster', async () => {
    const r = await kfk(['topic', 'list', '--timeout', '5000'], { env: { KFK_LOCAL_DIR: cluster.dir } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it.each(['scram-512', 'scram-256', 'sasl-plain'])('SASL (%s) with the right password', async (kind) => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.saslBootstrap!, '--command-config', join(cluster.dir, `client-${kind}.properties`)]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it.each(['scram-512', 'scram-256', 'sasl-plain'])('SASL (%s) with a wrong password: exit 1 and a plain message, no password echoed', async (kind) => {
    const r = await kfk([
      'topic', 'list', '--bootstrap-server', cluster.saslBootstrap!,
      '--command-config', join(cluster.dir, `client-${kind}.properties`),
      '--command-property', 'sasl.password=Wr0ngPassw0rd',
    ]);
    expect(r.stderr).not.toContain('Wr0ngPassw0rd');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kfk: authentication failed for ${cluster.saslBootstrap}: invalid credentials\nhint: check sasl.mechanism, the username and the password\n`);
    expect(r.stdout).toBe('');
  });
  it('SASL password from an environment variable', async () => {
    const props = readFileSync(join(cluster.dir, 'client-scram-512.properties'), 'utf8');
    const password = /password="([^"]+)"/.exec(props)![1];
    const r = await kfk(
      ['topic', 'list', '--bootstrap-server', cluster.saslBootstrap!, '--command-property', 'security.protocol=SASL_PLAINTEXT',
        '--command-property', 'sasl.mechanism=SCRAM-SHA-512', '--command-property', 'sasl.username=kfk-scram'],
      { env: { KFK_SASL_PASSWORD: password } },
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it('TLS with the CA as truststore', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.tlsBootstrap!, '--command-config', join(cluster.dir, 'client-tls.properties')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it('mutual TLS with a client certificate', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.tlsBootstrap!, '--command-config', join(cluster.dir, 'client-mtls.properties')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it('TLS without the CA is rejected: certificates are verified', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', cluster.tlsBootstrap!, '--command-property', 'security.protocol=SSL']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`kfk: cannot connect to ${cluster.tlsBootstrap}: TLS certificate verification failed: unable to verify the first certificate`);
  });
  it('TLS to "localhost" name matches the certificate; host name checks stay on', async () => {
    const port = cluster.tlsBootstrap!.split(':')[1];
    const r = await kfk(['topic', 'list', '--bootstrap-server', `localhost:${port}`, '--command-config', join(cluster.dir, 'client-tls.properties')]);
    // the broker advertises 127.0.0.1 which is in the certificate too
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
  it('a refused address fails fast with exit 1 and no stack trace', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', '127.0.0.1:1']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'kfk: cannot connect to 127.0.0.1:1: connection refused\n' });
  });
});

describe('a server that is not Kafka (an HTTP port, say)', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((s) => s.on('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());
  it('fails at its first answer, with exit 1, not at the timeout', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', `127.0.0.1:${port}`, '--timeout', '20000']);
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `kfk: cannot connect to 127.0.0.1:${port}: the server does not speak Kafka's protocol (a response of 1213486160 bytes)\nhint: check the port: a Kafka listener, with the security.protocol it expects\n`,
    });
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('a server that accepts but never answers', () => {
  let server: Server;
  let port = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    server.close();
  });
  it('fails within --timeout with exit 1', async () => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', `127.0.0.1:${port}`, '--timeout', '1500']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^kfk: cannot connect to 127\\.0\\.0\\.1:${port}: timed out( after 1500 ms)?\\n$`));
    expect(r.ms).toBeLessThan(1500 + 3000);
  });
});
