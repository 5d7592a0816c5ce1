// A real consumer-group member: joins the group through its coordinator, splits partitions with
// the other members (the "range" protocol, as Kafka's Java consumer does by default, so kfk and
// Java consumers can share a group), fetches its partitions with the record path's own Fetch
// and decoder (fetcher.ts, records/decoder.ts), and commits the position of every partition it
// is assigned, every second, before a rebalance and on exit. kafkajs provides the connections
// and the group requests (JoinGroup, SyncGroup, Heartbeat, OffsetFetch, OffsetCommit, LeaveGroup).
//
// A partition's position is the offset after the last record handed on or, before any was, the
// offset it started from (the committed one, or the reset position for a group without one:
// log start or high watermark), once that is known. As Kafka's Java consumer commits on close,
// a partition that nothing was read from yet is committed too: a second run goes on from there
// instead of resetting it to the log end and skipping its records.
//
// A rebalance (another member joins or leaves), a coordinator that moved or a lost connection:
// stop fetching, commit the positions if the generation still allows it, join again and go
// on from the committed offsets, or from this member's own position in a partition where that
// is further (its last commit did not get through): this member hands no record on twice, and
// none is skipped.
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker, KafkajsCluster } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { CoordinatorMoved, unlessCoordinatorMoves } from '../wire/coordinator.js';
import { EARLIEST, LATEST, listOffsetsOf, tpKey } from '../admin/offsets.js';
import { TOPIC_AUTHORIZATION_FAILED, brokerAnswers, knownTopic, readMetadata } from '../wire/metadata.js';
import type { FetcherOptions, FetchSizes } from './fetcher.js';
import { visitRecordSet, type DecodeOptions, type RecordVisitor } from '../records/decoder.js';

export interface GroupConsumerOptions {
  groupId: string;
  topics: Array<string | RegExp>;
  /** Where to start when the group has no committed offset: earliest or latest. */
  fromBeginning: boolean;
  readCommitted: boolean;
  /** fetch.max.bytes, max.partition.fetch.bytes. */
  fetchSizes?: FetchSizes;
  sessionTimeoutMs?: number;
  /** How often patterns are matched against the cluster's topics again (Kafka: metadata.max.age.ms, 5 minutes). */
  metadataMaxAgeMs?: number;
  /** Called when the set of assigned partitions that cannot be read (no leader, or a leader that does not answer) changes. */
  onLeaderless?: FetcherOptions['onLeaderless'];
  /** Called for a topic deleted while it was read, while other topics are still read. */
  onTopicGone?: (topic: string) => void;
  /** --verbose lines. */
  log?: (line: string) => void;
}

const PROTOCOL = 'range';
const HEARTBEAT_MS = 3000;
const COMMIT_EVERY_MS = 1000;
/** How long a coordinator that did not answer is not joined through while FindCoordinator still names it. */
const UNANSWERED_WAIT_MS = 30_000;
/** Kafka's metadata.max.age.ms: how often a pattern subscription is matched again. */
export const METADATA_MAX_AGE_MS = 300_000;
/** Errors that mean: join the group again (after finding the coordinator again). */
const REJOIN = new Set([
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'NOT_COORDINATOR_FOR_GROUP',
  'NOT_COORDINATOR',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'GROUP_LOAD_IN_PROGRESS',
  'REQUEST_TIMED_OUT',
  'FENCED_INSTANCE_ID',
]);

type Assignment = Record<string, number[]>;

/** Kafka's RangeAssignor: per topic, members sorted by id each take a contiguous range. */
export function rangeAssign(members: Array<{ memberId: string; topics: string[] }>, partitionsOf: (topic: string) => number[]): Map<string, Assignment> {
  const out = new Map<string, Assignment>(members.map((m) => [m.memberId, {}]));
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  for (const topic of topics) {
    const consumers = members.filter((m) => m.topics.includes(topic)).map((m) => m.memberId).sort();
    const partitions = partitionsOf(topic).slice().sort((a, b) => a - b);
    const per = Math.floor(partitions.length / consumers.length);
    const extra = partitions.length % consumers.length;
    consumers.forEach((id, i) => {
      const start = per * i + Math.min(i, extra);
      const length = per + (i < extra ? 1 : 0);
      if (length > 0) out.get(id)![topic] = partitions.slice(start, start + length);
    });
  }
  return out;
}

