// kafka-share-groups' text layouts (Kafka 4.4's ShareGroupCommand): space-padded columns, each
// line introduced by a newline, '-' for a missing value.
import type { ShareGroupDescription, ShareGroupListing } from '../kafka/admin/share-groups.js';
import { assignmentText } from './group-text.js';

const MISSING = '-';
const pad = (s: string, width: number) => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const widest = (min: number, values: string[]) => values.reduce((w, v) => Math.max(w, v.length), min);
const cell = (v: number | null) => (v === null ? MISSING : String(v));

export interface ShareOffsetRow {
  topic: string;
  partition: number;
  startOffset: number | null;
  leaderEpoch: number | null;
  lag: number | null;
}

/** --list: ids, one a line; with --state a GROUP / STATE table. */
export function shareListText(groups: ShareGroupListing[], withState: boolean): string {
  if (!withState) return groups.map((g) => g.group + '\n').join('');
  const w = widest(15, groups.map((g) => g.group));
  return [`${pad('GROUP', w)} STATE\n`, ...groups.map((g) => `${pad(g.group, w)} ${g.state}\n`)].join('');
}

/** --describe (--offsets): START-OFFSET and LAG per partition, sorted; --verbose adds LEADER-EPOCH. */
export function shareOffsetsText(group: string, rows: ShareOffsetRow[], verbose: boolean): string {
  if (rows.length === 0) return `\nShare group '${group}' has no offset information.\n`;
  const sorted = [...rows].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  const gw = widest(15, [group]);
  const tw = widest(15, sorted.map((r) => r.topic));
  const line = (c: string[]) => (verbose ? `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${pad(c[3], 13)} ${pad(c[4], 13)} ${c[5]}` : `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${pad(c[4], 13)} ${c[5]}`);
  return (
    line(['GROUP', 'TOPIC', 'PARTITION', 'LEADER-EPOCH', 'START-OFFSET', 'LAG']) +
    sorted.map((r) => line([group, r.topic, String(r.partition), cell(r.leaderEpoch), cell(r.startOffset), cell(r.lag)])).join('') +
    '\n'
  );
}

/** --describe --state; --verbose adds GROUP-EPOCH and ASSIGNMENT-EPOCH. */
export function shareStateText(d: ShareGroupDescription, verbose: boolean): string {
  const gw = widest(15, [d.group]);
  const coordinator = `${d.coordinator.host}:${d.coordinator.port}  (${d.coordinator.id})`;
  const cw = widest(25, [coordinator]);
  const line = (c: string[]) => (verbose ? `\n${pad(c[0], gw)} ${pad(c[1], cw)} ${pad(c[2], 15)} ${pad(c[3], 12)} ${pad(c[4], 17)} ${c[5]}` : `\n${pad(c[0], gw)} ${pad(c[1], cw)} ${pad(c[2], 15)} ${c[5]}`);
  return (
    line(['GROUP', 'COORDINATOR (ID)', 'STATE', 'GROUP-EPOCH', 'ASSIGNMENT-EPOCH', '#MEMBERS']) +
    line([d.group, coordinator, d.state, String(d.groupEpoch), String(d.assignmentEpoch), String(d.members.length)]) +
    '\n'
  );
}

/** `topic:0,1;other:2` as kafka-share-groups writes an assignment: kafka-consumer-groups' form, but nothing for none. */
export function shareAssignmentText(tps: Array<{ topic: string; partition: number }>): string {
  return tps.length === 0 ? '' : assignmentText(tps);
}

/** --describe --members, sorted by member id; nothing for a group without members. --verbose adds MEMBER-EPOCH. */
export function shareMembersText(d: ShareGroupDescription, verbose: boolean): string {
  if (d.members.length === 0) return '';
  const ms = [...d.members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const gw = widest(15, [d.group]);
  const iw = widest(15, ms.map((m) => m.memberId));
  const hw = widest(15, ms.map((m) => m.host));
  const kw = widest(15, ms.map((m) => m.clientId));
  const line = (c: string[]) => `\n${pad(c[0], gw)} ${pad(c[1], iw)} ${pad(c[2], hw)} ${pad(c[3], kw)} ${pad(c[4], 12)} ${verbose ? pad(c[5], 13) + ' ' : ''}${c[6]}`;
  return (
    line(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'MEMBER-EPOCH', 'ASSIGNMENT']) +
    ms.map((m) => line([d.group, m.memberId, m.host, m.clientId, String(m.assignment.length), String(m.memberEpoch), shareAssignmentText(m.assignment)])).join('') +
    '\n'
  );
}
