// kafka-streams-groups' text layouts (Kafka 4.4's StreamsGroupCommand): space-padded columns, a
// header over each group's rows, '-' for a missing value.
import type { StreamsAssignment, StreamsGroupDescription, StreamsGroupListing, StreamsOffsetRow } from '../kafka/admin/streams-groups.js';
import { hashSetOrder } from './java-order.js';

const pad = (s: string, width: number) => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const widest = (min: number, values: string[]) => values.reduce((w, v) => Math.max(w, v.length), min);
const cell = (v: number | null) => (v === null ? '-' : String(v));

/** --list: ids, one a line; with --state a GROUP / STATE table. */
export function streamsListText(groups: StreamsGroupListing[], withState: boolean): string {
  if (!withState) return groups.map((g) => g.group + '\n').join('');
  const w = widest(15, groups.map((g) => g.group));
  return [`${pad('GROUP', w)} STATE\n`, ...groups.map((g) => `${pad(g.group, w)} ${g.state}\n`)].join('');
}

/** A member's tasks: `ACTIVE: 0:[0,1,2]; ` (then STANDBY, WARMUP, those with tasks only); `prefix` TARGET- for its target assignment. */
export function streamsTasksText(a: StreamsAssignment, prefix = ''): string {
  const kind = (name: string, tasks: StreamsAssignment['active']) => (tasks.length === 0 ? '' : `${prefix}${name}: ${tasks.map((t) => `${t.subtopologyId}:[${t.partitions.join(',')}]; `).join('')}`);
  return kind('ACTIVE', a.active) + kind('STANDBY', a.standby) + kind('WARMUP', a.warmup);
}

/** The tool prints a group's offsets and members only while it is alive and has members. */
export const hasMembers = (d: StreamsGroupDescription) => d.state !== 'Dead' && d.members.length > 0;

/** --describe --members: one header, a line per member with its tasks; --verbose adds epochs, protocol and target tasks. */
export function streamsMembersText(d: StreamsGroupDescription, verbose: boolean): string {
  if (!hasMembers(d)) return '';
  const gw = widest(15, [d.group]);
  const mw = widest(15, d.members.map((m) => m.memberId));
  const pw = widest(15, d.members.map((m) => m.processId));
  const cw = widest(15, d.members.map((m) => m.clientId));
  if (!verbose) {
    const line = (c: string[]) => `${pad(c[0], gw)} ${pad(c[1], mw)} ${pad(c[2], pw)} ${pad(c[3], cw)} ${c[4]}\n`;
    return line(['GROUP', 'MEMBER', 'PROCESS', 'CLIENT-ID', 'ASSIGNMENTS']) + d.members.map((m) => line([d.group, m.memberId, m.processId, m.clientId, streamsTasksText(m.assignment)])).join('');
  }
  const line = (c: string[]) => `${pad(c[0], gw)} ${pad(c[1], 25)} ${pad(c[2], 15)}${pad(c[3], mw)} ${pad(c[4], 15)} ${pad(c[5], 15)} ${pad(c[6], pw)} ${pad(c[7], cw)} ${c[8]}\n`;
  return (
    line(['GROUP', 'TARGET-ASSIGNMENT-EPOCH', 'TOPOLOGY-EPOCH', 'MEMBER', 'MEMBER-PROTOCOL', 'MEMBER-EPOCH', 'PROCESS', 'CLIENT-ID', 'ASSIGNMENTS']) +
    d.members
      .map((m) =>
        line([
          d.group,
          String(d.targetAssignmentEpoch),
          String(d.topologyEpoch),
          m.memberId,
          m.isClassic ? 'classic' : 'streams',
          String(m.memberEpoch),
          m.processId,
          m.clientId,
          streamsTasksText(m.assignment) + streamsTasksText(m.targetAssignment, 'TARGET-'),
        ]),
      )
      .join('')
  );
}

/** The coordinator as the tool prints it: host:port (id). */
export const coordinatorText = (d: StreamsGroupDescription) => `${d.coordinator.host}:${d.coordinator.port} (${d.coordinator.id})`;

/** --describe --state; --verbose adds GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH. */
export function streamsStateText(d: StreamsGroupDescription, verbose: boolean): string {
  const coordinator = coordinatorText(d);
  const assignor = d.assignor ?? '';
  const gw = widest(15, [d.group]);
  const cw = widest(25, [coordinator]);
  const aw = widest(15, [assignor]);
  const line = (c: string[]) => `${pad(c[0], gw)} ${pad(c[1], cw)} ${pad(c[2], aw)} ${pad(c[3], 25)} ${verbose ? `${pad(c[4], 15)} ${pad(c[5], 25)} ` : ''}${c[6]}\n`;
  return line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNOR', 'STATE', 'GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH', '#MEMBERS']) + line([d.group, coordinator, assignor, d.state, String(d.groupEpoch), String(d.targetAssignmentEpoch), String(d.members.length)]);
}

/**
 * --describe (--offsets): OFFSET-LAG per input partition, in the order of the tool's HashMap of
 * partitions; --verbose adds CURRENT-OFFSET, LEADER-EPOCH and LOG-END-OFFSET. A log end or lag
 * not known now (no leader) is '-', where the tool would fail.
 */
export function streamsOffsetsText(d: StreamsGroupDescription, rows: StreamsOffsetRow[], verbose: boolean): string {
  if (!hasMembers(d)) return '';
  const ordered = hashSetOrder(rows);
  const gw = widest(15, [d.group]);
  const tw = widest(15, rows.map((r) => r.topic));
  if (!verbose) {
    const line = (c: string[]) => `${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${c[3]}\n`;
    return line(['GROUP', 'TOPIC', 'PARTITION', 'OFFSET-LAG']) + ordered.map((r) => line([d.group, r.topic, String(r.partition), cell(r.lag)])).join('');
  }
  const line = (c: string[]) => `${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${pad(c[3], 15)} ${pad(c[4], 15)} ${pad(c[5], 15)} ${pad(c[6], 15)}\n`;
  return (
    line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LEADER-EPOCH', 'LOG-END-OFFSET', 'OFFSET-LAG']) +
    ordered.map((r) => line([d.group, r.topic, String(r.partition), cell(r.current), cell(r.leaderEpoch), cell(r.logEnd), cell(r.lag)])).join('')
  );
}

/**
 * --reset-offsets: the plans as kafka-streams-groups prints them, one table of every group (a
 * refused group without rows), fixed columns, the rows of each in its HashMap order; the header
 * even without rows; nothing without groups.
 */
export function streamsResetText(plans: Array<{ group: string; plan: Array<{ topic: string; partition: number; offset: number }> }>): string {
  if (plans.length === 0) return '';
  const line = (c: string[]) => `\n${pad(c[0], 30)} ${pad(c[1], 30)} ${pad(c[2], 10)} ${pad(c[3], 15)}`;
  const rows = plans.flatMap((g) => hashSetOrder(g.plan).map((p) => line([g.group, p.topic, String(p.partition), String(p.offset)])));
  return line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + rows.join('') + '\n';
}
