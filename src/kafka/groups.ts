// Consumer groups as plain data: listing, members and assignments, committed offsets, lag,
// offset commits from outside the group (generation -1, as Kafka's admin client does), deletion.
import { kafkajs } from './kafkajs.js';
import type { KafkaClient, KafkajsBroker } from './client.js';
import { isConnectionError } from './failures.js';
import { readMetadata } from './metadata.js';
import { brokerError, offsetDelete } from './protocol/admin-requests.js';
import { LATEST, listOffsetsOf, tpKey, type PartitionOffset } from './offsets.js';


export interface GroupListing {
  group: string;
  state: string;
  protocolType: string;
  protocol: string;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignment: Array<{ topic: string; partition: number }>;
}

export interface GroupDescription {
  group: string;
  state: string;
  protocolType: string;
  protocol: string;
  coordinator: { id: number; host: string; port: number };
  members: GroupMember[];
}

export interface GroupOffsetRow {
  group: string;
  topic: string;
  partition: number;
  /** null when the group has no committed offset for the partition. */
  currentOffset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

/**
 * A coordinator that does not answer (its broker died a moment ago, and the group moves to
 * another once the cluster notices) is asked again, with fresh metadata, for up to the
 * command's timeout.
 */
async function coordinatorRetried<T>(client: KafkaClient, step: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + client.options.requestTimeout;
  for (let wait = 250; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await step();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() + wait >= deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
      await (await client.cluster()).refreshMetadata().catch(() => undefined);
    }
  }
}

/**
 * kafkajs reports a group the user may not access as "Failed to find group coordinator" after
 * its retries: ask FindCoordinator once more directly to name the real reason.
 */
export async function groupAccess<T>(client: KafkaClient, group: string, step: () => Promise<T>): Promise<T> {
  try {
    return await coordinatorRetried(client, step);
  } catch (err) {
    if ((err as Error).name !== 'KafkaJSGroupCoordinatorNotFound') throw err;
    try {
      const broker = await client.anyBroker();
      await broker.findGroupCoordinator({ groupId: group, coordinatorType: 0 });
    } catch (probe) {
      if ((probe as { type?: string }).type === 'GROUP_AUTHORIZATION_FAILED') {
        const { KfkError } = await import('../errors.js');
        throw new KfkError(`Not authorized to access group: ${group}`);
      }
    }
    throw err;
  }
}

/**
 * Every group, from a ListGroups to each live broker. A broker that does not answer (it died a
 * moment ago and the metadata still names it) is reported through `onUnreachable`, and the
 * groups of the others are listed; a group whose state cannot be read now shows 'Unknown'.
 */
