// Streams groups (KIP-1071: Kafka Streams applications on the streams rebalance protocol) as
// plain data, as kafka-streams-groups asks for them: the listing (ListGroups with the type filter
// `streams`), a group's topology, members and tasks (StreamsGroupDescribe, at its coordinator),
// the offsets and lag of the input partitions its members' active tasks read (committed offsets,
// earliest and latest offsets), and DeleteGroups.
import type { OnUnreachable } from './every-broker.js';
import { COORDINATOR_BUSY, sendToCoordinator } from './group-coordinator.js';
import { committedOffsets, listGroupsOfType } from './groups.js';
import { EARLIEST, LATEST, listOffsetsOf } from './offsets.js';
import { deleteTopics } from './topics.js';
import { javaExceptionText } from '../wire/error-codes.js';
import { KfkError } from '../../errors.js';
import type { KafkaClient } from '../wire/client.js';
import { streamsGroupDescribe, type DescribedStreamsGroup, type StreamsMember, type StreamsSubtopology } from '../protocol/streams-requests.js';
import { usableVersion } from '../protocol/versions.js';
import { kafkajs } from '../wire/kafkajs.js';

export type { StreamsAssignment, StreamsMember, StreamsTasks } from '../protocol/streams-requests.js';

const GROUP_ID_NOT_FOUND = 69;

/** The one-line error for a cluster without streams groups. */
export function noStreamsGroups(): KfkError {
  return new KfkError('the cluster does not support streams groups (KIP-1071, Kafka 4.1 or later with streams.version enabled)');
}

export interface StreamsGroupListing {
  group: string;
  /** As Kafka's GroupState prints it: Empty, NotReady, Assigning, Reconciling, Stable, Dead; Unknown. */
  state: string;
}

/** GroupState.groupStatesForType(STREAMS), in the order kafka-streams-groups lists them. */
export const STREAMS_STATES = ['Empty', 'Stable', 'Assigning', 'Dead', 'NotReady', 'Reconciling'];
export const streamsState = (s: string | null) => (s ? (STREAMS_STATES.find((v) => v.toLowerCase() === s.toLowerCase()) ?? s) : 'Unknown');

const errorName = (code: number) => kafkajs().createErrorFromCode(code).type;

/** Every streams group of the cluster; a broker that does not answer in time is reported through `onUnreachable` and left out. */
export async function listStreamsGroups(client: KafkaClient, onUnreachable?: OnUnreachable): Promise<StreamsGroupListing[]> {
  return listGroupsOfType(client, { type: 'streams', describeApi: 'StreamsGroupDescribe', unsupported: noStreamsGroups, state: streamsState }, onUnreachable);
}

export interface StreamsGroupDescription {
  group: string;
  state: string;
  groupEpoch: number;
  targetAssignmentEpoch: number;
  topologyEpoch: number;
  assignor: string | null;
  coordinator: { id: number; host: string; port: number };
  subtopologies: StreamsSubtopology[];
  members: StreamsMember[];
}

/**
 * The group at its coordinator, or why the coordinator does not know it as a streams group (its
 * words: `Group g not found.`, `Group g is not a streams group.`).
 */
export async function describeStreamsGroup(client: KafkaClient, group: string): Promise<{ description: StreamsGroupDescription } | { missing: string }> {
  let info: StreamsGroupDescription['coordinator'] | undefined;
  const [d] = await sendToCoordinator<DescribedStreamsGroup[]>(
    client,
    group,
    { api: 'StreamsGroupDescribe', unsupported: noStreamsGroups },
    (broker) => streamsGroupDescribe(usableVersion(broker, 'StreamsGroupDescribe', 0, 1), [group]),
    (r) => COORDINATOR_BUSY.has(r[0]?.errorCode),
    (c) => (info = c.info),
  );
  if (d.errorCode === GROUP_ID_NOT_FOUND) return { missing: d.errorMessage ?? `Group ${group} not found.` };
  if (d.errorCode) throw new KfkError(`cannot describe streams group '${group}': ${d.errorMessage ?? errorName(d.errorCode)}`);
  return {
    description: {
      group: d.group,
      state: streamsState(d.state),
      groupEpoch: d.groupEpoch,
      targetAssignmentEpoch: d.assignmentEpoch,
      topologyEpoch: d.topology?.epoch ?? -1,
      assignor: d.assignorName,
      coordinator: info!,
      subtopologies: d.topology?.subtopologies ?? [],
      members: d.members,
    },
  };
}

