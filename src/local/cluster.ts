// A real Apache Kafka (KRaft, combined broker+controller nodes) on free loopback ports, in a
// state directory. Used by `kfk local` and by the test suite alike.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { KfkError } from '../errors.js';
import { ensureKafka, isKafka3, logConfigFlag, requireJava, type KafkaDist } from './kafka-dist.js';
import { isAlive, readLocalState, stateFile, type LocalClusterState, type LocalNode } from './state.js';

export interface StartOptions {
  dir: string;
  brokers: number;
  sasl: boolean;
  tls: boolean;
  version: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Extra broker properties, e.g. to enable an authorizer in tests. */
  brokerProperties?: Record<string, string>;
  readyTimeoutMs?: number;
}

// kfk-limited (SCRAM-SHA-512) is an ordinary user: with an authorizer enabled and only the
// others as super users, it is the one that gets "not authorized".
export const SASL_USERS = { plain: 'kfk-plain', scram: 'kfk-scram', limited: 'kfk-limited' } as const;

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

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new KfkError(`openssl ${args[0]} failed: ${(r.stderr || '').split('\n')[0]}`);
}

/** A throwaway CA, a broker certificate for 127.0.0.1/localhost and a client certificate. */
function makeTlsMaterial(dir: string): { ca: string; cert: string; key: string; clientCert: string; clientKey: string } {
  mkdirSync(dir, { recursive: true });
  const ca = join(dir, 'ca.pem');
  if (!existsSync(ca)) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=kfk-local-ca'], dir);
    const issue = (name: string, subj: string, ext: string) => {
      writeFileSync(join(dir, `${name}.ext`), ext);
      openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj], dir);
      openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '30', '-extfile', `${name}.ext`], dir);
      // Kafka's PEM keystore wants PKCS#8.
      openssl(['pkcs8', '-topk8', '-nocrypt', '-in', `${name}.key`, '-out', `${name}.p8.key`], dir);
    };
    issue('server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
    issue('client', '/CN=kfk-client', 'extendedKeyUsage=clientAuth\n');
  }
  return {
    ca,
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server.p8.key'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.p8.key'),
  };
}

function pemProp(path: string): string {
  // A PEM value inside a .properties file: newlines escaped as continuation lines.
  return readFileSync(path, 'utf8').trim().split('\n').join(' \\\n');
}

interface Credentials {
  plainPassword: string;
  scramPassword: string;
  limitedPassword: string;
}

function serverProperties(
  node: LocalNode,
  all: LocalNode[],
  o: StartOptions,
  creds: Credentials | undefined,
  tls: ReturnType<typeof makeTlsMaterial> | undefined,
): string {
  const listeners = [`PLAINTEXT://127.0.0.1:${node.port}`, `CONTROLLER://127.0.0.1:${node.controllerPort}`];
  const advertised = [`PLAINTEXT://127.0.0.1:${node.port}`];
  const map = ['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT'];
  if (node.saslPort) {
    listeners.push(`SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`);
    advertised.push(`SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`);
    map.push('SASL_PLAINTEXT:SASL_PLAINTEXT');
  }
  if (node.tlsPort) {
    listeners.push(`SSL://127.0.0.1:${node.tlsPort}`);
    advertised.push(`SSL://127.0.0.1:${node.tlsPort}`);
    map.push('SSL:SSL');
  }
  const rf = Math.min(3, all.length);
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.nodeId),
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': map.join(','),
    'log.dirs': node.dataDir,
    'offsets.topic.replication.factor': String(rf),
    'offsets.topic.num.partitions': all.length > 1 ? '3' : '1',
    'transaction.state.log.replication.factor': String(rf),
    'transaction.state.log.min.isr': String(Math.min(2, rf)),
    'transaction.state.log.num.partitions': all.length > 1 ? '3' : '1',
    'group.initial.rebalance.delay.ms': '0',
    'log.cleaner.dedupe.buffer.size': '2097152',
    'num.network.threads': '2',
    'num.io.threads': '2',
    'num.partitions': '1',
    'default.replication.factor': String(all.length > 1 ? 3 : 1),
    'auto.create.topics.enable': 'false',
  };
  if (all.length === 1) props['controller.quorum.bootstrap.servers'] = `127.0.0.1:${node.controllerPort}`;
  else props['controller.quorum.voters'] = all.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',');
  if (isKafka3(o.version)) {
    // 3.x KRaft: voters are static; the 4.x bootstrap style is not known there.
    delete props['controller.quorum.bootstrap.servers'];
    props['controller.quorum.voters'] = all.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',');
  }
  if (creds) {
    props['sasl.enabled.mechanisms'] = 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512';
    props['listener.name.sasl_plaintext.plain.sasl.jaas.config'] =
      `org.apache.kafka.common.security.plain.PlainLoginModule required user_${SASL_USERS.plain}="${creds.plainPassword}";`;
    props['listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config'] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    props['listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config'] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  }
  if (tls) {
    props['listener.name.ssl.ssl.keystore.type'] = 'PEM';
    props['listener.name.ssl.ssl.keystore.certificate.chain'] = pemProp(tls.cert);
    props['listener.name.ssl.ssl.keystore.key'] = pemProp(tls.key);
    props['listener.name.ssl.ssl.truststore.type'] = 'PEM';
    props['listener.name.ssl.ssl.truststore.certificates'] = pemProp(tls.ca);
    props['listener.name.ssl.ssl.client.auth'] = 'requested';
  }
  Object.assign(props, o.brokerProperties ?? {});
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';
}

