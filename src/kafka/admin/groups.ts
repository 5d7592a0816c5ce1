// Consumer groups as plain data: listing, members and assignments, committed offsets, lag,
// offset commits from outside the group (generation -1, as Kafka's admin client does), deletion.
// Both kinds kafka-consumer-groups shows: classic groups (JoinGroup/SyncGroup, described with
// DescribeGroups) and consumer groups of KIP-848 (ConsumerGroupHeartbeat, described with
// ConsumerGroupDescribe, asked first as Kafka's admin client does).
import { kafkajs } from '../wire/kafkajs.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { COORDINATOR_BUSY, coordinatorRetried, sendRetrying } from './group-coordinator.js';
import { askEveryBroker, type OnUnreachable } from './every-broker.js';
import { brokerError, offsetDelete } from '../protocol/admin-requests.js';
import { consumerGroupDescribe, deleteGroups as deleteGroupsRequest, listGroups as listGroupsRequest, offsetFetch, type DescribedConsumerGroup, type FetchedOffset, type ListedGroup } from '../protocol/group-requests.js';
import { LATEST, listOffsetsOf, tpKey, type PartitionOffset } from './offsets.js';
import { brokerRange, offers, takes } from '../protocol/versions.js';
import { javaHashOrder, javaStringHash } from './topics.js';
import type { ApiName } from '../protocol/request.js';

/** Group types as kafka-consumer-groups prints them. */
export const GROUP_TYPES = ['Classic', 'Consumer', 'Share', 'Streams'] as const;
/** The states of both kinds, as kafka-consumer-groups prints them. */
export const GROUP_STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'] as const;

const GROUP_ID_NOT_FOUND = 69;
const UNSUPPORTED_VERSION = 35;
const GROUP_AUTHORIZATION_FAILED = 30;

const canonical = (names: readonly string[], value: string | null, otherwise: string) => names.find((n) => n.toLowerCase() === (value ?? '').toLowerCase()) ?? (value ? value : otherwise);

