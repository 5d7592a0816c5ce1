// Validation of kafka-topics arguments, with Kafka's own wording.
import { KfkError, UsageError } from '../errors.js';

const MAX_NAME = 249;

export function validateTopicName(name: string): void {
  if (name.length === 0) throw new KfkError('Topic name is illegal, it can\'t be empty');
  if (name === '.' || name === '..') throw new KfkError('Topic name cannot be "." or ".."');
  if (name.length > MAX_NAME) {
    throw new KfkError(`Topic name is illegal, it can't be longer than ${MAX_NAME} characters, topic name: ${name}`);
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    throw new KfkError(`Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`);
  }
}

export function hasCollisionChars(name: string): boolean {
  return name.includes('.') || name.includes('_');
}

export const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.";

export function parseCount(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`invalid ${flag} '${v}': expected an integer`);
  return Number(v);
}

/** `0:1,1:2` -> [[0,1],[1,2]]: partitions by comma, broker ids of one partition by colon. */
export function parseReplicaAssignment(text: string): number[][] {
  const parts = text.split(',').map((p) => p.split(':').map((b) => b.trim()));
  const out = parts.map((brokers) => {
    const ids = brokers.map((b) => {
      if (!/^\d+$/.test(b)) throw new UsageError(`invalid --replica-assignment '${text}': '${b}' is not a broker id`);
      return Number(b);
    });
    const dups = ids.filter((id, j) => ids.indexOf(id) !== j);
    if (dups.length) throw new KfkError(`Partition replica lists may not contain duplicate entries: ${[...new Set(dups)].join(',')}`);
    return ids;
  });
  out.forEach((ids, i) => {
    if (ids.length !== out[0].length) throw new KfkError(`Partition ${i} has different replication factor: [${ids.join(', ')}]`);
  });
  return out;
}

export function parseTopicConfigs(pairs: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const kv = p.split(/\s*=\s*/);
    if (kv.length !== 2 || !kv[0]) {
      throw new UsageError('requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".');
    }
    out[kv[0].trim()] = kv[1].trim();
  }
  return out;
}
