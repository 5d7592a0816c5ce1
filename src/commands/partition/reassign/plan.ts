// kafka-reassign-partitions' reassignment JSON and text, shared by execute, verify and cancel.
import { readFileSync } from 'node:fs';
import { KfkError } from '../../../errors.js';
import { asArray, asObject, field, parseKafkaJson, toInt, toList, toStr } from './kafka-json.js';

export interface Target {
  topic: string;
  partition: number;
  replicas: number[];
  /** Each replica's log directory, "any" for the broker's choice (the file's `log_dirs`). */
  logDirs?: string[];
}

/** A replica to move to a log directory of its broker (AlterReplicaLogDirs). */
export interface ReplicaMove {
  topic: string;
  partition: number;
  broker: number;
  path: string;
}

const ANY = 'any';
const name = (t: { topic: string; partition: number }) => `${t.topic}-${t.partition}`;
/** Topic, then partition: the order the tool sorts partitions in. */
export const byTopicPartition = <T extends { topic: string; partition: number }>(a: T, b: T) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition);

/** The partitions of a reassignment JSON file, worded as the tool words its errors. */
export function readPlan(path: string, forExecute: boolean): Target[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KfkError(`Unable to read file ${path}`);
  }
  // ReassignPartitionsCommand.parsePartitionReassignmentData: its checks, in its order.
  const js = asObject(parseKafkaJson(text));
  const version = Object.hasOwn(js, 'version') ? toInt(js.version) : 1;
  if (version !== 1) throw new KfkError(`Not supported version field value ${version}`);
  const out: Target[] = [];
  for (const item of Object.hasOwn(js, 'partitions') ? asArray(js.partitions) : []) {
    const p = asObject(item);
    const topic = toStr(field(p, 'topic'));
    const partition = toInt(field(p, 'partition'));
    const replicas = toList(field(p, 'replicas'), toInt);
    const logDirs = Object.hasOwn(p, 'log_dirs') ? toList(p.log_dirs, toStr) : replicas.map(() => ANY);
    if (logDirs.length !== replicas.length) {
      throw new KfkError(`Size of replicas list [${replicas.join(', ')}] is different from size of log dirs list [${logDirs.join(', ')}] for partition ${topic}-${partition}`);
    }
    out.push({ topic, partition, replicas, logDirs });
  }
  if (forExecute) {
    if (out.length === 0) throw new KfkError('Partition reassignment list cannot be empty');
    if (out.some((t) => t.replicas.length === 0)) throw new KfkError('Partition replica list cannot be empty');
    const dups = out.filter((t, i) => out.findIndex((u) => name(u) === name(t)) !== i).map(name);
    if (dups.length) throw new KfkError(`Partition reassignment contains duplicate topic partitions: ${[...new Set(dups)].join(',')}`);
    const repeated = out.filter((t) => new Set(t.replicas).size !== t.replicas.length);
    if (repeated.length) {
      const msg = repeated.map((t) => `${name(t)} contains multiple entries for ${[...new Set(t.replicas.filter((r, i) => t.replicas.indexOf(r) !== i))].join(',')}`).join('. ');
      throw new KfkError(`Partition replica lists may not contain duplicate entries: ${msg}`);
    }
  }
  return out;
}

/** The replicas the file names a log directory for (not "any"). */
export const replicaMoves = (plan: Target[]): ReplicaMove[] =>
  plan.flatMap((t) => t.replicas.flatMap((broker, i) => (t.logDirs && t.logDirs[i] !== ANY ? [{ topic: t.topic, partition: t.partition, broker, path: t.logDirs[i] }] : [])));

/** TopicPartitionReplica's order: broker, then topic, then partition. */
export const byBrokerTopicPartition = (a: ReplicaMove, b: ReplicaMove) => a.broker - b.broker || byTopicPartition(a, b);
export const replicaName = (m: ReplicaMove) => `${m.topic}-${m.partition}-${m.broker}`;

/** formatAsReassignmentJson: partitions sorted, log_dirs as given or "any". */
export function reassignmentJson(parts: Target[], logDir: (t: Target, replica: number) => string = () => ANY): string {
  return JSON.stringify({ version: 1, partitions: [...parts].sort(byTopicPartition).map((t) => ({ topic: t.topic, partition: t.partition, replicas: t.replicas, log_dirs: t.replicas.map((r) => logDir(t, r)) })) });
}

export const s = (n: number) => (n === 1 ? '' : 's');