export interface GroupListing {
  group: string;
  /** Classic or Consumer; Unknown where the cluster does not say (ListGroups before v5, Kafka 3.x). */
  type: string;
  state: string;
  protocolType: string;
  /** The assignment strategy (classic) or server-side assignor (consumer); only when asked for. */
  protocol?: string;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface GroupMember {
  memberId: string;
  instanceId: string | null;
  clientId: string;
  host: string;
  assignment: TopicPartition[];
  /** Consumer groups only (null in classic groups): the member's epoch and the assignment it is moving to. */
  memberEpoch: number | null;
  targetAssignment: TopicPartition[] | null;
  /** Consumer groups: true for a member of the new protocol, false for a classic member in the group; null when not known. */
  upgraded: boolean | null;
}

export interface GroupDescription {
  group: string;
  type: 'Classic' | 'Consumer';
  state: string;
  protocolType: string;
  protocol: string;
  coordinator: { id: number; host: string; port: number };
  members: GroupMember[];
  /** Consumer groups only. */
  groupEpoch: number | null;
  assignmentEpoch: number | null;
}

export interface GroupOffsetRow {
  group: string;
  topic: string;
  partition: number;
  /** null when the group has no committed offset for the partition. */
  currentOffset: number | null;
  /** The leader epoch the offset was committed with, when it was. */
  leaderEpoch: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

/**
 * kafkajs reports a group the user may not access as "Failed to find group coordinator" after
 * its retries: ask FindCoordinator once more directly to name the real reason.
 */
export async function groupAccess<T>(client: KafkaClient, group: string, step: () => Promise<T>): Promise<T> {
  try {
    return await coordinatorRetried(client, group, step);
  } catch (err) {
    if ((err as Error).name !== 'KafkaJSGroupCoordinatorNotFound') throw err;
    try {
      const broker = await client.anyBroker();
      await broker.findGroupCoordinator({ groupId: group, coordinatorType: 0 });
    } catch (probe) {
      if ((probe as { type?: string }).type === 'GROUP_AUTHORIZATION_FAILED') throw await notAuthorized(group);
    }
    throw err;
  }
}

async function notAuthorized(group: string): Promise<Error> {
  const { KfkError } = await import('../../errors.js');
  return new KfkError(`Not authorized to access group: ${group}`);
}

/** The newest version of `api` the broker takes, -1 when it offers none. */
const maxVersion = (broker: KafkajsBroker, api: ApiName): number => brokerRange(broker, api)?.maxVersion ?? -1;

/**
 * The groups of one kind (ListGroups v5 with its type filter) at every live broker, once each,
 * in the order kafka-share-groups and kafka-streams-groups print them: Kafka's admin client
 * gathers the listings in a HashMap by group id. `unsupported`: the error for a broker without
 * that kind (it lacks ListGroups v5 or `describeApi`); a broker that does not answer in time is
 * reported through `onUnreachable` and left out.
 */
export async function listGroupsOfType(
  client: KafkaClient,
  kind: { type: 'share' | 'streams'; describeApi: ApiName; unsupported: () => Error; state: (s: string | null) => string },
  onUnreachable?: OnUnreachable,
): Promise<Array<{ group: string; state: string }>> {
  const per = await askEveryBroker(
    client,
    async (broker, _nodeId, wait) => {
      if (!takes(broker, 'ListGroups', 5) || !offers(broker, kind.describeApi)) throw kind.unsupported();
      const res = (await broker.connectionPool.send({ ...listGroupsRequest(5, [kind.type]), requestTimeout: wait })) as { errorCode: number; groups: ListedGroup[] };
      if (res.errorCode) throw new (await import('../../errors.js')).KfkError(`cannot list ${kind.type} groups: ${kafkajs().createErrorFromCode(res.errorCode).type}`);
      return res.groups;
    },
    onUnreachable,
  );
  const unique = new Map<string, { group: string; state: string }>();
  for (const g of per.flatMap((a) => a.answer)) if (!unique.has(g.group)) unique.set(g.group, { group: g.group, state: kind.state(g.state) });
  return javaHashOrder([...unique.values()], (g) => javaStringHash(g.group));
}

/**
 * kafka-consumer-groups --list: the groups of protocol type `consumer` (or none, a group that
 * only has offsets) from a ListGroups to each live broker, in the order the brokers list them
 * (Kafka's tool prints them unsorted). A broker that does not answer (it died a moment ago and
 * the metadata still names it) is reported through `onUnreachable`, and the groups of the others
 * are listed. `withProtocol` also describes each group for its assignment strategy; a group
 * whose state or strategy cannot be read now shows 'Unknown' and no strategy.
 */
export async function listGroups(
  client: KafkaClient,
  opts: { withProtocol?: boolean; allTypes?: boolean; onUnreachable?: OnUnreachable } = {},
): Promise<GroupListing[]> {
  const listOf = async (broker: KafkajsBroker, _nodeId: number, wait: number): Promise<ListedGroup[]> => {
    const version = Math.min(5, maxVersion(broker, 'ListGroups'));
    if (version < 3) {
      // Before Kafka 2.4 (no flexible ListGroups): kafkajs' own request.
      const { groups } = (await broker.listGroups()) as { groups: Array<{ groupId: string; protocolType: string }> };
      return groups.map((g): ListedGroup => ({ group: g.groupId, protocolType: g.protocolType, state: null, type: null }));
    }
    const res = await sendRetrying(
      () => broker.connectionPool.send({ ...listGroupsRequest(version), requestTimeout: wait }) as Promise<{ errorCode: number; groups: ListedGroup[] }>,
      (r) => COORDINATOR_BUSY.has(r.errorCode),
    );
    if (res.errorCode) throw brokerError(res.errorCode, null);
    return res.groups;
  };
  // Without onUnreachable too, a broker that does not answer is left out (completions, config describe of every group).
  const perBroker = (await askEveryBroker(client, listOf, opts.onUnreachable ?? (() => undefined))).map((a) => a.answer);
  const unique = [...new Map(perBroker.flat().map((g) => [g.group, g])).values()];
  const listings: GroupListing[] = unique
    .filter((g) => opts.allTypes || g.protocolType === '' || g.protocolType === 'consumer')
    .map((g) => ({ group: g.group, type: canonical(GROUP_TYPES, g.type, 'Unknown'), state: canonical(GROUP_STATES, g.state, 'Unknown'), protocolType: g.protocolType }));
  // A broker before ListGroups v4 gives no state: it is described, as it is for --protocol.
  const toDescribe = listings.filter((g) => opts.withProtocol || g.state === 'Unknown');
  if (toDescribe.length) {
    const consumer = toDescribe.filter((g) => g.type === 'Consumer').map((g) => g.group);
    // Share and streams groups (listed with allTypes) keep what ListGroups says of them.
    const classic = toDescribe.filter((g) => g.type === 'Classic' || g.type === 'Unknown').map((g) => g.group);
    const described = new Map<string, { state: string; protocol: string }>();
    if (classic.length) {
      const admin = await client.admin();
      const describe = (ids: string[]) => admin.describeGroups(ids).then((d) => d.groups);
      // One coordinator that does not answer must not hide the state of the others' groups.
      const groups = await describe(classic).catch(async () => (await Promise.all(classic.map((g) => describe([g]).catch(() => [])))).flat());
      for (const g of groups) described.set(g.groupId, { state: g.state, protocol: g.protocol });
    }
    if (consumer.length) {
      const groups = await describeConsumerGroups(client, consumer).catch(async () => (await Promise.all(consumer.map((g) => describeConsumerGroups(client, [g]).catch(() => [])))).flat());
      for (const g of groups) if (!g.errorCode) described.set(g.group, { state: canonical(GROUP_STATES, g.state, 'Unknown'), protocol: g.assignorName });
    }
    for (const l of listings) {
      const d = described.get(l.group);
      if (opts.withProtocol) l.protocol = d?.protocol ?? '';
      if (l.state === 'Unknown' && d) l.state = d.state;
    }
  }
  return listings;
}

/** ConsumerGroupDescribe of these groups, one request per coordinator. */
async function describeConsumerGroups(client: KafkaClient, groups: string[]): Promise<DescribedConsumerGroup[]> {
  const cluster = await client.cluster();
  const byCoordinator = new Map<number, string[]>();
  for (const [group, meta] of await Promise.all(groups.map(async (g) => [g, await cluster.findGroupCoordinatorMetadata({ groupId: g })] as const))) {
    const id = (meta as { coordinator: { nodeId: number } }).coordinator.nodeId;
    (byCoordinator.get(id) ?? byCoordinator.set(id, []).get(id)!).push(group);
  }
  const answers = await Promise.all(
    [...byCoordinator].map(async ([nodeId, ids]) => {
      const broker = await cluster.findBroker({ nodeId });
      return consumerDescribe(client, broker, ids);
    }),
  );
  return answers.flat();
}

async function consumerDescribe(client: KafkaClient, coordinator: KafkajsBroker, groups: string[]): Promise<DescribedConsumerGroup[]> {
  const version = Math.min(1, maxVersion(coordinator, 'ConsumerGroupDescribe'));
  if (version < 0) return groups.map((group) => ({ errorCode: GROUP_ID_NOT_FOUND, errorMessage: null, group, state: '', groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [] }));
  return sendRetrying(
    () => coordinator.connectionPool.send({ ...consumerGroupDescribe(groups, version), requestTimeout: client.options.requestTimeout }) as Promise<DescribedConsumerGroup[]>,
    (r) => r.some((g) => COORDINATOR_BUSY.has(g.errorCode)),
  );
}

/** The group, or null when the broker knows no such group (state Dead). */
export async function describeGroup(client: KafkaClient, group: string): Promise<GroupDescription | null> {
  return groupAccess(client, group, () => describeGroupUnchecked(client, group));
}

async function describeGroupUnchecked(client: KafkaClient, group: string): Promise<GroupDescription | null> {
  const cluster = await client.cluster();
  const meta = (await cluster.findGroupCoordinatorMetadata({ groupId: group })) as { coordinator: { nodeId: number; host: string; port: number } };
  const coordinator = { id: meta.coordinator.nodeId, host: meta.coordinator.host, port: meta.coordinator.port };
  // A consumer group first; the coordinator answers GROUP_ID_NOT_FOUND for a classic group (or
  // none), and a cluster without consumer groups UNSUPPORTED_VERSION or nothing.
  const [described] = await consumerDescribe(client, await cluster.findBroker({ nodeId: coordinator.id }), [group]);
  if (described && described.errorCode !== GROUP_ID_NOT_FOUND && described.errorCode !== UNSUPPORTED_VERSION) {
    if (described.errorCode === GROUP_AUTHORIZATION_FAILED) throw await notAuthorized(group);
    if (described.errorCode) throw brokerError(described.errorCode, described.errorMessage);
    const tps = (a: DescribedConsumerGroup['members'][number]['assignment']) => a.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
    return {
      group,
      type: 'Consumer',
      state: canonical(GROUP_STATES, described.state, 'Unknown'),
      protocolType: 'consumer',
      protocol: described.assignorName,
      coordinator,
      members: described.members.map((m) => ({
        memberId: m.memberId,
        instanceId: m.instanceId,
        clientId: m.clientId,
        host: m.clientHost,
        assignment: tps(m.assignment),
        memberEpoch: m.memberEpoch,
        targetAssignment: tps(m.targetAssignment),
        upgraded: m.memberType === 1 ? true : m.memberType === 0 ? false : null,
      })),
      groupEpoch: described.groupEpoch,
      assignmentEpoch: described.assignmentEpoch,
    };
  }
  const admin = await client.admin();
  const { groups } = await admin.describeGroups([group]);
  const g = groups[0];
  if (!g || g.state === 'Dead') return null;
  const code = (g as { errorCode?: number }).errorCode;
  if (code) throw brokerError(code, null);
  const { AssignerProtocol } = kafkajs().kafkajs;
  const members = g.members.map((m): GroupMember => {
    const assignment: TopicPartition[] = [];
    if (g.protocolType === 'consumer' && m.memberAssignment && m.memberAssignment.length > 0) {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      for (const [topic, ps] of Object.entries(decoded?.assignment ?? {})) for (const partition of ps) assignment.push({ topic, partition });
    }
    return { memberId: m.memberId, instanceId: null, clientId: m.clientId, host: m.clientHost, assignment, memberEpoch: null, targetAssignment: null, upgraded: null };
  });
  return {
    group,
    type: 'Classic',
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    coordinator,
    members,
    groupEpoch: null,
    assignmentEpoch: null,
  };
}

export interface CommittedOffset extends PartitionOffset {
  /** -1 when the commit recorded none. */
  leaderEpoch: number;
}

/** Committed offsets of the group, for every partition it has committed for, sorted. */
export async function committedOffsets(client: KafkaClient, group: string): Promise<CommittedOffset[]> {
  const cluster = await client.cluster();
  const res = await groupAccess(client, group, async () => {
    const coordinator: KafkajsBroker = await cluster.findGroupCoordinator({ groupId: group });
    return sendRetrying(
      () => coordinator.connectionPool.send({ ...offsetFetch(group, null), requestTimeout: client.options.requestTimeout }) as Promise<{ errorCode: number; offsets: FetchedOffset[] }>,
      (r) => COORDINATOR_BUSY.has(r.errorCode),
    );
  });
  if (res.errorCode === GROUP_AUTHORIZATION_FAILED) throw await notAuthorized(group);
  if (res.errorCode) throw brokerError(res.errorCode, null);
  const bad = res.offsets.find((o) => o.errorCode);
  if (bad) throw brokerError(bad.errorCode, null);
  return res.offsets
    .map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/**
 * kafka-consumer-groups --describe rows: the partitions of members that have an assignment
 * (members with most partitions first), then partitions with a committed offset but no member.
 * `note` is told of partitions whose leader did not answer: their log end and lag are shown as
 * '-', as a leaderless one's are.
 */
export async function groupOffsetRows(client: KafkaClient, d: GroupDescription, note?: (line: string) => void): Promise<GroupOffsetRow[]> {
  const committed = (await committedOffsets(client, d.group)).filter((c) => c.offset >= 0);
  const committedBy = new Map(committed.map((c) => [tpKey(c.topic, c.partition), c]));
  const assigned = new Set<string>();
  const groups: Array<{ member: GroupMember | null; tps: Array<{ topic: string; partition: number }> }> = [];
  const withAssignment = d.members.filter((m) => m.assignment.length > 0).sort((a, b) => b.assignment.length - a.assignment.length);
  for (const m of withAssignment) {
    groups.push({ member: m, tps: m.assignment });
    for (const tp of m.assignment) assigned.add(tpKey(tp.topic, tp.partition));
  }
  const unassigned = committed.filter((c) => !assigned.has(tpKey(c.topic, c.partition)));
  if (unassigned.length) groups.push({ member: null, tps: unassigned });

  const byTopic = new Map<string, Set<number>>();
  for (const g of groups) for (const tp of g.tps) (byTopic.get(tp.topic) ?? byTopic.set(tp.topic, new Set()).get(tp.topic)!).add(tp.partition);
  const ends = new Map<string, number>();
  if (byTopic.size) {
    // A topic deleted since the commit has no log end: its rows show '-'.
    const { partitionsOf } = await import('./offsets.js');
    const live = await Promise.all([...byTopic.keys()].map((t) => partitionsOf(client, [t]).then((p) => p[0], () => null)));
    const wanted = live
      .filter((t): t is NonNullable<typeof t> => t !== null)
      .map((t) => ({ topic: t.topic, partitions: [...byTopic.get(t.topic)!].filter((p) => t.partitions.includes(p)).sort((a, b) => a - b) }));
    // A partition without a leader has no known log end either: '-', as kafka-consumer-groups shows it.
    if (wanted.length) {
      const { offsets, unread } = await listOffsetsOf(client, wanted, LATEST);
      for (const e of offsets) ends.set(tpKey(e.topic, e.partition), e.offset);
      const silent = new Map<string, string[]>();
      for (const u of unread) if (/did not answer$/.test(u.error)) silent.set(u.error, [...(silent.get(u.error) ?? []), `${u.topic}-${u.partition}`]);
      for (const [error, parts] of silent) note?.(`${error}: the log end offset and lag of ${parts.join(', ')} are not shown`);
    }
  }
  const rows: GroupOffsetRow[] = [];
  for (const g of groups) {
    const part = g.tps
      .map((tp) => {
        const k = tpKey(tp.topic, tp.partition);
        const commit = committedBy.get(k);
        const current = commit?.offset ?? null;
        const end = ends.get(k) ?? null;
        return {
          group: d.group,
          topic: tp.topic,
          partition: tp.partition,
          currentOffset: current,
          leaderEpoch: commit && commit.leaderEpoch >= 0 ? commit.leaderEpoch : null,
          logEndOffset: end,
          lag: current !== null && end !== null ? end - current : null,
          consumerId: g.member ? g.member.memberId : null,
          host: g.member ? g.member.host : null,
          clientId: g.member ? g.member.clientId : null,
        };
      })
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    rows.push(...part);
  }
  return rows;
}

/** Commits offsets for a group from outside it (the group must have no active members). */
export async function commitGroupOffsets(client: KafkaClient, group: string, offsets: PartitionOffset[]): Promise<void> {
  const cluster = await client.cluster();
  const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const o of offsets) (byTopic.get(o.topic) ?? byTopic.set(o.topic, []).get(o.topic)!).push({ partition: o.partition, offset: String(o.offset) });
  await groupAccess(client, group, async () => {
    const coordinator = await cluster.findGroupCoordinator({ groupId: group });
    const res = await coordinator.offsetCommit({
      groupId: group,
      groupGenerationId: -1,
      memberId: '',
      retentionTime: -1,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    });
    for (const t of (res?.responses ?? []) as Array<{ partitions: Array<{ errorCode: number }> }>) {
      for (const p of t.partitions) if (p.errorCode) throw brokerError(p.errorCode, null);
    }
  });
}

export interface DeleteResult {
  group: string;
  error: string | null;
  /** The broker's error code, when it gave one. */
  errorCode?: number;
}

/** DeleteGroups of each group at its coordinator (all at once): per group, the error or null. */
export async function deleteGroups(client: KafkaClient, groups: string[]): Promise<DeleteResult[]> {
  const cluster = await client.cluster();
  return Promise.all(
    groups.map(async (group): Promise<DeleteResult> => {
      const [r] = await groupAccess(client, group, async () => {
        const coordinator: KafkajsBroker = await cluster.findGroupCoordinator({ groupId: group });
        return sendRetrying(
          () => coordinator.connectionPool.send({ ...deleteGroupsRequest([group]), requestTimeout: client.options.requestTimeout }) as Promise<Array<{ group: string; errorCode: number }>>,
          (res) => COORDINATOR_BUSY.has(res[0]?.errorCode),
        );
      });
      return r?.errorCode ? { group, error: brokerError(r.errorCode, null).message, errorCode: r.errorCode } : { group, error: null };
    }),
  );
}

/** OffsetDelete: removes the group's committed offsets for these partitions; per-partition errors. */
export async function deleteGroupOffsets(
  client: KafkaClient,
  group: string,
  partitions: Array<{ topic: string; partition: number }>,
): Promise<{ error: { code: number; message: string } | null; partitions: Array<{ topic: string; partition: number; error: string | null; errorCode: number }> }> {
  const cluster = await client.cluster();
  return groupAccess(client, group, async () => {
    const coordinator: KafkajsBroker = await cluster.findGroupCoordinator({ groupId: group });
    return sendRetrying(
      () => coordinator.connectionPool.send({ ...offsetDelete(group, partitions), requestTimeout: client.options.requestTimeout }) as Promise<Awaited<ReturnType<typeof deleteGroupOffsets>>>,
      (res) => res.error !== null && COORDINATOR_BUSY.has(res.error.code),
    );
  });
}