/**
 * kafkajs reports a group the user may not access as "Failed to find group coordinator" after its
 * retries: one FindCoordinator of our own tells whether that is the reason.
 */
async function groupDenied(cluster: KafkajsCluster, groupId: string, err: unknown): Promise<boolean> {
  if ((err as Error).name !== 'KafkaJSGroupCoordinatorNotFound') return false;
  try {
    const nodeId = cluster.brokerPool.metadata?.brokers?.[0]?.nodeId;
    if (nodeId === undefined) return false;
    const broker = await cluster.findBroker({ nodeId });
    await broker.findGroupCoordinator({ groupId, coordinatorType: 0 });
    return false;
  } catch (probe) {
    return errType(probe) === 'GROUP_AUTHORIZATION_FAILED';
  }
}

function errType(err: unknown): string {
  return (err as { type?: string }).type ?? '';
}

/** Worth joining again for: the group moved on, the coordinator moved, or the connection broke. */
function isTransient(err: unknown): boolean {
  if (REJOIN.has(errType(err))) return true;
  const e = err as { name?: string; retriable?: boolean };
  if (e.retriable === true) return true;
  const name = e.name ?? '';
  return ['KafkaJSConnectionError', 'KafkaJSRequestTimeoutError', 'KafkaJSConnectionClosedError', 'KafkaJSBrokerNotFound', 'KafkaJSGroupCoordinatorNotFound', 'KafkaJSNumberOfRetriesExceeded'].includes(name);
}

/**
 * How many of the records handed on in a set were written out (the output closed under the rest:
 * `| head`); nothing: all of them.
 */
export type AfterSet = () => Promise<number | void>;

/**
 * Hands a fetched set's records on, moving the member's position past each, then awaits
 * `afterSet`; true when `onRecord` said stop (the records after it are left), or when the output
 * took only part of what was handed on: the position goes back to the first record not written
 * out (what is committed is what was written, not the whole set), and nothing more is handed on.
 * `owned`: false once the partition was given up (its position committed), and from then on
 * nothing more is handed on.
 */
export async function handOn(set: Buffer, decode: DecodeOptions, entry: { offset: number }, onRecord: RecordVisitor, afterSet: AfterSet, owned: () => boolean = () => true): Promise<boolean> {
  let stopped = false;
  /** Offsets of the records handed on, in order. */
  const handed: number[] = [];
  await visitRecordSet(set, decode, (v) => {
    if (!owned()) return false;
    if (v.offset < entry.offset) return true;
    entry.offset = v.offset + 1;
    handed.push(v.offset);
    if (onRecord(v) === false) {
      stopped = true;
      return false;
    }
    return true;
  });
  const written = await afterSet();
  if (typeof written === 'number' && written < handed.length) {
    entry.offset = handed[written];
    return true;
  }
  return stopped;
}

/**
 * A topic deleted while a group member read it: its partitions are forgotten (their offsets can
 * no longer be committed); once every topic named (not matched by a pattern) is gone, the member
 * stops, else the caller hears of it.
 */
export function forgetGoneTopic(o: {
  positions: Map<string, { topic: string }>;
  owned: Set<string> | Map<string, unknown>;
  gone: Set<string>;
  topics: GroupConsumerOptions['topics'];
  stop: () => void;
  onTopicGone?: (topic: string) => void;
}): (topic: string) => void {
  return (topic) => {
    const prefix = tpKey(topic, 0).slice(0, -1);
    for (const k of [...o.positions.keys(), ...o.owned.keys()]) {
      if (!k.startsWith(prefix) || k.indexOf('\0', prefix.length) >= 0) continue;
      o.positions.delete(k);
      o.owned.delete(k);
    }
    o.gone.add(topic);
    if (o.topics.every((t) => typeof t === 'string' && o.gone.has(t))) o.stop();
    else o.onTopicGone?.(topic);
  };
}

