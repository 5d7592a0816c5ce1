// A member of a share group (KIP-932): records, not partitions, are shared among the members.
// The member heartbeats to the group coordinator (ShareGroupHeartbeat), which assigns it
// partitions that other members may hold too; it fetches from each partition's leader in a share
// session (ShareFetch), gets records *acquired* for it (with their delivery count), and
// acknowledges each one it handed on: ACCEPT (or RELEASE / REJECT, as asked) once the caller's
// `afterSet` resolved (the output was written), piggy-backed on the next ShareFetch. Acquired
// offsets without a record (control records) are acknowledged as GAP.
//
// On the stop (signal, or the visitor wanting no more) the records acquired but not handed on are
// released, what was handed on is acknowledged, each share session is closed (ShareAcknowledge,
// epoch -1) and the member leaves the group (epoch -1). A member that is killed acknowledges
// nothing: the broker gives its acquired records to another member (delivery count + 1) once its
// connection is gone or the acquisition lock runs out.
import { randomBytes } from 'node:crypto';
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker, KafkajsCluster } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { brokerAnswers, knownLeader, NO_LEADER, unanswering } from '../wire/metadata.js';
import { orderedWaitingId, type WaitingPartition } from './waiting.js';
import { subscription } from './subscription.js';
import type { ProtocolRequest } from '../wire/kafkajs-types.js';
import {
  ACK_GAP,
  ACK_RELEASE,
  SHARE_ERRORS,
  shareAcknowledge,
  shareFetch,
  shareGroupHeartbeat,
  type AckBatch,
  type ShareAckResponse,
  type ShareFetchResponse,
  type ShareHeartbeatResponse,
  type ShareTopicPartitions,
} from '../protocol/share-requests.js';
import { visitRecordSet, type RecordView } from '../records/decoder.js';
import { heartbeatErrors, wakeablePause } from './heartbeat-errors.js';
import { offers, usableVersion } from '../protocol/versions.js';

export interface ShareConsumerOptions {
  groupId: string;
  /** Topic names, or patterns matched against the cluster's topics when the member joins and at each metadata refresh. */
  topics: Array<string | RegExp>;
  /** How often patterns are matched again (Kafka: metadata.max.age.ms, 5 minutes). */
  metadataMaxAgeMs?: number;
  /** Records per ShareFetch (Kafka's max.poll.records, 500). */
  maxRecords?: number;
  /** The assigned partitions that cannot be read now (no leader, or one that does not answer), each time that set changes. */
  onLeaderless?: (parts: WaitingPartition[]) => void;
  log?: (line: string) => void;
}

/**
 * Called for each acquired record (a view valid during the call) with its delivery count.
 * Returns the acknowledgement type of a record it handed on, or null for one it did not take
 * (it wants no more): that record and the rest are released.
 */
export type ShareRecordVisitor = (v: RecordView, deliveryCount: number) => number | null;

const UNKNOWN_MEMBER_ID = 25;
const SESSION_ERRORS = new Set([122, 123]);
const LEADER_ERRORS = new Set([3, 6, 74, 75, 100]);
/** How long a ShareFetch waits on the broker for records (Kafka's fetch.max.wait.ms). */
const SHARE_FETCH_WAIT_MS = 500;

/** The one-line error for a cluster without share groups. */
export function unsupportedShareGroups(): KfkError {
  return new KfkError('cannot use a share group: the cluster does not support share groups (KIP-932, Kafka 4.1 or later with share.version enabled)');
}

/** Whether a broker offers the share group APIs (its ApiVersions answer). */
export function offersShareGroups(broker: KafkajsBroker): boolean {
  return offers(broker, 'ShareGroupHeartbeat') && offers(broker, 'ShareFetch');
}

export const errorName = (code: number): string => SHARE_ERRORS[code] ?? kafkajs().createErrorFromCode(code).type;

const key = (topicId: string, partition: number) => `${topicId}:${partition}`;