function brokerLogConfig(node: LocalNode, version: string, nodeDir: string): string {
  if (isKafka3(version)) {
    const file = join(nodeDir, 'log4j.properties');
    writeFileSync(
      file,
      [
        'log4j.rootLogger=INFO, file',
        'log4j.appender.file=org.apache.log4j.FileAppender',
        `log4j.appender.file.File=${node.logFile}`,
        'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
        'log4j.logger.kafka.request.logger=WARN',
        '',
      ].join('\n'),
    );
    return file;
  }
  const file = join(nodeDir, 'log4j2.properties');
  writeFileSync(
    file,
    [
      'appender.file.type = File',
      'appender.file.name = FILE',
      `appender.file.fileName = ${node.logFile}`,
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.file.ref = FILE',
      'logger.request.name = kafka.request.logger',
      'logger.request.level = WARN',
      '',
    ].join('\n'),
  );
  return file;
}

function nodeDir(dir: string, nodeId: number): string {
  return join(dir, `node-${nodeId}`);
}

/** Starts (or restarts) one node's JVM, detached, logging to its own files. */
export function spawnNode(dist: KafkaDist, node: LocalNode, dir: string): number {
  const nd = nodeDir(dir, node.nodeId);
  const logCfg = brokerLogConfig(node, dist.version, nd);
  const out = openSync(join(nd, 'stdout.log'), 'a');
  const child = spawn(
    'java',
    [
      '-Xms128m',
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
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

function writeClientConfigs(dir: string, creds: Credentials | undefined, tls: ReturnType<typeof makeTlsMaterial> | undefined, state: LocalClusterState) {
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
  const { KafkaClient } = await import('../kafka/client.js');
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

export async function startLocal(o: StartOptions): Promise<{ state: LocalClusterState; alreadyRunning: boolean }> {
  const existing = localStatus(o.dir);
  if (existing.state && existing.running.length > 0) return { state: existing.state, alreadyRunning: true };
  requireJava();
  const dist = ensureKafka(o.version, o.env, o.log);
  // A fresh cluster each start: the local cluster is for development and tests.
  for (const n of existing.state?.nodes ?? []) rmSync(nodeDir(o.dir, n.nodeId), { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });

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
      tlsPort: o.tls ? await freePort() : undefined,
      dataDir: join(nd, 'data'),
      logFile: join(nd, 'server.log'),
    });
  }
  const creds: Credentials | undefined = o.sasl
    ? { plainPassword: randomBytes(12).toString('base64url'), scramPassword: randomBytes(12).toString('base64url'), limitedPassword: randomBytes(12).toString('base64url') }
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
    nodes,
  };
  for (const n of nodes) {
    writeFileSync(join(nodeDir(o.dir, n.nodeId), 'server.properties'), serverProperties(n, nodes, o, creds, tls), { mode: 0o600 });
    formatStorage(dist, n, o.dir, clusterId, nodes.length === 1, creds);
  }
  writeClientConfigs(o.dir, creds, tls, state);
  for (const n of nodes) spawnNode(dist, n, o.dir);
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
  spawnNode(dist, node, state.dir);
  writeFileSync(stateFile(state.dir), JSON.stringify(state, null, 2) + '\n');
}

export async function stopLocal(dir: string): Promise<LocalNode[]> {
  const { state, running } = localStatus(dir);
  if (!state) return [];
  await Promise.all(running.map((n) => stopNode(n)));
  rmSync(stateFile(dir), { force: true });
  return running;
}