/**
 * The topics a member subscribes to: the names given, and those of the cluster that match the
 * patterns (internal topics left out), sorted; a topic that does not exist is left out, and
 * when none exists that is an error. `seen` carries the member's topics from one join to the
 * next: a subscribed topic that is missing now was deleted while it was read (it goes into
 * `gone`), and when only such topics are left, the error says so.
 */
export async function subscribedTopicNames(
  client: KafkaClient,
  cluster: KafkajsCluster,
  wanted: Array<string | RegExp>,
  seen: { subscribed: Set<string>; gone: Set<string> } = { subscribed: new Set(), gone: new Set() },
): Promise<string[]> {
  const { subscribed, gone } = seen;
  const names = wanted.filter((t): t is string => typeof t === 'string');
  const patterns = wanted.filter((t): t is RegExp => t instanceof RegExp);
  if (patterns.length) {
    const admin = await client.admin();
    for (const t of await admin.listTopics()) if (!t.startsWith('__') && patterns.some((p) => p.test(t))) names.push(t);
  }
  const topics = [...new Set(names)].sort();
  await readMetadata(cluster, topics);
  const missing = topics.filter((t) => (knownTopic(cluster, t)?.partitions.length ?? 0) === 0);
  for (const t of missing) if (subscribed.has(t)) gone.add(t);
  if (missing.length && missing.length === topics.length) {
    if (knownTopic(cluster, missing[0])?.errorCode === TOPIC_AUTHORIZATION_FAILED) throw new KfkError(`Not authorized to access topics: [${missing.join(', ')}]`);
    if (missing.every((t) => gone.has(t))) throw new KfkError(`topic '${missing.join(', ')}' was deleted while it was read`);
    throw new KfkError(`topic '${missing.join(', ')}' does not exist`);
  }
  const present = topics.filter((t) => !missing.includes(t));
  for (const t of present) subscribed.add(t);
  return present;
}

/**
 * Runs until `signal` aborts or `onRecord` returns false. Each record is a view valid during
 * the call; returning false means "this one was taken, no more". After each fetched set,
 * `afterSet` is awaited (output backpressure). Returns after committing the position of every
 * assigned partition (after the last record handed on, none after the stop), and leaving the group.
 */
