// The 3-broker fault cluster of a test run (global-setup-3.ts), as the fault tests use it: a
// topic's partitions as kfk describes them, waiting for a state, brokers stopped and restarted
// by pid (those stopped are remembered, so a test can bring back whatever it stopped).
import { connect } from 'node:net';
import { expect, inject } from 'vitest';
import { restartNode, stopNode } from '../../src/local/cluster.js';
import { readLocalState, type LocalClusterState, type LocalNode } from '../../src/local/state.js';
import { kfk, sleep } from './cli.js';

export const state: LocalClusterState = inject('cluster3');
export const B = ['--bootstrap-server', state.bootstrap];

export interface PartitionView {
  partition: number;
  /** -1: no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
}

export async function partitions(topic: string): Promise<PartitionView[]> {
  const r = await kfk(['topic', 'describe', ...B, '--topic', topic, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Array<{ partitions: PartitionView[] }>)[0].partitions;
}

export async function waitUntil(what: string, check: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(`timed out waiting until ${what}`);
}

/**
 * A node as the cluster's state file has it now: a restart (by any test file: each runs in a
 * process of its own) writes the new pid there, so the one provided at setup may be stale.
 */
function node(id: number): LocalNode {
  const current = readLocalState(state.dir)?.nodes.find((n) => n.nodeId === id);
  const mine = state.nodes.find((n) => n.nodeId === id)!;
  if (current) mine.pid = current.pid;
  return mine;
}
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const sock = connect({ host: '127.0.0.1', port }, () => {
      sock.destroy();
      resolve(true);
    });
    sock.on('error', () => resolve(false));
  });

/** Brokers stopped by kill() and not yet revived. */
export const down = new Set<number>();

export async function kill(nodeId: number, hard = true): Promise<void> {
  down.add(nodeId);
  await stopNode(node(nodeId), hard);
}

/** Restarts a broker and waits until it accepts clients (it may be in the ISR a little earlier). */
export async function revive(nodeId: number): Promise<void> {
  // restartNode writes the whole state back: bring every pid up to date first.
  for (const n of state.nodes) node(n.nodeId);
  await restartNode(state, nodeId, process.env);
  down.delete(nodeId);
  await waitUntil(`broker ${nodeId} accepts connections`, () => accepts(node(nodeId).port));
}

/** Brokers stopped by freeze() (SIGSTOP) and not yet thawed. */
export const frozen = new Set<number>();

/**
 * Stops a broker's process without ending it (SIGSTOP): its sockets stay open and take
 * connections, and it answers nothing, as a broker stuck on a full disk or a long pause does.
 */
export function freeze(nodeId: number): void {
  process.kill(node(nodeId).pid, 'SIGSTOP');
  frozen.add(nodeId);
}

export function thaw(nodeId: number): void {
  process.kill(node(nodeId).pid, 'SIGCONT');
  frozen.delete(nodeId);
}

/** Restarts whatever is down, thaws whatever is frozen, and waits until the cluster has all its brokers back. */
export async function allBrokersBack(): Promise<void> {
  for (const id of [...frozen]) thaw(id);
  for (const id of [...down]) await revive(id);
  await waitUntil('all brokers are back', async () => {
    const r = await kfk(['cluster', 'describe', ...B, '-o', 'json']);
    return r.code === 0 && (JSON.parse(r.stdout) as { brokers: unknown[] }).brokers.length === 3;
  });
}

/** Every partition of `topic` has a leader and its full replica set in sync. */
export async function inSync(topic: string): Promise<void> {
  await waitUntil(`${topic} is fully in sync`, async () => (await partitions(topic)).every((p) => p.leader >= 0 && p.isr.length === p.replicas.length));
}
