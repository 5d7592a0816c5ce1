// kafka-reassign-partitions --generate: the current assignment of the topics, and a proposal
// that spreads each topic's partitions over the brokers as Kafka's AdminUtils does: round robin
// from a random broker, the followers shifted; when the brokers have racks (and not
// --disable-rack-aware), over a rack-alternated broker list, each partition's replicas on as many
// racks as it can. Random, so two runs differ.
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../../errors.js';
import { asArray, asObject, field, parseKafkaJson, toInt, toStr, type Json } from '../kafka-json.js';
import { reassignmentJson, type Target } from '../plan.js';

type Flags = FlagsOf<typeof define>;

function readTopics(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KfkError(`Unable to read file ${path}`);
  }
  // ReassignPartitionsCommand.parseTopicsData: Jackson's readTree (the first value), any syntax
  // error in one sentence, then its field checks.
  let parsed: Json;
  try {
    parsed = parseKafkaJson(text);
  } catch {
    throw new KfkError('The input string is not a valid JSON');
  }
  const js = asObject(parsed);
  const version = Object.hasOwn(js, 'version') ? toInt(js.version) : 1;
  if (version !== 1) throw new KfkError(`Not supported version field value ${version}`);
  const topics = Object.hasOwn(js, 'topics') ? asArray(js.topics).map((t) => toStr(field(asObject(t), 'topic'))) : [];
  const dups = [...new Set(topics.filter((t, i) => topics.indexOf(t) !== i))];
  if (dups.length) throw new KfkError(`List of topics to reassign contains duplicate entries: ${dups.join(',')}`);
  return topics;
}

/**
 * AdminUtils' placement, shared by both assignments: partition p's first replica is
 * brokers[(p + startIndex) % n], and the shift of its followers grows by one each time the
 * partitions have gone round all brokers. `followers` adds the rest of the replicas.
 */
function place(partitions: number, replicationFactor: number, brokers: number[], start: number, followers: (first: number, shift: number, replicas: number[]) => void): number[][] {
  const n = brokers.length;
  if (replicationFactor > n) throw new KfkError(`Replication factor: ${replicationFactor} larger than available brokers: ${n}.`);
  const startIndex = start >= 0 ? start : Math.floor(Math.random() * n);
  let shift = start >= 0 ? start : Math.floor(Math.random() * n);
  const out: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++;
    const first = (p + startIndex) % n;
    const replicas = [brokers[first]];
    followers(first, shift, replicas);
    out.push(replicas);
  }
  return out;
}

/** Kafka's AdminUtils.assignReplicasToBrokersRackUnaware. */
export function assignReplicas(partitions: number, replicationFactor: number, brokers: number[], start = -1): number[][] {
  const n = brokers.length;
  return place(partitions, replicationFactor, brokers, start, (first, shift, replicas) => {
    for (let j = 0; j < replicationFactor - 1; j++) replicas.push(brokers[replicaIndex(first, shift, j, n)]);
  });
}

