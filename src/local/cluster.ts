// A real Apache Kafka (KRaft, combined broker+controller nodes) on free loopback ports, in a
// state directory. Used by `kfk local` and by the test suite alike.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KfkError } from '../errors.js';
import { ensureKafka, isKafka3, JVM_QUIET_FLAGS, logConfigFlag, requireJava, writeLogConfig, type KafkaDist } from './kafka-dist.js';
import { LOCAL_OAUTH, SASL_USERS, serverProperties, type Credentials, type StartOptions } from './node-config.js';
import { makeTlsMaterial, pemProp, type TlsMaterial } from './pki.js';

export { SASL_USERS, type StartOptions } from './node-config.js';
import { isAlive, readLocalState, stateFile, type LocalClusterState, type LocalNode } from './state.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function brokerLogConfig(node: LocalNode, version: string, nodeDir: string): string {
  const file = join(nodeDir, isKafka3(version) ? 'log4j.properties' : 'log4j2.properties');
  return writeLogConfig(file, version, { level: 'INFO', to: { file: node.logFile }, quiet: ['kafka.request.logger'] });
}

function nodeDir(dir: string, nodeId: number): string {
  return join(dir, `node-${nodeId}`);
}

/** Starts (or restarts) one node's JVM, detached, logging to its own files. */
export function spawnNode(dist: KafkaDist, node: LocalNode, dir: string, jvmFlags: string[] = []): number {
  const nd = nodeDir(dir, node.nodeId);
  const logCfg = brokerLogConfig(node, dist.version, nd);
  const out = openSync(join(nd, 'stdout.log'), 'a');
  const child = spawn(
    'java',
    [
      ...JVM_QUIET_FLAGS,
      '-Xms128m',
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      ...jvmFlags,
      logConfigFlag(dist.version, logCfg),
      '-cp',
      dist.classpath,
      'kafka.Kafka',
      join(nd, 'server.properties'),
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  child.unref();
  if (!child.pid) throw new KfkError('cannot start java');
  node.pid = child.pid;
  return child.pid;
}

function formatStorage(dist: KafkaDist, node: LocalNode, dir: string, clusterId: string, single: boolean, creds?: Credentials): void {
  const nd = nodeDir(dir, node.nodeId);
  const args = [
    ...JVM_QUIET_FLAGS,
    '-Xshare:auto',
    '-XX:TieredStopAtLevel=1',
    logConfigFlag(dist.version, dist.toolsLogConfig),
    '-cp',
    dist.classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    join(nd, 'server.properties'),
  ];
  if (single && !isKafka3(dist.version)) args.push('--standalone');
  if (creds) {
    args.push('-S', `SCRAM-SHA-512=[name=${SASL_USERS.scram},password=${creds.scramPassword}]`);
    args.push('-S', `SCRAM-SHA-256=[name=${SASL_USERS.scram},password=${creds.scramPassword}]`);
    args.push('-S', `SCRAM-SHA-512=[name=${SASL_USERS.limited},password=${creds.limitedPassword}]`);
  }
  const r = spawnSync('java', args, { encoding: 'utf8' });
  if (r.status !== 0) {
    const msg = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() && !l.startsWith('SLF4J')).slice(-2).join(' ');
    throw new KfkError(`cannot format Kafka storage: ${msg}`);
  }
}

function writeClientConfigs(dir: string, creds: Credentials | undefined, tls: TlsMaterial | undefined, state: LocalClusterState) {
  const write = (name: string, lines: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
    return file;
  };
  if (creds) {
    write('client-sasl-plain.properties', [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=PLAIN',
      `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${SASL_USERS.plain}" password="${creds.plainPassword}";`,
    ]);
    for (const mech of ['256', '512']) {
      write(`client-scram-${mech}.properties`, [
        'security.protocol=SASL_PLAINTEXT',
        `sasl.mechanism=SCRAM-SHA-${mech}`,
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${SASL_USERS.scram}" password="${creds.scramPassword}";`,
      ]);
    }
    write('client-limited.properties', [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${SASL_USERS.limited}" password="${creds.limitedPassword}";`,
    ]);
    state.saslClientConfig = join(dir, 'client-scram-512.properties');
  }
  if (tls) {
    write('client-tls.properties', ['security.protocol=SSL', 'ssl.truststore.type=PEM', `ssl.truststore.location=${tls.ca}`]);
    write('client-mtls.properties', [
      'security.protocol=SSL',
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${tls.ca}`,
      'ssl.keystore.type=PEM',
      `ssl.keystore.certificate.chain=${pemProp(tls.clientCert)}`,
      `ssl.keystore.key=${pemProp(tls.clientKey)}`,
    ]);
    state.tlsClientConfig = join(dir, 'client-tls.properties');
    state.caFile = tls.ca;
  }
}

export function nodeRunning(node: LocalNode): boolean {
  if (!isAlive(node.pid)) return false;
  // Only ever our own JVM: the pid must still be running this node's config.
  try {
    const cmdline = readFileSync(`/proc/${node.pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(node.dataDir.replace(/data$/, ''));
  } catch {
    return true;
  }
}

export function localStatus(dir: string): { state?: LocalClusterState; running: LocalNode[] } {
  const state = readLocalState(dir);
  if (!state) return { running: [] };
  return { state, running: state.nodes.filter(nodeRunning) };
}

async function waitReady(state: LocalClusterState, timeoutMs: number, expectBrokers: number): Promise<void> {
  const { KafkaClient } = await import('../kafka/wire/client.js');
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    for (const n of state.nodes) {
      if (!isAlive(n.pid)) {
        const tail = existsSync(n.logFile) ? readFileSync(n.logFile, 'utf8').split('\n').filter((l) => /ERROR|Exception/.test(l)).slice(-2).join(' ') : '';
        const out = existsSync(join(nodeDir(state.dir, n.nodeId), 'stdout.log'))
          ? readFileSync(join(nodeDir(state.dir, n.nodeId), 'stdout.log'), 'utf8').trim().split('\n').slice(-2).join(' ')
          : '';
        throw new KfkError(`Kafka node ${n.nodeId} exited during start-up: ${tail || out || 'see ' + n.logFile}`);
      }
    }
    const client = new KafkaClient({ brokers: state.bootstrap.split(','), clientId: 'kfk-local', connectionTimeout: 1000, requestTimeout: 3000 });
    try {
      const admin = await client.admin();
      const desc = await admin.describeCluster();
      if (desc.brokers.length >= expectBrokers) return;
      lastError = `${desc.brokers.length} of ${expectBrokers} brokers up`;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await client.close();
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new KfkError(`Kafka did not become ready within ${Math.round(timeoutMs / 1000)} s: ${lastError}`);
}

/**
 * Starts kfk's token server (src/local/oauth-dev-server.ts, bundled by `npm run build` into
 * dist/vendor/oauth-dev-server.mjs) for `kfk local start --oauth`, with
 * one client of a random secret, and waits for its port.
 */
async function startOAuthServer(dir: string): Promise<{ pid: number; url: string; secret: string }> {
  const secret = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'oauth-clients.json'), JSON.stringify({ [LOCAL_OAUTH.clientId]: { secret } }, null, 2) + '\n', { mode: 0o600 });
  const info = join(dir, 'oauth-server.json');
  rmSync(info, { force: true });
  rmSync(join(dir, 'oauth-tokens.log'), { force: true });
  const out = openSync(join(dir, 'oauth-server.log'), 'a');
  const child = spawn(process.execPath, [fileURLToPath(new URL('../vendor/oauth-dev-server.mjs', import.meta.url)), dir], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (existsSync(info)) {
      const { port } = JSON.parse(readFileSync(info, 'utf8')) as { port: number };
      return { pid: child.pid!, url: `http://127.0.0.1:${port}`, secret };
    }
    if (child.exitCode !== null || !isAlive(child.pid!)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (child.pid && isAlive(child.pid)) process.kill(child.pid, 'SIGTERM');
  const log = existsSync(join(dir, 'oauth-server.log')) ? readFileSync(join(dir, 'oauth-server.log'), 'utf8').trim().split('\n').pop() : '';
  throw new KfkError(`the local OAuth token server did not start${log ? `: ${log}` : ''}`);
}

function stopOAuthServer(state: LocalClusterState): void {
  const pid = state.oauthServerPid;
  if (!pid || !isAlive(pid)) return;
  // Only ever our own server: the pid must still be running its script for this directory.
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('oauth-dev-server')) return;
  } catch {
    // no /proc: trust the recorded pid
  }
  process.kill(pid, 'SIGTERM');
}

export async function startLocal(o: StartOptions): Promise<{ state: LocalClusterState; alreadyRunning: boolean }> {
  const existing = localStatus(o.dir);
  if (existing.state && existing.running.length > 0) return { state: existing.state, alreadyRunning: true };
  requireJava();
  const dist = ensureKafka(o.version, o.env, o.log);
  // A fresh cluster each start: the local cluster is for development and tests.
  for (const n of existing.state?.nodes ?? []) rmSync(nodeDir(o.dir, n.nodeId), { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const oauthServer = o.oauthServer ? await startOAuthServer(o.dir) : undefined;
  if (oauthServer) o = { ...o, oauth: { jwksUrl: `${oauthServer.url}/jwks`, audience: LOCAL_OAUTH.audience, issuer: LOCAL_OAUTH.issuer } };

  const nodes: LocalNode[] = [];
  for (let i = 1; i <= o.brokers; i++) {
    const nd = nodeDir(o.dir, i);
    rmSync(nd, { recursive: true, force: true });
    mkdirSync(nd, { recursive: true });
    nodes.push({
      nodeId: i,
      pid: 0,
      port: await freePort(),
      controllerPort: await freePort(),
      saslPort: o.sasl ? await freePort() : undefined,
      oauthPort: o.oauth ? await freePort() : undefined,
      tlsPort: o.tls ? await freePort() : undefined,
      dataDir: join(nd, 'data'),
      logDirs: (o.logDirs ?? 1) > 1 ? Array.from({ length: o.logDirs! }, (_, k) => join(nd, k === 0 ? 'data' : `data${k + 1}`)) : undefined,
      logFile: join(nd, 'server.log'),
    });
  }
  const creds: Credentials | undefined = o.sasl
    ? { plainPassword: randomBytes(12).toString('base64url'), scramPassword: randomBytes(12).toString('base64url'), limitedPassword: randomBytes(12).toString('base64url'), tokenSecret: randomBytes(24).toString('base64url') }
    : undefined;
  const tls = o.tls ? makeTlsMaterial(join(o.dir, 'tls')) : undefined;
  const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
  const state: LocalClusterState = {
    version: o.version,
    clusterId,
    dir: o.dir,
    startedAt: new Date().toISOString(),
    bootstrap: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    saslBootstrap: o.sasl ? nodes.map((n) => `127.0.0.1:${n.saslPort}`).join(',') : undefined,
    tlsBootstrap: o.tls ? nodes.map((n) => `127.0.0.1:${n.tlsPort}`).join(',') : undefined,
    oauthBootstrap: o.oauth ? nodes.map((n) => `127.0.0.1:${n.oauthPort}`).join(',') : undefined,
    // Kafka 4 fetches only the URLs this property allows (the JWKS of the OAuth listener).
    jvmFlags: o.oauth ? [`-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${o.oauth.jwksUrl}`] : undefined,
    nodes,
  };
  for (const n of nodes) {
    writeFileSync(join(nodeDir(o.dir, n.nodeId), 'server.properties'), serverProperties(n, nodes, o, creds, tls), { mode: 0o600 });
    formatStorage(dist, n, o.dir, clusterId, nodes.length === 1, creds);
  }
  writeClientConfigs(o.dir, creds, tls, state);
  if (oauthServer) {
    state.oauthServerPid = oauthServer.pid;
    state.oauthClientConfig = join(o.dir, 'client-oauth.properties');
    writeFileSync(
      state.oauthClientConfig,
      [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=OAUTHBEARER',
        'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
        `sasl.oauthbearer.token.endpoint.url=${oauthServer.url}/token`,
        // Kafka 4.1 deprecated the JAAS options clientId, clientSecret and scope for these properties.
        ...(isKafka3(o.version)
          ? [`sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="${LOCAL_OAUTH.clientId}" clientSecret="${oauthServer.secret}" scope="kafka";`]
          : [
              'sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;',
              `sasl.oauthbearer.client.credentials.client.id=${LOCAL_OAUTH.clientId}`,
              `sasl.oauthbearer.client.credentials.client.secret=${oauthServer.secret}`,
              'sasl.oauthbearer.scope=kafka',
            ]),
      ].join('\n') + '\n',
      { mode: 0o600 },
    );
  }
  for (const n of nodes) spawnNode(dist, n, o.dir, state.jvmFlags);
  writeFileSync(stateFile(o.dir), JSON.stringify(state, null, 2) + '\n');
  try {
    await waitReady(state, o.readyTimeoutMs ?? 120_000, nodes.length);
  } catch (err) {
    await stopLocal(o.dir);
    throw err;
  }
  return { state, alreadyRunning: false };
}

async function waitExit(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** Stops one node (for fault tests: a broker going away). `hard` kills without a clean shutdown. */
export async function stopNode(node: LocalNode, hard = false): Promise<void> {
  if (!nodeRunning(node)) return;
  process.kill(node.pid, hard ? 'SIGKILL' : 'SIGTERM');
  const left = await waitExit([node.pid], hard ? 5000 : 30_000);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  await waitExit(left, 5000);
}

/** Restarts a stopped node of a running cluster, with its data. */
export async function restartNode(state: LocalClusterState, nodeId: number, env: NodeJS.ProcessEnv): Promise<void> {
  const node = state.nodes.find((n) => n.nodeId === nodeId);
  if (!node) throw new KfkError(`no node ${nodeId}`);
  const dist = ensureKafka(state.version, env, () => undefined);
  spawnNode(dist, node, state.dir, state.jvmFlags);
  writeFileSync(stateFile(state.dir), JSON.stringify(state, null, 2) + '\n');
}

export async function stopLocal(dir: string): Promise<LocalNode[]> {
  const { state, running } = localStatus(dir);
  if (!state) return [];
  await Promise.all(running.map((n) => stopNode(n)));
  stopOAuthServer(state);
  rmSync(stateFile(dir), { force: true });
  return running;
}
