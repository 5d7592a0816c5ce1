// A member of a consumer group of the KIP-848 protocol (group.protocol=consumer): the group
// coordinator assigns the partitions (server-side assignor: uniform or range) and the member
// learns its assignment from its own heartbeats (ConsumerGroupHeartbeat), so kfk shares a group
// with Java consumers of the same protocol. It reads with the record path (fetcher.ts,
// records/decoder.ts) and commits with its member id and epoch (OffsetCommit v9), as
// group-consumer.ts does for the classic protocol: the position of every partition it owns,
// every second, before it gives a partition up and on exit; where nothing was handed on yet,
// the offset it started from.
//
// A new assignment is reconciled at once: partitions taken away stop being handed on, their
// positions are committed, and only then does the next heartbeat report them released (the
// coordinator gives them to another member after that: nothing is skipped or handed on twice
// past the commit); new partitions start from the group's committed offsets, else from the log
// start (--from-beginning) or end. A member the coordinator fenced (its session expired, say)
// drops its partitions and joins again.
import { randomBytes } from 'node:crypto';
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker, KafkajsCluster } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { EARLIEST, LATEST, listOffsetsOf, tpKey } from '../admin/offsets.js';
import { brokerAnswers } from '../wire/metadata.js';
import { forgetGoneTopic, handOn, type AfterSet, type GroupConsumerOptions } from './group.js';
import { subscription } from './subscription.js';
import type { ProtocolRequest } from '../protocol/admin-requests.js';
import { consumerGroupHeartbeat, offsetCommit, offsetFetch, type FetchedOffset, type HeartbeatResponse, type OwnedTopicPartitions } from '../protocol/group-requests.js';
import type { RecordVisitor } from '../records/decoder.js';
import { COORDINATOR_MOVED, heartbeatErrors, wakeablePause } from './heartbeat-errors.js';
import { offers, usableVersion } from '../protocol/versions.js';

export interface ConsumerGroupMemberOptions extends GroupConsumerOptions {
  /** group.remote.assignor: the coordinator's assignor to use (uniform, range); null: the broker's default. */
  serverAssignor: string | null;
  /** How long the coordinator waits for this member to give partitions up (Kafka: max.poll.interval.ms). */
  rebalanceTimeoutMs?: number;
}

const COMMIT_EVERY_MS = 1000;
// An error code of OffsetCommit (the heartbeat's: heartbeat-errors.ts).
const STALE_MEMBER_EPOCH = 113;

/** The one-line error for a cluster without the consumer group protocol. */
export function unsupportedProtocol(): KfkError {
  return new KfkError('cannot use group.protocol=consumer: the cluster does not support the consumer group protocol (KIP-848, Kafka 4.0 or later)');
}

/** Whether a broker offers ConsumerGroupHeartbeat (its ApiVersions answer). */
export function offersConsumerProtocol(broker: KafkajsBroker): boolean {
  return offers(broker, 'ConsumerGroupHeartbeat');
}

interface Owned {
  topicId: string;
  topic: string;
  partition: number;
}

const errorName = (code: number) => kafkajs().createErrorFromCode(code).message;

/**
 * Runs until `signal` aborts or `onRecord` returns false (as runGroupConsumer). Returns after
 * committing the position of every partition it owns and leaving the group.
 */
