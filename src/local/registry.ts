// Apicurio Registry (Apache 2.0), the Schema Registry that `kfk local start --schema-registry`
// runs beside the local Kafka: fetched once from Maven Central, run on a Java 21+ with in-memory
// storage, its HTTP port and its management interface both on free loopback ports. It serves
// Confluent's Schema Registry API under /apis/ccompat/v7. Its state is a file of its own beside
// the cluster's, so that a registry can run (and be found, and be stopped) with or without Kafka.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KfkError } from '../errors.js';
import { cacheDir, JVM_QUIET_FLAGS } from './kafka-dist.js';
import { freePort } from './cluster.js';
import { isAlive, localDir, readStateFile } from './state.js';

export const APICURIO_VERSION = '3.3.3';
const DEPENDENCY_PLUGIN_VERSION = '3.8.1';
export const CCOMPAT_PATH = '/apis/ccompat/v7';

export interface LocalRegistryState {
  pid: number;
  url: string;
  port: number;
  managementPort: number;
  logFile: string;
  home: string;
  java: string;
  startedAt: string;
}

export function registryStateFile(dir: string): string {
  return join(dir, 'registry.json');
}

export function readRegistryState(dir: string): LocalRegistryState | undefined {
  return readStateFile<LocalRegistryState>(registryStateFile(dir));
}