export async function runGroupConsumer(
  client: KafkaClient,
  options: GroupConsumerOptions,
  onRecord: RecordVisitor,
  afterSet: AfterSet,
  signal: AbortSignal,
): Promise<void> {
  const { AssignerProtocol } = kafkajs().kafkajs;
  const { MemberMetadata, MemberAssignment } = AssignerProtocol;
  const cluster: KafkajsCluster = await client.cluster();
  const groupId = options.groupId;
  const sessionTimeout = options.sessionTimeoutMs ?? 10_000;
  let memberId = '';
  let stopped = signal.aborted;
  let wanted = false;
  /** Position per partition: one past the last record handed on, else where reading started. */
  const positions = new Map<string, { topic: string; partition: number; offset: number }>();
  /** The group's committed offset per partition, as last fetched or committed by this member. */
  const committed = new Map<string, number>();
  /** Partitions of this generation whose start position is known: the ones committed. */
  let owned = new Set<string>();
  /** Topics deleted while they were read, and those that were there at some join. */
  const gone = new Set<string>();
  const subscribed = new Set<string>();

  const { PartitionFetcher } = await import('./fetcher.js');
  let fetcher: InstanceType<typeof PartitionFetcher> | null = null;
  let wake: (() => void) | null = null;
  /** Ends the wait for the coordinator's answer under way (a JoinGroup or SyncGroup), if any. */
  let interrupt: (() => void) | null = null;
  const stop = () => {
    stopped = true;
    fetcher?.stop();
    wake?.();
    interrupt?.();
  };
  signal.addEventListener('abort', stop, { once: true });
  // Stopped while it started (the listener was not there yet).
  if (signal.aborted) stop();

  /**
   * A request that a stop cuts short: a JoinGroup is answered once every member has joined
   * (seconds, while the others finish what they hold), and a SyncGroup once the leader assigned.
   */
  const unlessStopped = <T>(request: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      interrupt = () => reject(new Error('stopped'));
      if (stopped) interrupt();
      request.then(resolve, reject).finally(() => (interrupt = null));
    });

  const subscribedTopics = () => subscribedTopicNames(client, cluster, options.topics, { subscribed, gone });
  // A pattern is matched against the cluster's topics again at each metadata refresh, as Kafka's
  // consumer does with a Pattern: a changed subscription joins the group again.
  const patterned = options.topics.some((t) => t instanceof RegExp);
  let joinedTopics: string[] = [];

  const commit = async (coordinator: KafkajsBroker, generationId: number): Promise<void> => {
    // Offsets as of now: records handed on while the commit is in flight go into the next one.
    const changed = [...owned].flatMap((k) => {
      const p = positions.get(k);
      return p && committed.get(k) !== p.offset ? [{ k, topic: p.topic, partition: p.partition, offset: p.offset }] : [];
    });
    if (changed.length === 0) return;
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const p of changed) {
      const list = byTopic.get(p.topic) ?? [];
      list.push({ partition: p.partition, offset: String(p.offset) });
      byTopic.set(p.topic, list);
    }
    await coordinator.offsetCommit({ groupId, groupGenerationId: generationId, memberId, topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) });
    for (const p of changed) committed.set(p.k, p.offset);
  };

  /** Where partitions without a committed offset start: the log start or end, as far as their leaders can tell now. */
  const resetOffsets = async (parts: Array<{ topic: string; partition: number }>): Promise<Array<{ topic: string; partition: number; offset: number }>> => {
    const byTopic = new Map<string, number[]>();
    for (const m of parts) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m.partition]);
    const { offsets } = await listOffsetsOf(client, [...byTopic].map(([topic, partitions]) => ({ topic, partitions })), options.fromBeginning ? EARLIEST : LATEST, options.readCommitted);
    return offsets;
  };

  /** Start positions: -1 for a partition whose start is not known yet (it has no leader). */
  const startOffsets = async (coordinator: KafkajsBroker, assignment: Assignment): Promise<Array<{ topic: string; partition: number; offset: number }>> => {
    const topics = Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition })) }));
    const res = (await coordinator.offsetFetch({ groupId, topics })) as { responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; errorCode: number }> }> };
    const out: Array<{ topic: string; partition: number; offset: number }> = [];
    const missing: Array<{ topic: string; partition: number }> = [];
    for (const t of res.responses) {
      for (const p of t.partitions) {
        const offset = Number(p.offset);
        const own = positions.get(tpKey(t.topic, p.partition))?.offset ?? -1;
        if (offset >= 0) committed.set(tpKey(t.topic, p.partition), offset);
        if (offset >= 0 || own >= 0) out.push({ topic: t.topic, partition: p.partition, offset: Math.max(offset, own) });
        else missing.push({ topic: t.topic, partition: p.partition });
      }
    }
    if (missing.length) {
      const found = new Map((await resetOffsets(missing)).map((f) => [tpKey(f.topic, f.partition), f.offset]));
      for (const m of missing) out.push({ ...m, offset: found.get(tpKey(m.topic, m.partition)) ?? -1 });
    }
    return out;
  };

  let failures = 0;
  /** The coordinator that last did not answer, and since when. */
  let unanswered = null as { nodeId: number; at: number } | null;
  try {
    while (!stopped) {
      let coordinator: KafkajsBroker;
      let generationId: number;
      let assignment: Assignment;
      try {
        coordinator = await cluster.findGroupCoordinator({ groupId });
        if (unanswered && coordinator.nodeId === unanswered.nodeId && Date.now() - unanswered.at < UNANSWERED_WAIT_MS) {
          // Still named, though it did not answer: the cluster moves the group once the controller
          // fences that broker. A JoinGroup sent there would wait out its rebalance timeout.
          await new Promise((r) => setTimeout(r, 1000));
          await cluster.refreshMetadata().catch(() => undefined);
          continue;
        }
        const topics = await subscribedTopics();
        joinedTopics = topics;
        // A JoinGroup waits for the group's other members (up to the rebalance timeout), and a
        // SyncGroup for its leader: sent to a coordinator that stopped answering, each waited out
        // its 60 s while the group had moved; the one that moved it is left at once.
        const join = (await unlessStopped(
          unlessCoordinatorMoves(cluster, groupId, coordinator.nodeId, coordinator.joinGroup({
            groupId,
            sessionTimeout,
            rebalanceTimeout: 60_000,
            memberId,
            protocolType: 'consumer',
            groupProtocols: [{ name: PROTOCOL, metadata: MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) }],
          })),
        )) as { generationId: number; leaderId: string; memberId: string; members: Array<{ memberId: string; memberMetadata: Buffer }> };
        memberId = join.memberId;
        generationId = join.generationId;
        let groupAssignment: Array<{ memberId: string; memberAssignment: Buffer }> = [];
        if (join.leaderId === join.memberId) {
          const members = join.members.map((m) => ({ memberId: m.memberId, topics: (MemberMetadata.decode(m.memberMetadata)?.topics ?? []) as string[] }));
          const all = [...new Set(members.flatMap((m) => m.topics))];
          await cluster.addMultipleTargetTopics(all);
          const plan = rangeAssign(members, (topic) => ((cluster.findTopicPartitionMetadata(topic) ?? []) as Array<{ partitionId: number }>).map((p) => p.partitionId));
          groupAssignment = [...plan].map(([id, a]) => ({ memberId: id, memberAssignment: MemberAssignment.encode({ version: 0, assignment: a, userData: Buffer.alloc(0) }) }));
        }
        const sync = (await unlessStopped(unlessCoordinatorMoves(cluster, groupId, coordinator.nodeId, coordinator.syncGroup({ groupId, generationId, memberId, groupAssignment })))) as { memberAssignment: Buffer };
        assignment = (sync.memberAssignment?.length ? (MemberAssignment.decode(sync.memberAssignment)?.assignment as Assignment) : null) ?? {};
      } catch (err) {
        if (stopped) {
          // Stopped while joining: a member the coordinator knows (joining again, or joined) leaves
          // at once. A first JoinGroup's member id is not known until it is answered: the
          // coordinator drops that member once its session times out.
          if (memberId) await cluster.findGroupCoordinator({ groupId }).then((c: KafkajsBroker) => c.leaveGroup({ groupId, memberId })).catch(() => undefined);
          break;
        }
        if (err instanceof CoordinatorMoved) {
          // Its request unanswered while the group moved: as a broker that does not answer, it
          // is asked for metadata after the others until it answers again.
          brokerAnswers(cluster, err.from, false);
          options.log?.(`consume: ${err.message}: joining it there`);
        }
        if (errType(err) === 'UNKNOWN_MEMBER_ID') memberId = '';
        if (errType(err) === 'GROUP_AUTHORIZATION_FAILED' || (await groupDenied(cluster, groupId, err))) throw new KfkError(`Not authorized to access group: ${groupId}`);
        if (!isTransient(err) || ++failures > 30) throw err;
        await new Promise((r) => setTimeout(r, Math.min(200 * failures, 2000)));
        await cluster.refreshMetadata().catch(() => undefined);
        continue;
      }
      failures = 0;

      // Fetch the assigned partitions from the committed offsets until a rebalance or the stop.
      wanted = false;
      owned = new Set();
      brokerAnswers(cluster, coordinator.nodeId, true);
      /** The coordinator took a heartbeat or a commit and did not answer it in time (a stopped broker). */
      let silent = false;
      const rejoin = () => {
        wanted = true;
        fetcher?.stop();
        wake?.();
      };
      const failed = (err: unknown) => {
        if (!isTransient(err)) return;
        if (!silent && (err as Error).name === 'KafkaJSRequestTimeoutError') {
          silent = true;
          unanswered = { nodeId: coordinator.nodeId, at: Date.now() };
          // Until it answers again, the group's coordinator is asked of another broker.
          brokerAnswers(cluster, coordinator.nodeId, false);
          options.log?.(`consume: the coordinator of group '${groupId}' (broker ${coordinator.nodeId}) does not answer: finding it again`);
        }
        rejoin();
      };
      const beat = setInterval(() => {
        coordinator.heartbeat({ groupId, groupGenerationId: generationId, memberId }).catch(failed);
      }, HEARTBEAT_MS);
      let matching = false;
      const rematch = patterned
        ? setInterval(() => {
            if (matching || wanted || stopped) return;
            matching = true;
            subscribedTopics()
              .then((now) => {
                if (now.join('\0') === joinedTopics.join('\0')) return;
                options.log?.(`consume: subscribed to ${now.join(', ') || 'no topic'}: joining group '${groupId}' again`);
                rejoin();
              })
              .catch((err: Error) => options.log?.(`consume: matching the topics of group '${groupId}' again failed: ${err.message}`))
              .finally(() => (matching = false));
          }, options.metadataMaxAgeMs ?? METADATA_MAX_AGE_MS)
        : undefined;
      // One commit at a time: one the coordinator does not answer is not followed by a queue of
      // others, each waiting its request timeout in turn (a rejoin waits for the one in flight).
      let committing: Promise<void> | null = null;
      const commits = setInterval(() => {
        committing ??= commit(coordinator, generationId)
          .catch(failed)
          .finally(() => (committing = null));
      }, COMMIT_EVERY_MS);
      try {
        const starts = Object.keys(assignment).length ? await startOffsets(coordinator, assignment) : [];
        // From here each assigned partition with a known position is committed (one without a
        // leader yet, once the fetcher has found where it starts).
        const known = (s: { topic: string; partition: number; offset: number }) => {
          const k = tpKey(s.topic, s.partition);
          positions.set(k, { ...s });
          owned.add(k);
        };
        for (const s of starts) if (s.offset >= 0) known(s);
        if (starts.length === 0) {
          // More members than partitions: wait for a rebalance or the stop.
          if (!stopped && !wanted) await new Promise<void>((r) => (wake = r));
          wake = null;
        } else {
          const generationOwned = owned;
          fetcher = new PartitionFetcher(client, {
            readCommitted: options.readCommitted,
            ...options.fetchSizes,
            onLeaderless: options.onLeaderless,
            log: options.log,
            onTopicGone: forgetGoneTopic({ positions, owned, gone, topics: options.topics, stop, onTopicGone: options.onTopicGone }),
            resolve: async (parts) => {
              const found = await resetOffsets(parts);
              if (owned === generationOwned) for (const f of found) known(f);
              return found;
            },
          });
          fetcher.assign(starts);
          if (stopped) fetcher.stop();
          let done = false;
          await fetcher.run(async (set, decode) => {
            if (done) return;
            const entry = positions.get(tpKey(decode.topic, decode.partition));
            if (!entry) return;
            if (await handOn(set, decode, entry, onRecord, afterSet)) done = true;
            if (done) stop();
          });
          fetcher = null;
        }
      } catch (err) {
        if (!isTransient(err)) throw err;
        wanted = true;
      } finally {
        clearInterval(beat);
        clearInterval(commits);
        clearInterval(rematch);
        await committing;
      }
      // Commit the positions, with this generation, before joining again or leaving; not to a
      // coordinator that does not answer (the positions are kept: the next generation starts
      // from them where they are further than what was committed).
      if (!silent) await commit(coordinator, generationId).catch(() => undefined);
      if (stopped) {
        if (!silent) await coordinator.leaveGroup({ groupId, memberId }).catch(() => undefined);
        break;
      }
      if (!wanted) break;
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (gone.size && options.topics.every((t) => typeof t === 'string' && gone.has(t))) {
    throw new KfkError(`topic '${[...gone].join(', ')}' was deleted while it was read`);
  }
}