/** Acknowledgements of one partition as batches: runs of consecutive offsets of one type. */
export function ackBatches(acks: Map<number, number>): AckBatch[] {
  const offsets = [...acks.keys()].sort((a, b) => a - b);
  const out: AckBatch[] = [];
  for (const o of offsets) {
    const t = acks.get(o)!;
    const last = out[out.length - 1];
    if (last && last.lastOffset === o - 1 && last.types[0] === t) last.lastOffset = o;
    else out.push({ firstOffset: o, lastOffset: o, types: [t] });
  }
  return out;
}

interface Session {
  nodeId: number;
  epoch: number;
  /** Partitions (topicId:partition) in the share session. */
  members: Map<string, { topicId: string; partition: number }>;
  /** Acknowledgements not sent yet, per partition: offset -> type. */
  acks: Map<string, Map<number, number>>;
}

/**
 * Runs until `signal` aborts or the visitor takes no more. Returns after acknowledging what was
 * handed on, releasing the rest, closing the share sessions and leaving the group.
 */
export async function runShareConsumer(
  client: KafkaClient,
  options: ShareConsumerOptions,
  onRecord: ShareRecordVisitor,
  /**
   * Awaited after each fetched set: how many of the records handed on (in the order they were)
   * were written out; the rest (a closed pipe) are released. false: none; nothing: all.
   */
  afterSet: () => Promise<number | boolean | void>,
  signal: AbortSignal,
): Promise<void> {
  const cluster: KafkajsCluster = await client.cluster();
  const { groupId, log } = options;
  let coordinator: KafkajsBroker | null = await cluster.findGroupCoordinator({ groupId });
  if (!offersShareGroups(coordinator)) throw unsupportedShareGroups();
  const fetchVersion = usableVersion(coordinator, 'ShareFetch', 1, 2);
  const ackVersion = usableVersion(coordinator, 'ShareAcknowledge', 1, 2);
  const memberId = randomBytes(16).toString('base64url');
  let epoch = 0;
  let joined = false;
  let stopped = signal.aborted;
  let done = false;
  let fatal: unknown = null;

  const { pause, wake } = wakeablePause();
  // Patterns are matched again at each metadata refresh: a topic created later that matches
  // joins the subscription, with the next heartbeat.
  const sub = await subscription(client, cluster, { groupId, kind: 'share group', topics: options.topics, metadataMaxAgeMs: options.metadataMaxAgeMs, log, pause, stopped: () => stopped });
  const names = sub.names;

  /** The partitions the coordinator assigned this member. */
  let assigned = new Map<string, { topicId: string; topic: string; partition: number }>();
  const sessions = new Map<number, Session>();

  let assignmentChanged: (() => void) | null = null;
  /** Waits of the leaders' loops, which the end cuts short. */
  const sleepers = new Set<() => void>();
  let ending: (() => void) | null = null;
  const ended = new Promise<void>((resolve) => (ending = resolve));
  /** The reading ends: every wait is cut short, and ShareFetches in flight are given a little time. */
  const end = () => {
    ending?.();
    for (const wakeUp of [...sleepers]) wakeUp();
    assignmentChanged?.();
  };
  const stop = () => {
    stopped = true;
    wake();
    end();
  };
  signal.addEventListener('abort', stop, { once: true });
  // Stopped while joining (the listener was not there yet).
  if (signal.aborted) stop();

  const toCoordinator = async <T>(req: ProtocolRequest): Promise<T> => {
    coordinator ??= await cluster.findGroupCoordinator({ groupId });
    return (await coordinator.connectionPool.send({ ...req, requestTimeout: client.options.requestTimeout })) as T;
  };

  const startedAt = Date.now();
  /** Fenced: joins again, with nothing assigned until the coordinator answers. */
  const rejoin = () => {
    epoch = 0;
    joined = false;
    assigned = new Map();
  };
  const errors = heartbeatErrors({ groupId, kind: 'share', unsupported: unsupportedShareGroups, errorName, log, cluster, pause, forgetCoordinator: () => (coordinator = null), rejoin });
  const heartbeats = async (): Promise<void> => {
    /** The subscription changed since the last heartbeat: the next one carries it. */
    let changed = false;
    while (!stopped) {
      if (await sub.rematchIfDue()) changed = true;
      // The coordinator takes no member that subscribes to nothing: it joins once a topic matches.
      if (sub.topics.length === 0 && !joined) {
        if (await sub.waitMatching(sub.maxAgeMs)) changed = true;
        continue;
      }
      const res = await errors.beat(() => toCoordinator<ShareHeartbeatResponse>(shareGroupHeartbeat({ group: groupId, memberId, memberEpoch: epoch, subscribedTopicNames: epoch === 0 || changed ? sub.topics : null })), () => stopped);
      if (!res) continue;
      changed = false;
      epoch = res.memberEpoch;
      joined = true;
      if (res.assignment) {
        if (res.assignment.some((t) => !names.has(t.topicId))) await sub.learnTopicIds().catch(() => undefined);
        const next = new Map<string, { topicId: string; topic: string; partition: number }>();
        for (const t of res.assignment) {
          const topic = names.get(t.topicId);
          if (topic === undefined) continue;
          for (const partition of t.partitions) next.set(key(t.topicId, partition), { topicId: t.topicId, topic, partition });
        }
        assigned = next;
        log?.(`consume: share group '${groupId}' assigned ${[...next.values()].map((p) => `${p.topic}-${p.partition}`).join(', ') || 'nothing'}`);
        assignmentChanged?.();
      }
      // A new member's first answers may assign nothing yet (the coordinator assigns between
      // heartbeats): it asks again soon, for a while, rather than after a whole interval (5 s).
      const early = assigned.size === 0 && Date.now() - startedAt < 15_000;
      if (await sub.waitMatching(early ? Math.min(300, res.heartbeatIntervalMs) : res.heartbeatIntervalMs)) changed = true;
    }
  };

  const sessionOf = (nodeId: number): Session => {
    let s = sessions.get(nodeId);
    if (!s) sessions.set(nodeId, (s = { nodeId, epoch: 0, members: new Map(), acks: new Map() }));
    return s;
  };
  const takeAcks = (s: Session): Map<string, AckBatch[]> => {
    const out = new Map<string, AckBatch[]>();
    for (const [k, acks] of s.acks) if (acks.size) out.set(k, ackBatches(acks));
    s.acks.clear();
    return out;
  };
  const byTopic = (parts: Array<{ topicId: string; partition: number; acks: AckBatch[] }>): ShareTopicPartitions[] => {
    const m = new Map<string, ShareTopicPartitions>();
    for (const p of parts) {
      let t = m.get(p.topicId);
      if (!t) m.set(p.topicId, (t = { topicId: p.topicId, partitions: [] }));
      t.partitions.push({ partition: p.partition, acks: p.acks });
    }
    return [...m.values()];
  };
  const logAckErrors = (parts: Array<{ topicId: string; partition: number; errorCode: number; errorMessage: string | null }>) => {
    for (const p of parts) if (p.errorCode) log?.(`consume: acknowledgement for ${names.get(p.topicId) ?? p.topicId}-${p.partition} answered ${p.errorMessage ?? errorName(p.errorCode)}`);
  };

  /** One ShareFetch to one leader: what joins and leaves its session, and the acknowledgements. */
  const fetchFrom = async (s: Session, wanted: Map<string, { topicId: string; partition: number }>): Promise<ShareFetchResponse | null> => {
    const broker: KafkajsBroker = await cluster.findBroker({ nodeId: s.nodeId });
    const acks = s.epoch === 0 ? new Map<string, AckBatch[]>() : takeAcks(s);
    if (s.epoch === 0) s.acks.clear();
    const parts: Array<{ topicId: string; partition: number; acks: AckBatch[] }> = [];
    for (const [k, p] of wanted) if (s.epoch === 0 || !s.members.has(k) || acks.has(k)) parts.push({ ...p, acks: acks.get(k) ?? [] });
    const forgotten = s.epoch === 0 ? [] : [...s.members].filter(([k]) => !wanted.has(k)).map(([, p]) => p);
    const forgottenAcks = forgotten.filter((p) => acks.has(key(p.topicId, p.partition)));
    // A partition leaving the session takes its acknowledgements with it, in this request.
    for (const p of forgottenAcks) parts.push({ ...p, acks: acks.get(key(p.topicId, p.partition))! });
    const req = shareFetch(fetchVersion, {
      group: groupId,
      memberId,
      sessionEpoch: s.epoch,
      maxWaitMs: SHARE_FETCH_WAIT_MS,
      minBytes: 1,
      maxBytes: 50 * 1024 * 1024,
      maxRecords: options.maxRecords ?? 500,
      batchSize: options.maxRecords ?? 500,
      topics: byTopic(parts),
      forgotten: forgottenOf(forgotten.filter((p) => !forgottenAcks.includes(p))),
    });
    // Bounded by kfk itself too: a broker that took the connection and answers nothing.
    const limit = client.options.requestTimeout + SHARE_FETCH_WAIT_MS;
    const res = (await withDeadline(broker.connectionPool.send({ ...req, requestTimeout: limit + 1000 }), limit, `no answer within ${limit} ms`)) as ShareFetchResponse;
    if (res.errorCode) {
      if (SESSION_ERRORS.has(res.errorCode) || res.errorCode === UNKNOWN_MEMBER_ID) {
        log?.(`consume: share session with broker ${s.nodeId} answered ${res.errorMessage ?? errorName(res.errorCode)}: opening a new one`);
        s.epoch = 0;
        s.members.clear();
        return null;
      }
      throw new KfkError(`cannot fetch from share group '${groupId}': ${res.errorMessage ?? errorName(res.errorCode)}`);
    }
    s.epoch = s.epoch === 0 ? 1 : s.epoch + 1;
    if (s.epoch > 0x7fffffff - 1) s.epoch = 1;
    // Partitions that left with acknowledgements stay one request longer: forgotten with the next.
    const keep = new Set(forgottenAcks.map((p) => key(p.topicId, p.partition)));
    s.members = new Map([...s.members].filter(([k]) => wanted.has(k) || keep.has(k)));
    for (const [k, p] of wanted) s.members.set(k, p);
    logAckErrors(res.partitions.map((p) => ({ topicId: p.topicId, partition: p.partition, errorCode: p.ackErrorCode, errorMessage: p.ackErrorMessage })));
    return res;
  };
  const forgottenOf = (parts: Array<{ topicId: string; partition: number }>) => {
    const m = new Map<string, number[]>();
    for (const p of parts) (m.get(p.topicId) ?? m.set(p.topicId, []).get(p.topicId)!).push(p.partition);
    return [...m].map(([topicId, partitions]) => ({ topicId, partitions }));
  };
  /** Hands the acquired records of one partition on; returns their acknowledgements. */
  const handOn = async (p: ShareFetchResponse['partitions'][number], order: Array<[string, number]>): Promise<Map<number, number>> => {
    const acks = new Map<number, number>();
    if (p.acquired.length === 0) return acks;
    const topic = names.get(p.topicId) ?? p.topicId;
    const seen = new Set<number>();
    const ranges = [...p.acquired].sort((a, b) => a.firstOffset - b.firstOffset);
    const countOf = (offset: number): number => {
      for (const r of ranges) if (offset >= r.firstOffset && offset <= r.lastOffset) return r.deliveryCount;
      return -1;
    };
    await visitRecordSet(p.records, { topic, partition: p.partition, fromOffset: ranges[0].firstOffset, readCommitted: false, abortedTransactions: null }, (v) => {
      const count = countOf(v.offset);
      if (count < 0) return true;
      seen.add(v.offset);
      const type = stopped || done ? null : onRecord(v, count);
      if (type === null) {
        done = true;
        end();
        acks.set(v.offset, ACK_RELEASE);
      } else {
        acks.set(v.offset, type);
        order.push([key(p.topicId, p.partition), v.offset]);
      }
      return true;
    });
    for (const r of ranges) for (let o = r.firstOffset; o <= r.lastOffset; o++) if (!seen.has(o)) acks.set(o, ACK_GAP);
    return acks;
  };

  // Each leader has a loop of its own: one ShareFetch in flight, the records it acquired handed
  // on in turn with the other leaders' (the visitor and the output take one set at a time). A
  // leader that does not answer holds its own partitions only; they are named (onLeaderless)
  // until it answers again, as are partitions without a leader.
  const loops = new Map<number, Promise<void>>();
  /** Leaders whose last ShareFetch was not answered within the request timeout. */
  const silent = new Set<number>();
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const mine = turn.then(fn);
    turn = mine.catch(() => undefined);
    return mine;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        sleepers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      sleepers.add(done);
    });
  let refreshing: Promise<void> | null = null;
  /** One Metadata request at a time, bounded, shared by the loops that ask meanwhile. */
  const refresh = (): Promise<void> =>
    (refreshing ??= withDeadline(cluster.refreshMetadata(), client.options.requestTimeout, 'metadata request timed out')
      .catch(() => undefined)
      .finally(() => {
        refreshing = null;
      }));
  const wantedOf = (nodeId: number): Map<string, { topicId: string; partition: number }> => {
    const m = new Map<string, { topicId: string; partition: number }>();
    for (const [k, p] of assigned) if (knownLeader(cluster, p.topic, p.partition) === nodeId) m.set(k, { topicId: p.topicId, partition: p.partition });
    return m;
  };
  let waitingId = '';
  const reportWaiting = () => {
    if (stopped || done) return;
    const waiting: WaitingPartition[] = [];
    for (const p of assigned.values()) {
      const leader = knownLeader(cluster, p.topic, p.partition);
      if (leader === NO_LEADER) waiting.push({ topic: p.topic, partition: p.partition });
      else if (silent.has(leader)) waiting.push({ topic: p.topic, partition: p.partition, leader });
    }
    const id = orderedWaitingId(waiting);
    if (id === waitingId) return;
    waitingId = id;
    options.onLeaderless?.(waiting);
  };
  /**
   * At the end, a ShareFetch in flight is waited for a little (the records it acquired are then
   * released at once), not for the request timeout of a broker that does not answer (they are
   * then released when their acquisition lock runs out).
   */
  const stopping = ended.then(() => new Promise<null>((resolve) => setTimeout(() => resolve(null), SHARE_FETCH_WAIT_MS + 2000).unref()));

  /** Hands on one answer's records; true when a partition answered that its leader moved. */
  const handOnAnswer = async (s: Session, res: ShareFetchResponse): Promise<boolean> => {
    let moved = false;
    const handed: Array<[string, Map<number, number>]> = [];
    const order: Array<[string, number]> = [];
    for (const p of res.partitions) {
      if (p.errorCode) {
        log?.(`consume: share fetch of ${names.get(p.topicId) ?? p.topicId}-${p.partition} from broker ${s.nodeId} answered ${p.errorMessage ?? errorName(p.errorCode)}`);
        if (LEADER_ERRORS.has(p.errorCode)) moved = true;
        continue;
      }
      handed.push([key(p.topicId, p.partition), await handOn(p, order)]);
    }
    if (order.length === 0 && handed.every(([, acks]) => acks.size === 0)) return moved;
    // Acknowledged once the caller has written what was handed on; what it could not write
    // out (the pipe closed under it) is released, to be delivered again.
    const answer = await afterSet();
    const written = answer === false ? 0 : answer === true || answer === undefined ? order.length : answer;
    const unwritten = new Map(handed.map(([k]) => [k, new Set<number>()]));
    for (const [k, o] of order.slice(written)) unwritten.get(k)!.add(o);
    for (const [k, acks] of handed) {
      if (!acks.size) continue;
      const m = s.acks.get(k) ?? new Map<number, number>();
      for (const [o, t] of acks) m.set(o, unwritten.get(k)!.has(o) ? ACK_RELEASE : t);
      s.acks.set(k, m);
    }
    return moved;
  };

  /** Fetches from one leader until it leads none of the assigned partitions (then its session is closed). */
  const leaderLoop = async (nodeId: number): Promise<void> => {
    const s = sessionOf(nodeId);
    while (!stopped && !done) {
      const wanted = wantedOf(nodeId);
      if (wanted.size === 0) break;
      let res: ShareFetchResponse | null;
      try {
        res = await Promise.race([fetchFrom(s, wanted), stopping]);
        if (res === null && (stopped || done)) break;
        if (silent.delete(nodeId)) reportWaiting();
        if (unanswering(cluster, nodeId)) brokerAnswers(cluster, nodeId, true);
      } catch (err) {
        if (err instanceof KfkError) throw err;
        const timedOut = err instanceof DeadlineError || (err as Error).name === 'KafkaJSRequestTimeoutError';
        log?.(`consume: share fetch from broker ${nodeId} failed: ${(err as Error).message}; trying again`);
        s.epoch = 0;
        s.members.clear();
        if (timedOut) {
          silent.add(nodeId);
          // Metadata is asked of the other brokers meanwhile.
          brokerAnswers(cluster, nodeId, false);
          reportWaiting();
        }
        await refresh();
        await sleep(200);
        continue;
      }
      if (!res) {
        await sleep(200);
        continue;
      }
      const answer = res;
      if (await inTurn(() => handOnAnswer(s, answer))) await refresh();
    }
    if (s.epoch > 0 && !silent.has(nodeId)) await closeSession(s);
  };

  const reading = async (): Promise<void> => {
    while (!stopped && !done) {
      if (joined && assigned.size > 0) {
        let leaderless = false;
        const leaders = new Set<number>();
        for (const p of assigned.values()) {
          const leader = knownLeader(cluster, p.topic, p.partition);
          if (leader === NO_LEADER) leaderless = true;
          else leaders.add(leader);
        }
        for (const nodeId of leaders) {
          if (loops.has(nodeId)) continue;
          const loop = leaderLoop(nodeId)
            .catch((err: unknown) => {
              fatal ??= err;
              stop();
            })
            .finally(() => loops.delete(nodeId));
          loops.set(nodeId, loop);
        }
        reportWaiting();
        if (leaderless) void refresh();
      }
      await new Promise<void>((resolve) => {
        // Cleared when woken: a timer left would hold the process at its end.
        const tick = setTimeout(() => assignmentChanged?.(), 1000);
        assignmentChanged = () => {
          clearTimeout(tick);
          assignmentChanged = null;
          resolve();
        };
      });
    }
    await Promise.all([...loops.values()]);
  };

  /** Sends the session's acknowledgements with its close (epoch -1). */
  const closeSession = async (s: Session): Promise<void> => {
    const acks = takeAcks(s);
    const wasOpen = s.epoch > 0;
    s.epoch = 0;
    s.members.clear();
    if (!wasOpen) return;
    const parts = [...acks].map(([k, batches]) => {
      const [topicId, partition] = k.split(':');
      return { topicId, partition: Number(partition), acks: batches };
    });
    try {
      const broker: KafkajsBroker = await cluster.findBroker({ nodeId: s.nodeId });
      const res = (await broker.connectionPool.send({
        ...shareAcknowledge(ackVersion, { group: groupId, memberId, sessionEpoch: -1, topics: byTopic(parts) }),
        requestTimeout: client.options.requestTimeout,
      })) as ShareAckResponse;
      if (res.errorCode) log?.(`consume: closing the share session with broker ${s.nodeId} answered ${res.errorMessage ?? errorName(res.errorCode)}`);
      logAckErrors(res.partitions);
    } catch (err) {
      log?.(`consume: closing the share session with broker ${s.nodeId} failed: ${(err as Error).message}`);
    }
  };

  const beating = heartbeats().catch((err: unknown) => {
    fatal ??= err;
    stop();
  });
  try {
    await reading();
  } catch (err) {
    fatal ??= err;
  } finally {
    stop();
    await beating;
    signal.removeEventListener('abort', stop);
  }
  // As Kafka's share consumer on close: acknowledge, release what was not handed on, leave.
  await Promise.all([...sessions.values()].filter((s) => !silent.has(s.nodeId)).map((s) => closeSession(s)));
  if (joined) {
    await toCoordinator(shareGroupHeartbeat({ group: groupId, memberId, memberEpoch: -1, subscribedTopicNames: null })).catch(() => undefined);
  }
  if (fatal) throw fatal;
}