export async function listGroups(client: KafkaClient, onUnreachable?: (nodeId: number, why: string) => void): Promise<GroupListing[]> {
  const cluster = await client.cluster();
  const { brokers } = await readMetadata(cluster);
  const answers = await Promise.all(
    brokers.map(async ({ nodeId }) => {
      try {
        const broker: KafkajsBroker = await cluster.findBroker({ nodeId });
        const res = (await broker.listGroups()) as { groups: Array<{ groupId: string; protocolType: string }> };
        return res.groups;
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        onUnreachable?.(nodeId, (err as Error).message);
        return [];
      }
    }),
  );
  const groups = [...new Map(answers.flat().map((g) => [g.groupId, g])).values()];
  if (groups.length === 0) return [];
  const admin = await client.admin();
  const describe = (ids: string[]) => admin.describeGroups(ids).then((d) => d.groups);
  // One coordinator that does not answer must not hide the state of the others' groups.
  const described = await describe(groups.map((g) => g.groupId)).catch(async () =>
    (await Promise.all(groups.map((g) => describe([g.groupId]).catch(() => [])))).flat(),
  );
  const byId = new Map(described.map((g) => [g.groupId, g]));
  return groups
    .map((g) => ({
      group: g.groupId,
      state: byId.get(g.groupId)?.state ?? 'Unknown',
      protocolType: g.protocolType,
      protocol: byId.get(g.groupId)?.protocol ?? '',
    }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/** The group, or null when the broker knows no such group (state Dead). */
export async function describeGroup(client: KafkaClient, group: string): Promise<GroupDescription | null> {
  return groupAccess(client, group, () => describeGroupUnchecked(client, group));
}

async function describeGroupUnchecked(client: KafkaClient, group: string): Promise<GroupDescription | null> {
  const admin = await client.admin();
  const cluster = await client.cluster();
  const [{ groups }, meta] = await Promise.all([
    admin.describeGroups([group]),
    cluster.findGroupCoordinatorMetadata({ groupId: group }) as Promise<{ coordinator: { nodeId: number; host: string; port: number } }>,
  ]);
  const g = groups[0];
  if (!g || g.state === 'Dead') return null;
  const code = (g as { errorCode?: number }).errorCode;
  if (code) throw brokerError(code, null);
  const { AssignerProtocol } = kafkajs().kafkajs;
  const members = g.members.map((m) => {
    const assignment: GroupMember['assignment'] = [];
    if (g.protocolType === 'consumer' && m.memberAssignment && m.memberAssignment.length > 0) {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      for (const [topic, ps] of Object.entries(decoded?.assignment ?? {})) for (const partition of ps) assignment.push({ topic, partition });
    }
    return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignment };
  });
  return {
    group,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    coordinator: { id: meta.coordinator.nodeId, host: meta.coordinator.host, port: meta.coordinator.port },
    members,
  };
}

/** Committed offsets of the group (all topics it has committed for, or only `topics`). */
export async function committedOffsets(client: KafkaClient, group: string, topics?: string[]): Promise<PartitionOffset[]> {
  const admin = await client.admin();
  const res = await groupAccess(client, group, () => admin.fetchOffsets({ groupId: group, topics }));
  const out: PartitionOffset[] = [];
  for (const t of res) for (const p of t.partitions) out.push({ topic: t.topic, partition: p.partition, offset: Number(p.offset) });
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/**
 * kafka-consumer-groups --describe rows: the partitions of members that have an assignment
 * (members with most partitions first), then partitions with a committed offset but no member.
 */
export async function groupOffsetRows(client: KafkaClient, d: GroupDescription): Promise<GroupOffsetRow[]> {
  const committed = (await committedOffsets(client, d.group)).filter((c) => c.offset >= 0);
  const committedBy = new Map(committed.map((c) => [tpKey(c.topic, c.partition), c.offset]));
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
    if (wanted.length) for (const e of (await listOffsetsOf(client, wanted, LATEST)).offsets) ends.set(tpKey(e.topic, e.partition), e.offset);
  }
  const rows: GroupOffsetRow[] = [];
  for (const g of groups) {
    const part = g.tps
      .map((tp) => {
        const k = tpKey(tp.topic, tp.partition);
        const current = committedBy.get(k) ?? null;
        const end = ends.get(k) ?? null;
        return {
          group: d.group,
          topic: tp.topic,
          partition: tp.partition,
          currentOffset: current,
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
  const coordinator = await cluster.findGroupCoordinator({ groupId: group });
  const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const o of offsets) (byTopic.get(o.topic) ?? byTopic.set(o.topic, []).get(o.topic)!).push({ partition: o.partition, offset: String(o.offset) });
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
}

export interface DeleteResult {
  group: string;
  error: string | null;
}

export async function deleteGroups(client: KafkaClient, groups: string[]): Promise<DeleteResult[]> {
  const admin = await client.admin();
  try {
    await admin.deleteGroups(groups);
    return groups.map((group) => ({ group, error: null }));
  } catch (err) {
    const e = err as { groups?: Array<{ groupId: string; errorCode: number; error?: Error }>; message: string };
    if (!e.groups) throw err;
    const failed = new Map(e.groups.filter((g) => g.errorCode).map((g) => [g.groupId, g.error?.message ?? e.message]));
    return groups.map((group) => ({ group, error: failed.get(group) ?? null }));
  }
}

/** OffsetDelete: removes the group's committed offsets for these partitions; per-partition errors. */
export async function deleteGroupOffsets(
  client: KafkaClient,
  group: string,
  partitions: Array<{ topic: string; partition: number }>,
): Promise<{ error: { code: number; message: string } | null; partitions: Array<{ topic: string; partition: number; error: string | null }> }> {
  const cluster = await client.cluster();
  const coordinator = await cluster.findGroupCoordinator({ groupId: group });
  return (await coordinator.connectionPool.send({ ...offsetDelete(group, partitions), requestTimeout: 30_000 })) as Awaited<ReturnType<typeof deleteGroupOffsets>>;
}