export async function runConsumerGroupMember(
  client: KafkaClient,
  options: ConsumerGroupMemberOptions,
  onRecord: RecordVisitor,
  afterSet: AfterSet,
  signal: AbortSignal,
): Promise<void> {
  const cluster: KafkajsCluster = await client.cluster();
  const groupId = options.groupId;
  const log = options.log;
  let coordinator: KafkajsBroker | null = await cluster.findGroupCoordinator({ groupId });
  if (!offersConsumerProtocol(coordinator)) throw unsupportedProtocol();
  const version = usableVersion(coordinator, 'ConsumerGroupHeartbeat', 0, 1);
  // From version 1 the member names itself (KIP-1082), with a UUID as Kafka writes one.
  let memberId = version >= 1 ? randomBytes(16).toString('base64url') : '';
  let epoch = 0;
  let joined = false;
  let stopped = signal.aborted;
  let fatal: unknown = null;

  /** Position per partition: one past the last record handed on, else where reading started. */
  const positions = new Map<string, { topic: string; partition: number; offset: number }>();
  /** The group's committed offset per partition, as last fetched or committed by this member. */
  const committed = new Map<string, number>();
  /** The partitions this member owns now: the ones fetched, handed on and committed. */
  const owned = new Map<string, Owned>();
  const { pause, wake } = wakeablePause();
  // A pattern is matched against the cluster's topics at each metadata refresh, as Kafka's
  // consumer does with a Pattern: a topic created later that matches joins the subscription,
  // and goes with the next heartbeat.
  const sub = await subscription(client, cluster, { groupId, kind: 'group', topics: options.topics, metadataMaxAgeMs: options.metadataMaxAgeMs, log, pause, stopped: () => stopped });
  const { names, gone } = sub;

  const { PartitionFetcher } = await import('./fetcher.js');
  const stop = () => {
    stopped = true;
    fetcher.stop();
    wake();
  };
  const fetcher = new PartitionFetcher(client, {
    readCommitted: options.readCommitted,
    ...options.fetchSizes,
    onLeaderless: options.onLeaderless,
    log,
    onTopicGone: forgetGoneTopic({ positions, owned, gone, topics: options.topics, stop, onTopicGone: options.onTopicGone }),
    resolve: async (parts) => {
      const found = await resetOffsets(parts);
      for (const f of found) {
        const k = tpKey(f.topic, f.partition);
        if (owned.has(k) && f.offset >= 0) positions.set(k, { ...f });
      }
      return found;
    },
  });
  signal.addEventListener('abort', stop, { once: true });
  // Stopped while joining (the listener was not there yet).
  if (signal.aborted) stop();

  const send = async <T>(req: ProtocolRequest): Promise<T> => {
    coordinator ??= await cluster.findGroupCoordinator({ groupId });
    const to = coordinator;
    try {
      const res = (await to.connectionPool.send({ ...req, requestTimeout: client.options.requestTimeout })) as T;
      brokerAnswers(cluster, to.nodeId, true);
      return res;
    } catch (err) {
      // No answer in time (a stopped broker): looked up again, from the other brokers first.
      if ((err as Error).name === 'KafkaJSRequestTimeoutError') {
        brokerAnswers(cluster, to.nodeId, false);
        if (coordinator === to) coordinator = null;
      }
      throw err;
    }
  };

  /** Where partitions without a committed offset start: the log start or end. */
  const resetOffsets = async (parts: Array<{ topic: string; partition: number }>) => {
    const byTopic = new Map<string, number[]>();
    for (const m of parts) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m.partition]);
    const { offsets } = await listOffsetsOf(client, [...byTopic].map(([topic, partitions]) => ({ topic, partitions })), options.fromBeginning ? EARLIEST : LATEST, options.readCommitted);
    return offsets;
  };

  // Commits go one at a time; each takes the positions as they are when it starts.
  let committing: Promise<void> = Promise.resolve();
  const commitNow = async (keys: string[]): Promise<void> => {
    const changed = keys.flatMap((k) => {
      const p = positions.get(k);
      return p && committed.get(k) !== p.offset ? [{ k, ...p }] : [];
    });
    if (changed.length === 0 || !joined) return;
    // A coordinator that moved (its broker stopped) is replaced once the controller fences that
    // broker and the new one has loaded the group: seconds, in which the group's coordinator is
    // "not available". Asked again with a backoff for up to a request timeout, as Kafka's
    // consumer retries a commit until its time bound.
    const until = Date.now() + client.options.requestTimeout;
    for (let stale = 0, backoff = 100; ; ) {
      const res = await send<Array<{ topic: string; partition: number; errorCode: number }>>(offsetCommit(groupId, memberId, epoch, changed));
      const failed = res.filter((r) => r.errorCode);
      for (const c of changed) if (!failed.some((f) => f.topic === c.topic && f.partition === c.partition)) committed.set(c.k, c.offset);
      if (failed.length === 0) return;
      const code = failed[0].errorCode;
      // A heartbeat moved the epoch on meanwhile: again, with what is known now.
      if (code === STALE_MEMBER_EPOCH && ++stale < 3) continue;
      if (COORDINATOR_MOVED.has(code) && Date.now() + backoff < until) {
        coordinator = null;
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 1000);
        continue;
      }
      throw new KfkError(`cannot commit offsets of group '${groupId}': ${errorName(code)}`);
    }
  };
  // At most one commit waits behind the one in flight, for the keys of every call meanwhile: a
  // coordinator that answers nothing does not collect a queue of commits (one a second), each
  // waiting its request timeout in turn, that heartbeats and the end wait behind.
  let queued: { keys: Set<string>; done: Promise<void> } | null = null;
  const commit = (keys: string[]): Promise<void> => {
    if (queued) {
      for (const k of keys) queued.keys.add(k);
      return queued.done;
    }
    const mine: { keys: Set<string>; done: Promise<void> } = { keys: new Set(keys), done: Promise.resolve() };
    mine.done = committing.then(() => {
      queued = null;
      return commitNow([...mine.keys]);
    });
    queued = mine;
    committing = mine.done.catch((err: Error) => log?.(`consume: commit failed: ${err.message}`));
    return mine.done;
  };

  /** Start positions of newly assigned partitions: the committed offset (or this member's own position, where further), else the reset position. */
  const startOffsets = async (parts: Owned[]): Promise<Array<{ topic: string; partition: number; offset: number }>> => {
    const byTopic = new Map<string, number[]>();
    for (const p of parts) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
    const res = await send<{ errorCode: number; offsets: FetchedOffset[] }>(offsetFetch(groupId, [...byTopic].map(([topic, partitions]) => ({ topic, partitions }))));
    if (res.errorCode) throw Object.assign(new Error(errorName(res.errorCode)), { code: res.errorCode });
    const found = new Map(res.offsets.map((o) => [tpKey(o.topic, o.partition), o.offset]));
    const out: Array<{ topic: string; partition: number; offset: number }> = [];
    const missing: Array<{ topic: string; partition: number }> = [];
    for (const p of parts) {
      const k = tpKey(p.topic, p.partition);
      const offset = found.get(k) ?? -1;
      const own = positions.get(k)?.offset ?? -1;
      if (offset >= 0) committed.set(k, offset);
      if (offset >= 0 || own >= 0) out.push({ topic: p.topic, partition: p.partition, offset: Math.max(offset, own) });
      else missing.push(p);
    }
    if (missing.length) {
      const reset = new Map((await resetOffsets(missing)).map((f) => [tpKey(f.topic, f.partition), f.offset]));
      for (const m of missing) out.push({ ...m, offset: reset.get(tpKey(m.topic, m.partition)) ?? -1 });
    }
    return out;
  };

  /** Takes the coordinator's assignment: gives up what is no longer in it (committed first), starts what is new. */
  const reconcile = async (assignment: OwnedTopicPartitions[]): Promise<boolean> => {
    if (assignment.some((t) => !names.has(t.topicId))) await sub.learnTopicIds();
    const target = new Map<string, Owned>();
    for (const t of assignment) {
      const topic = names.get(t.topicId);
      if (topic === undefined || gone.has(topic)) continue;
      for (const partition of t.partitions) target.set(tpKey(topic, partition), { topicId: t.topicId, topic, partition });
    }
    const revoked = [...owned.values()].filter((o) => !target.has(tpKey(o.topic, o.partition)));
    const added = [...target.values()].filter((o) => !owned.has(tpKey(o.topic, o.partition)));
    if (revoked.length) {
      const keys = revoked.map((o) => tpKey(o.topic, o.partition));
      // From here no record of these is handed on; their positions are final.
      for (const k of keys) owned.delete(k);
      fetcher.unassign(revoked);
      log?.(`consume: giving up ${revoked.map((o) => `${o.topic}-${o.partition}`).join(', ')}`);
      await commit(keys).catch((err: Error) => log?.(`consume: commit before giving partitions up failed: ${err.message}`));
    }
    if (added.length) {
      const starts = await startOffsets(added);
      for (const o of added) owned.set(tpKey(o.topic, o.partition), o);
      for (const s of starts) if (s.offset >= 0) positions.set(tpKey(s.topic, s.partition), { ...s });
      log?.(`consume: assigned ${starts.map((s) => `${s.topic}-${s.partition}@${s.offset}`).join(', ')}`);
      fetcher.assign(starts);
    }
    return revoked.length > 0 || added.length > 0;
  };

  const ownedByTopic = (): OwnedTopicPartitions[] => {
    const byId = new Map<string, number[]>();
    for (const o of owned.values()) byId.set(o.topicId, [...(byId.get(o.topicId) ?? []), o.partition]);
    return [...byId].map(([topicId, partitions]) => ({ topicId, partitions: partitions.sort((a, b) => a - b) }));
  };

  /**
   * The coordinator fenced this member: it lets go of every partition without committing (its
   * commits would be refused) and joins again (with a new member id under version 0).
   */
  const rejoin = async () => {
    fetcher.unassign([...owned.values()]);
    owned.clear();
    epoch = 0;
    joined = false;
    if (version === 0) memberId = '';
    await sub.resubscribe();
  };

  const errors = heartbeatErrors({ groupId, kind: 'consumer', unsupported: unsupportedProtocol, errorName, log, cluster, pause, forgetCoordinator: () => (coordinator = null), rejoin });
  const heartbeats = async (): Promise<void> => {
    let interval = 0;
    while (!stopped) {
      await sub.rematchIfDue();
      // The coordinator takes no member that subscribes to nothing: it joins once a topic matches.
      if (sub.topics.length === 0 && !joined) {
        await sub.waitMatching(sub.maxAgeMs);
        continue;
      }
      const res = await errors.beat(
        () =>
          send<HeartbeatResponse>(
            consumerGroupHeartbeat(
              {
                group: groupId,
                memberId,
                memberEpoch: epoch,
                rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 300_000,
                subscribedTopicNames: sub.topics,
                serverAssignor: options.serverAssignor,
                owned: ownedByTopic(),
              },
              version,
            ),
          ),
        () => stopped,
      );
      if (!res) continue;
      if (res.memberId) memberId = res.memberId;
      epoch = res.memberEpoch;
      joined = true;
      interval = res.heartbeatIntervalMs;
      // A changed assignment is reported back at once: the coordinator moves on when it knows.
      const changed = res.assignment ? await reconcile(res.assignment) : false;
      if (!changed) await sub.waitMatching(interval);
    }
  };

  let done = false;
  const reading = fetcher
    .run(async (set, decode) => {
      if (done) return;
      const k = tpKey(decode.topic, decode.partition);
      const entry = positions.get(k);
      if (!entry || !owned.has(k)) return;
      // Given up meanwhile: not handed on (its position was committed).
      if (await handOn(set, decode, entry, onRecord, afterSet, () => owned.has(k))) done = true;
      if (done) stop();
    })
    .catch((err: unknown) => {
      fatal ??= err;
      stop();
    });
  const commits = setInterval(() => {
    if (!stopped) commit([...owned.keys()]).catch(() => undefined);
  }, COMMIT_EVERY_MS);
  try {
    await heartbeats();
  } catch (err) {
    fatal ??= err;
  } finally {
    stopped = true;
    clearInterval(commits);
    fetcher.stop();
    await reading;
    await committing;
    signal.removeEventListener('abort', stop);
  }
  if (joined) {
    // As Kafka's consumer on close: commit every owned partition's position, then leave.
    await commit([...owned.keys()]).catch((err: Error) => {
      fatal ??= err;
    });
    await send(consumerGroupHeartbeat({ group: groupId, memberId, memberEpoch: -1, rebalanceTimeoutMs: -1, subscribedTopicNames: null, serverAssignor: null, owned: null }, version)).catch(() => undefined);
  }
  if (fatal) throw fatal;
  if (gone.size && options.topics.every((t) => typeof t === 'string' && gone.has(t))) {
    throw new KfkError(`topic '${[...gone].join(', ')}' was deleted while it was read`);
  }
}