/** Only ever our own JVM: the pid must still be running the registry from our cache. */
export function registryRunning(s: LocalRegistryState): boolean {
  if (!isAlive(s.pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${s.pid}/cmdline`, 'utf8');
    return cmdline.includes(join(s.home, 'quarkus-run.jar'));
  } catch {
    return true;
  }
}

/** The local registry's state when it runs (the config layer's fallback). */
export function runningLocalRegistry(env: NodeJS.ProcessEnv): LocalRegistryState | undefined {
  const s = readRegistryState(localDir(env));
  return s && registryRunning(s) ? s : undefined;
}

function javaMajor(java: string): number | undefined {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

/**
 * A Java 21 or newer: JAVA_HOME when it is one, else the newest JDK in the usual directories,
 * else `java` on the PATH. Apicurio 3 is built for class version 65.
 */
export function findJava21(env: NodeJS.ProcessEnv): string {
  const candidates: string[] = [];
  // KFK_REGISTRY_JAVA names the one to use: no other is looked for.
  const chosen = env.KFK_REGISTRY_JAVA;
  if (chosen) {
    const major = javaMajor(chosen);
    if (major !== undefined && major >= 21) return chosen;
    throw new KfkError(`the Schema Registry (Apicurio Registry 3) needs Java 21 or newer, and KFK_REGISTRY_JAVA=${chosen} is ${major === undefined ? 'not a Java that runs' : `Java ${major}`}`, {
      hint: 'point KFK_REGISTRY_JAVA at a Java 21 or newer, or unset it to have one looked for (JAVA_HOME, /usr/lib/jvm, /opt, PATH)',
    });
  }
  if (env.JAVA_HOME) candidates.push(join(env.JAVA_HOME, 'bin', 'java'));
  for (const root of ['/usr/lib/jvm', '/opt', '/opt/java', '/usr/local/lib/jvm']) {
    let names: string[] = [];
    try {
      names = readdirSync(root);
    } catch {
      continue;
    }
    const jdks = names
      .map((n) => ({ n, v: Number(/(?:^|[-_a-z])(\d{2})(?:[-._]|$)/i.exec(n)?.[1] ?? 0) }))
      .filter((x) => x.v >= 21)
      .sort((a, b) => b.v - a.v);
    for (const { n } of jdks) candidates.push(join(root, n, 'bin', 'java'));
  }
  candidates.push('java');
  for (const java of candidates) {
    if (java !== 'java' && !existsSync(java)) continue;
    const major = javaMajor(java);
    if (major !== undefined && major >= 21) return java;
  }
  throw new KfkError('the Schema Registry (Apicurio Registry 3) needs Java 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm, /opt, PATH)', {
    hint: 'install one, e.g. apt-get install openjdk-21-jre-headless, or point JAVA_HOME at it',
  });
}

/** Fetches and unpacks Apicurio Registry once; returns its directory (with quarkus-run.jar). */
export function ensureRegistry(env: NodeJS.ProcessEnv, log: (line: string) => void): string {
  const dir = join(cacheDir(env), `apicurio-registry-${APICURIO_VERSION}`);
  const home = join(dir, 'app');
  const marker = join(dir, '.complete');
  if (existsSync(marker) && existsSync(join(home, 'quarkus-run.jar'))) return home;
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).error) {
    throw new KfkError('Maven is not installed: kfk local fetches Apicurio Registry from Maven Central with it', { hint: 'install Maven, e.g. apt-get install maven' });
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  log(`kfk: fetching Apicurio Registry ${APICURIO_VERSION} from Maven Central into ${dir}`);
  const r = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      `org.apache.maven.plugins:maven-dependency-plugin:${DEPENDENCY_PLUGIN_VERSION}:copy`,
      `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`,
      `-DoutputDirectory=${dir}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  const tarball = join(dir, `apicurio-registry-app-${APICURIO_VERSION}-all.tar.gz`);
  if (r.status !== 0 || !existsSync(tarball)) {
    const detail = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').filter((l) => /ERROR/.test(l)).slice(0, 2).join(' ');
    throw new KfkError(`cannot fetch Apicurio Registry ${APICURIO_VERSION} with Maven: ${detail || `exit ${r.status}`}`);
  }
  const t = spawnSync('tar', ['xzf', tarball, '-C', home], { encoding: 'utf8' });
  if (t.status !== 0 || !existsSync(join(home, 'quarkus-run.jar'))) throw new KfkError(`cannot unpack ${tarball}: ${(t.stderr ?? '').trim() || `exit ${t.status}`}`);
  rmSync(tarball, { force: true });
  writeFileSync(marker, new Date().toISOString() + '\n');
  return home;
}

async function waitRegistryReady(s: LocalRegistryState, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!isAlive(s.pid)) {
      const tail = existsSync(s.logFile) ? readFileSync(s.logFile, 'utf8').split('\n').filter((l) => /ERROR|Exception/.test(l)).slice(-2).join(' ') : '';
      throw new KfkError(`the Schema Registry exited during start-up: ${tail || 'see ' + s.logFile}`);
    }
    try {
      const res = await fetch(`${s.url}/subjects`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new KfkError(`the Schema Registry did not become ready within ${Math.round(timeoutMs / 1000)} s: ${last}`);
}

export interface RegistryStart {
  state: LocalRegistryState;
  /** Resolves when the registry answers; stops it and rejects when it does not. */
  ready: Promise<void>;
}

/**
 * Starts Apicurio Registry in `dir` (or finds it running there). Returns at once with the JVM
 * spawned: the caller can start Kafka meanwhile and then await `ready`.
 */
export async function spawnRegistry(o: { dir: string; env: NodeJS.ProcessEnv; log: (line: string) => void; readyTimeoutMs?: number }): Promise<RegistryStart & { alreadyRunning: boolean }> {
  const existing = readRegistryState(o.dir);
  if (existing && registryRunning(existing)) return { state: existing, ready: Promise.resolve(), alreadyRunning: true };
  const java = findJava21(o.env);
  const home = ensureRegistry(o.env, o.log);
  mkdirSync(o.dir, { recursive: true });
  const port = await freePort();
  const managementPort = await freePort();
  const logFile = join(o.dir, 'registry.log');
  const out = openSync(logFile, 'w');
  const child = spawn(java, [...JVM_QUIET_FLAGS, '-Xms64m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true', '-jar', join(home, 'quarkus-run.jar')], {
    cwd: o.dir,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      PATH: o.env.PATH ?? '/usr/bin:/bin',
      HOME: o.env.HOME ?? o.dir,
      QUARKUS_HTTP_HOST: '127.0.0.1',
      QUARKUS_HTTP_PORT: String(port),
      QUARKUS_MANAGEMENT_HOST: '127.0.0.1',
      QUARKUS_MANAGEMENT_PORT: String(managementPort),
      // In-memory storage (an H2 database in memory), nothing kept across restarts.
      APICURIO_STORAGE_KIND: 'sql',
      APICURIO_STORAGE_SQL_KIND: 'h2',
      QUARKUS_LOG_CONSOLE_JSON: 'false',
    },
  });
  closeSync(out);
  child.unref();
  if (!child.pid) throw new KfkError(`cannot start ${java}`);
  const state: LocalRegistryState = {
    pid: child.pid,
    url: `http://127.0.0.1:${port}${CCOMPAT_PATH}`,
    port,
    managementPort,
    logFile,
    home,
    java,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(registryStateFile(o.dir), JSON.stringify(state, null, 2) + '\n');
  const ready = waitRegistryReady(state, o.readyTimeoutMs ?? 120_000).catch(async (err) => {
    await stopRegistry(o.dir);
    throw err;
  });
  ready.catch(() => undefined);
  return { state, ready, alreadyRunning: false };
}

/** Stops the registry kfk started in `dir` (by its pid); returns whether one ran. */
export async function stopRegistry(dir: string): Promise<boolean> {
  const s = readRegistryState(dir);
  if (!s) return false;
  const running = registryRunning(s);
  if (running) {
    process.kill(s.pid, 'SIGTERM');
    const deadline = Date.now() + 20_000;
    while (isAlive(s.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(s.pid)) process.kill(s.pid, 'SIGKILL');
  }
  rmSync(registryStateFile(dir), { force: true });
  return running;
}
