// The 3-broker fault cluster of a test file (global-setup-3.ts), as the fault tests use it: a
// topic's partitions as kfk describes them, waiting for a state, brokers stopped and restarted
// by pid (those stopped are remembered, so a test can bring back whatever it stopped).
import { connect } from 'node:net';
import { expect, inject } from 'vitest';
import { restartNode, stopNode } from '../../src/local/cluster.js';
import { readLocalState, type LocalClusterState, type LocalNode } from '../../src/local/state.js';
import { kfk, sleep, uniqueName } from './cli.js';

/**
 * The cluster of this file's worker: the files running at once are in workers of distinct ids
 * (1, 2, ...), so no two of them stop brokers of one cluster.
 */
const clusters = inject('clusters3');
export const state: LocalClusterState = clusters[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % clusters.length];
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

/** A topic of `partitionCount` partitions, RF 3, once every replica is in sync. */
export async function createTopic(partitionCount: number): Promise<string> {
  const t = uniqueName('fault');
  const r = await kfk(['topic', 'create', ...B, '--topic', t, '--partitions', String(partitionCount), '--replication-factor', '3']);
  expect(r.code, r.stderr).toBe(0);
  await inSync(t);
  return t;
}

/** `consume --property print.partition=true` output: each value with its partition. */
export function partitioned(stdout: string): Array<{ partition: number; value: string }> {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^Partition:(\d+)\t(.*)$/.exec(l);
      if (!m) throw new Error(`unexpected line ${l}`);
      return { partition: Number(m[1]), value: m[2] };
    });
}

/** Every value of the topic with its partition, read back by kfk to the end. */
export async function readBack(topic: string): Promise<Array<{ partition: number; value: string }>> {
  const r = await kfk(['consume', ...B, '--topic', topic, '--from-beginning', '-e', '--property', 'print.partition=true'], { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  return partitioned(r.stdout);
}

/** Values by partition (in partition order), each partition's in the order read. */
export function perPartition(rows: Array<{ partition: number; value: string }>): Map<number, string[]> {
  const by = new Map<number, string[]>();
  for (const { partition, value } of [...rows].sort((a, b) => a.partition - b.partition)) by.set(partition, [...(by.get(partition) ?? []), value]);
  return by;
}

/** A topic of 6 partitions (RF 3) holding 6,000 keyed records: its values by partition, as read back, and its leaders. */
export async function keyedTopic() {
  const t = await createTopic(6);
  const lines = numbered(6000).map((n) => `${n}\t${n}`);
  const w = await kfk(['produce', ...B, '--topic', t, '--property', 'parse.key=true'], { input: `${lines.join('\n')}\n` });
  expect(w, w.stderr).toMatchObject({ code: 0, stderr: '' });
  return { t, count: lines.length, before: perPartition(await readBack(t)), led: await partitions(t) };
}

export const numbered = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(7, '0'));

/**
 * The tests before move leaderships (of __consumer_offsets too: the groups' coordinators) away
 * from the brokers they stop, and nothing moves them back within a test run: the preferred
 * replicas lead again, so that the groups a test makes are spread over the brokers.
 */
export async function preferredLeaders(): Promise<void> {
  // A broker back from the test before may not be in sync yet: its partitions are elected once it is.
  await waitUntil('the preferred replicas lead', async () => (await kfk(['partition', 'elect-leaders', ...B, '--election-type', 'preferred', '--all-topic-partitions'])).code === 0, 60_000);
}

/** The node id of the active controller (the metadata quorum's leader). */
export async function quorumLeader(): Promise<number> {
  const q = await kfk(['cluster', 'quorum', ...B]);
  expect(q.code, q.stderr).toBe(0);
  return Number(/^LeaderId:\s+(\d+)$/m.exec(q.stdout)![1]);
}

/**
 * A group or transactional id made by `make` (which says its coordinator) whose coordinator is
 * not the quorum's leader: freezing it moves the groups, not the quorum. With the preferred
 * leaders first: the tests before may have moved every coordinator to one broker.
 */
export async function offQuorumLeader(make: (key: string) => Promise<number>, prefix: string): Promise<{ key: string; coordinator: number; live: string[] }> {
  const leader = await quorumLeader();
  await preferredLeaders();
  for (let i = 0; i < 20; i++) {
    const key = uniqueName(prefix);
    const coordinator = await make(key);
    if (coordinator !== leader) return { key, coordinator, live: ['--bootstrap-server', `127.0.0.1:${state.nodes.find((n) => n.nodeId !== coordinator)!.port}`] };
  }
  throw new Error(`every ${prefix} made was coordinated by broker ${leader}, the quorum's leader`);
}

export const coordinatorOf = (stdout: string) => Number(/\((\d+)\)/.exec(stdout)![1]);

/** Makes share group `g` on topic `t` (a member reads one record and leaves) and says its coordinator. */
export const shareGroupOn = (t: string) => async (g: string) => {
  expect((await kfk(['config', 'alter', ...B, '--group', g, '--add-config', 'share.auto.offset.reset=earliest'])).code).toBe(0);
  const warm = await kfk(['consume', ...B, '--topic', t, '--share-group', g, '--max-messages', '1']);
  expect(warm.code, warm.stderr).toBe(0);
  const d = await kfk(['share-group', 'describe', ...B, '--group', g, '--state']);
  expect(d.code, d.stderr).toBe(0);
  return coordinatorOf(d.stdout);
};
