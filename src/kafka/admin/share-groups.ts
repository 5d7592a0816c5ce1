// Share groups (KIP-932) as plain data, as kafka-share-groups asks for them: the listing
// (ListGroups with the type filter `share`), a group's members and epochs (ShareGroupDescribe),
// its start offsets and lag per partition (DescribeShareGroupOffsets), and the changes
// (AlterShareGroupOffsets, DeleteShareGroupOffsets, DeleteGroups). Every group request goes to
// the group's coordinator.
import type { OnUnreachable } from './every-broker.js';
import { listGroupsOfType } from './groups.js';
import { COORDINATOR_BUSY, sendToCoordinator, type GroupCoordinator, type GroupKind } from './group-coordinator.js';
import { KfkError } from '../../errors.js';
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { deleteGroups } from '../protocol/group-requests.js';
import {
  alterShareGroupOffsets,
  deleteShareGroupOffsets,
  describeShareGroupOffsets,
  shareGroupDescribe,
  SHARE_ERRORS,
  type DescribedShareGroup,
  type ShareGroupOffset,
  type SharePartitionResult,
} from '../protocol/share-requests.js';
import type { ProtocolRequest } from '../wire/kafkajs-types.js';
import { kafkajs } from '../wire/kafkajs.js';
import { usableVersion } from '../protocol/versions.js';

const GROUP_ID_NOT_FOUND = 69;

/** The one-line error for a cluster without share groups. */
export function noShareGroups(): KfkError {
  return new KfkError('the cluster does not support share groups (KIP-932, Kafka 4.1 or later with share.version enabled)');
}

export const shareErrorName = (code: number): string => SHARE_ERRORS[code] ?? kafkajs().createErrorFromCode(code).type;

export interface ShareGroupListing {
  group: string;
  /** Stable, Empty, Dead (as Kafka's GroupState prints them), Unknown. */
  state: string;
}

const STATES: Record<string, string> = { stable: 'Stable', empty: 'Empty', dead: 'Dead' };
export const shareState = (s: string | null) => (s ? (STATES[s.toLowerCase()] ?? s) : 'Unknown');

/** Every share group of the cluster; a broker that does not answer in time is reported through `onUnreachable` and left out. */
export async function listShareGroups(client: KafkaClient, onUnreachable?: OnUnreachable): Promise<ShareGroupListing[]> {
  return listGroupsOfType(client, { type: 'share', describeApi: 'ShareGroupDescribe', unsupported: noShareGroups, state: shareState }, onUnreachable);
}

export interface ShareGroupDescription {
  group: string;
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignor: string;
  coordinator: { id: number; host: string; port: number };
  members: Array<{ memberId: string; host: string; clientId: string; memberEpoch: number; rackId: string | null; assignment: Array<{ topic: string; partition: number }> }>;
}

const SHARE: GroupKind = { api: 'ShareGroupDescribe', unsupported: noShareGroups };
const send = <T>(client: KafkaClient, group: string, req: ProtocolRequest | ((coordinator: KafkajsBroker) => ProtocolRequest), busy: (r: T) => boolean, at?: (c: GroupCoordinator) => void) =>
  sendToCoordinator<T>(client, group, SHARE, req, busy, at);

/** The group, or null where the coordinator does not know it (GROUP_ID_NOT_FOUND: it does not exist, or is not a share group). */
export async function describeShareGroup(client: KafkaClient, group: string): Promise<ShareGroupDescription | null> {
  let info: GroupCoordinator['info'] | undefined;
  const [d] = await send<DescribedShareGroup[]>(client, group, shareGroupDescribe([group]), (r) => COORDINATOR_BUSY.has(r[0]?.errorCode), (c) => (info = c.info));
  if (d.errorCode === GROUP_ID_NOT_FOUND) return null;
  if (d.errorCode) throw new KfkError(`cannot describe share group '${group}': ${d.errorMessage ?? shareErrorName(d.errorCode)}`);
  return {
    group: d.group,
    state: shareState(d.state),
    groupEpoch: d.groupEpoch,
    assignmentEpoch: d.assignmentEpoch,
    assignor: d.assignorName,
    coordinator: info!,
    members: d.members.map((m) => ({
      memberId: m.memberId,
      host: m.clientHost,
      clientId: m.clientId,
      memberEpoch: m.memberEpoch,
      rackId: m.rackId,
      assignment: m.assignment.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
    })),
  };
}

/** The group's start offset, leader epoch and lag of every partition it has state for (null: none known). */
export async function shareGroupOffsets(client: KafkaClient, group: string): Promise<Array<{ topic: string; partition: number; startOffset: number | null; leaderEpoch: number | null; lag: number | null }>> {
  const res = await send<{ errorCode: number; errorMessage: string | null; offsets: ShareGroupOffset[] }>(
    client,
    group,
    (broker) => describeShareGroupOffsets(usableVersion(broker, 'DescribeShareGroupOffsets', 0, 1), group, null),
    (r) => COORDINATOR_BUSY.has(r.errorCode),
  );
  if (res.errorCode) throw new KfkError(`cannot describe the offsets of share group '${group}': ${res.errorMessage ?? shareErrorName(res.errorCode)}`);
  return res.offsets.map((o) => {
    const known = o.errorCode === 0 && o.startOffset >= 0;
    return {
      topic: o.topic,
      partition: o.partition,
      startOffset: known ? o.startOffset : null,
      leaderEpoch: known && o.leaderEpoch >= 0 ? o.leaderEpoch : null,
      lag: known && o.lag >= 0 ? o.lag : null,
    };
  });
}

export async function alterShareOffsets(client: KafkaClient, group: string, plan: Array<{ topic: string; partition: number; offset: number }>): Promise<void> {
  const res = await send<{ errorCode: number; errorMessage: string | null; results: SharePartitionResult[] }>(client, group, alterShareGroupOffsets(group, plan), (r) => COORDINATOR_BUSY.has(r.errorCode));
  if (res.errorCode) throw new KfkError(res.errorMessage ?? shareErrorName(res.errorCode));
  const failed = res.results.find((r) => r.errorCode);
  if (failed) throw new KfkError(`cannot reset ${failed.topic}-${failed.partition}: ${failed.errorMessage ?? shareErrorName(failed.errorCode)}`);
}

export interface TopicResult {
  topic: string;
  errorCode: number;
  errorMessage: string | null;
}

export async function deleteShareOffsets(client: KafkaClient, group: string, topics: string[]): Promise<{ errorCode: number; errorMessage: string | null; results: TopicResult[] }> {
  return send<{ errorCode: number; errorMessage: string | null; results: TopicResult[] }>(client, group, deleteShareGroupOffsets(group, topics), (r) => COORDINATOR_BUSY.has(r.errorCode));
}

/** DeleteGroups of share groups, each to its coordinator: per group, its error code (0: deleted). */
export async function deleteShareGroups(client: KafkaClient, groups: string[]): Promise<Array<{ group: string; errorCode: number }>> {
  const out: Array<{ group: string; errorCode: number }> = [];
  for (const group of groups) {
    const [r] = await send<Array<{ group: string; errorCode: number }>>(client, group, deleteGroups([group]), (res) => COORDINATOR_BUSY.has(res[0]?.errorCode));
    out.push({ group, errorCode: r?.errorCode ?? 0 });
  }
  return out;
}
