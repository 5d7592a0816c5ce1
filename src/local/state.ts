// Where `kfk local` keeps its cluster, and what it records about it. Kept small: the config
// layer reads it on every command to find the default cluster.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface LocalNode {
  nodeId: number;
  pid: number;
  port: number;
  controllerPort: number;
  saslPort?: number;
  oauthPort?: number;
  tlsPort?: number;
  dataDir: string;
  /** Every log directory when the node has more than one (`dataDir` is the first). */
  logDirs?: string[];
  logFile: string;
}

export interface LocalClusterState {
  version: string;
  clusterId: string;
  dir: string;
  startedAt: string;
  bootstrap: string;
  saslBootstrap?: string;
  tlsBootstrap?: string;
  /** The OAUTHBEARER listener's addresses (a cluster started with an OAuth setup). */
  oauthBootstrap?: string;
  /** `kfk local start --oauth`: the token server's pid and the client config for its client. */
  oauthServerPid?: number;
  oauthClientConfig?: string;
  /** JVM flags the nodes run with besides kfk's (kept for restarts). */
  jvmFlags?: string[];
  /** client .properties files written for the SASL and TLS listeners */
  saslClientConfig?: string;
  tlsClientConfig?: string;
  caFile?: string;
  nodes: LocalNode[];
}

export function localDir(env: NodeJS.ProcessEnv): string {
  if (env.KFK_LOCAL_DIR) return env.KFK_LOCAL_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'kfk', 'local');
}

export function stateFile(dir: string): string {
  return join(dir, 'cluster.json');
}

/** A state file (the cluster's, the registry's); undefined when there is none or it cannot be read. */
export function readStateFile<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function readLocalState(dir: string): LocalClusterState | undefined {
  return readStateFile<LocalClusterState>(stateFile(dir));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The local cluster's state when at least one of its processes is running. */
export function runningLocalCluster(env: NodeJS.ProcessEnv): LocalClusterState | undefined {
  const state = readLocalState(localDir(env));
  if (!state) return undefined;
  return state.nodes.some((n) => isAlive(n.pid)) ? state : undefined;
}