/** AdminUtils.getRackAlternatedBrokerList: racks in name order, each rack's brokers in id order, taken in turn. */
export function rackAlternatedBrokers(rackOf: Map<number, string>): number[] {
  const byRack = new Map<string, number[]>();
  for (const [id, rack] of rackOf) (byRack.get(rack) ?? byRack.set(rack, []).get(rack)!).push(id);
  const racks = [...byRack.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const queues = racks.map((r) => byRack.get(r)!.sort((a, b) => a - b));
  const out: number[] = [];
  for (let i = 0; out.length < rackOf.size; i = (i + 1) % racks.length) {
    const next = queues[i].shift();
    if (next !== undefined) out.push(next);
  }
  return out;
}

const replicaIndex = (first: number, shift: number, j: number, n: number) => (first + 1 + ((shift + j) % (n - 1))) % n;

/** Kafka's AdminUtils.assignReplicasToBrokersRackAware: the followers skip racks (then brokers) that already hold a replica while others do not. */
export function assignReplicasRackAware(partitions: number, replicationFactor: number, rackOf: Map<number, string>, start = -1): number[][] {
  const brokers = rackAlternatedBrokers(rackOf);
  const n = brokers.length;
  const numRacks = new Set(rackOf.values()).size;
  return place(partitions, replicationFactor, brokers, start, (first, shift, replicas) => {
    const racks = new Set([rackOf.get(replicas[0])!]);
    const used = new Set([replicas[0]]);
    let k = 0;
    for (let j = 0; j < replicationFactor - 1; j++) {
      // Bounded: within n steps a broker on a new rack (or a new broker) comes round.
      for (let tries = 0; tries < 2 * n * n; tries++) {
        const broker = brokers[replicaIndex(first, shift * numRacks, k, n)];
        const rack = rackOf.get(broker)!;
        k++;
        if ((!racks.has(rack) || racks.size === numRacks) && (!used.has(broker) || used.size === n)) {
          replicas.push(broker);
          racks.add(rack);
          used.add(broker);
          break;
        }
      }
    }
  });
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const list = opts.brokerList.split(',').filter((b) => b !== '');
  if (list.some((b) => !/^\d+$/.test(b))) throw new KfkError(`For input string: "${list.find((b) => !/^\d+$/.test(b))}"`);
  const brokers = list.map(Number);
  const dups = [...new Set(brokers.filter((b, i) => brokers.indexOf(b) !== i))];
  if (dups.length) throw new KfkError(`Broker list contains duplicate entries: ${dups.join(',')}`);
  const topics = readTopics(opts.topicsToMoveJsonFile);
  const client = await ctx.kafka();
  const api = await import('../../../../kafka/admin/reassign.js');
  const live = await ctx.bounded(api.brokerIds(client));
  const unknown = brokers.find((b) => !live.includes(b));
  if (unknown !== undefined) throw new KfkError(`Unknown broker id ${unknown}`);
  const cluster = await client.cluster();
  const { readMetadata } = await import('../../../../kafka/wire/metadata.js');
  const state = await ctx.bounded(readMetadata(cluster, topics));
  const current: Target[] = [];
  const proposed: Target[] = [];
  const sorted = [...brokers].sort((a, b) => a - b);
  // As ReassignPartitionsCommand.getBrokerMetadata: racks of the listed brokers, all or none.
  const rackOf = new Map<number, string>();
  if (!opts.disableRackAware) for (const b of state.brokers) if (brokers.includes(b.nodeId) && b.rack !== null) rackOf.set(b.nodeId, b.rack);
  if (rackOf.size > 0 && rackOf.size !== brokers.length) throw new KfkError('Not all brokers have rack information. Add --disable-rack-aware in command line to make replica assignment without rack information.');
  const assign = (partitions: number, rf: number) => (rackOf.size > 0 ? assignReplicasRackAware(partitions, rf, rackOf) : assignReplicas(partitions, rf, sorted));
  for (const topic of topics) {
    const t = state.topics.find((x) => x.name === topic);
    if (!t || t.errorCode || t.partitions.length === 0) throw new KfkError(`org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.`);
    const parts = [...t.partitions].sort((a, b) => a.partition - b.partition);
    parts.forEach((p) => current.push({ topic, partition: p.partition, replicas: p.replicas }));
    assign(parts.length, parts[0].replicas.length).forEach((replicas, partition) => proposed.push({ topic, partition, replicas }));
  }
  const dirs = await ctx.bounded(api.replicaLogDirs(client, live, topics));
  await ctx.io.out(
    'Current partition replica assignment\n' +
      reassignmentJson(current, (t, r) => dirs.get(`${t.topic}-${t.partition}/${r}`) ?? 'any') +
      '\n\nProposed partition reassignment configuration\n' +
      reassignmentJson(proposed) +
      '\n',
  );
  return 0;
}