/** A row of kafka-streams-groups --describe --offsets: an input partition of the group's active tasks. */
export interface StreamsOffsetRow {
  topic: string;
  partition: number;
  /** The committed offset; null: none. */
  current: number | null;
  leaderEpoch: number | null;
  /** null: not known now (the partition has no leader, or its leader did not answer). */
  logEnd: number | null;
  /** Log end less the committed offset, or less the log start without a commit; null where either is not known. */
  lag: number | null;
}

/** The input partitions of the members' active tasks: of each task's subtopology, its source and repartition source topics. */
export function activeInputPartitions(d: StreamsGroupDescription): Array<{ topic: string; partition: number }> {
  const topics = new Map(d.subtopologies.map((s) => [s.subtopologyId, [...s.sourceTopics, ...s.repartitionSourceTopics]]));
  const out = new Map<string, { topic: string; partition: number }>();
  for (const m of d.members)
    for (const task of m.assignment.active) {
      const inputs = topics.get(task.subtopologyId);
      if (!inputs) throw new KfkError(`Subtopology ${task.subtopologyId} not found in group description!`);
      for (const topic of inputs) for (const partition of task.partitions) out.set(`${topic}\u0000${partition}`, { topic, partition });
    }
  return [...out.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/**
 * Offsets and lag of the group's active input partitions, in topic and partition order. A
 * partition without a leader (or whose leader does not answer) has no log end or lag now: it is
 * shown so, and `note` says which, as kfk group describe does.
 */
export async function streamsGroupOffsets(client: KafkaClient, d: StreamsGroupDescription, note?: (line: string) => void): Promise<StreamsOffsetRow[]> {
  const tps = activeInputPartitions(d);
  if (tps.length === 0) return [];
  const wanted = [...new Set(tps.map((t) => t.topic))].map((topic) => ({ topic, partitions: tps.filter((t) => t.topic === topic).map((t) => t.partition) }));
  const key = (t: { topic: string; partition: number }) => `${t.topic}\u0000${t.partition}`;
  const [earliest, latest, committed] = await Promise.all([listOffsetsOf(client, wanted, EARLIEST), listOffsetsOf(client, wanted, LATEST), committedOffsets(client, d.group)]);
  const start = new Map(earliest.offsets.map((o) => [key(o), o.offset]));
  const end = new Map(latest.offsets.map((o) => [key(o), o.offset]));
  const commit = new Map(committed.filter((c) => c.offset >= 0).map((c) => [key(c), c]));
  const unread = [...new Set([...earliest.unread, ...latest.unread].map((u) => `${u.topic}-${u.partition}`))];
  if (unread.length) note?.(`no leader answers for ${unread.join(', ')}: their log end offset and lag are not shown`);
  return tps.map((tp) => {
    const logEnd = end.get(key(tp)) ?? null;
    const c = commit.get(key(tp));
    const from = c ? c.offset : (start.get(key(tp)) ?? null);
    return {
      ...tp,
      current: c ? c.offset : null,
      leaderEpoch: c && c.leaderEpoch >= 0 ? c.leaderEpoch : null,
      logEnd,
      lag: logEnd === null || from === null ? null : logEnd - from,
    };
  });
}

/** Names Kafka Streams gives its internal topics (kafka-streams-groups' StreamsGroupService#matchesInternalTopicFormat). */
function internalTopicName(topic: string): boolean {
  return (
    /-(changelog|repartition|subscription-registration-topic|subscription-response-topic)$/.test(topic) || /^.+-KTABLE-FK-JOIN-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\d+-topic$/.test(topic)
  );
}

/**
 * The group's internal topics as kafka-streams-groups finds them: the repartition and changelog
 * topics of its topology that are not also source topics, named as Kafka Streams names them
 * (`<application.id>-...-changelog`, `-repartition`, ...); `notInferred`: the others, which the
 * tool leaves (and says so).
 */
export function internalTopics(d: StreamsGroupDescription): { topics: string[]; notInferred: string[] } {
  const sources = new Set(d.subtopologies.flatMap((s) => s.sourceTopics));
  const candidates = [...new Set(d.subtopologies.flatMap((s) => [...s.repartitionSourceTopics, ...s.stateChangelogTopics]))].filter((t) => !sources.has(t));
  const inferred = (t: string) => t.startsWith(`${d.group}-`) && internalTopicName(t);
  return { topics: candidates.filter(inferred), notInferred: candidates.filter((t) => !inferred(t)) };
}

/** Deletes a group's internal topics: null, or why not, as Kafka's admin client words the error (`class: message`). */
export async function deleteInternalTopics(client: KafkaClient, topics: string[]): Promise<string | null> {
  try {
    await deleteTopics(client, topics);
    return null;
  } catch (err) {
    const e = err as Error & { errorCode?: number };
    if (typeof e.errorCode !== 'number') throw err;
    return javaExceptionText(e.errorCode, e.message);
  }
}
