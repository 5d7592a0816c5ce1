// kafka-consumer-groups' text layouts (space-padded columns, each line introduced by a newline,
// '-' for a missing value), and kfk's tables and JSON for the same data.
import type { GroupDescription, GroupListing, GroupOffsetRow } from '../kafka/admin/groups.js';
import type { PartitionOffset } from '../kafka/admin/offsets.js';
import type { TableStyle } from './topic-describe.js';

const MISSING = '-';

/** Java's %-Ns: left-justified, padded to at least `width`, never cut. */
const pad = (s: string, width: number) => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const cell = (v: string | number | null) => (v === null ? MISSING : String(v));
const widest = (min: number, values: string[]) => values.reduce((w, v) => Math.max(w, v.length), min);

/** `--list`: ids only, one per line; with --type and/or --state, a column for each. */
export function groupListText(groups: GroupListing[], columns: { type: boolean; state: boolean }): string {
  if (!columns.type && !columns.state) return groups.map((g) => g.group + '\n').join('');
  const w = widest(15, groups.map((g) => g.group)) + 10;
  const line = (c: string[]) => pad(c[0], w) + (columns.type ? ` ${pad(c[1], 20)}` : '') + (columns.state ? ` ${pad(c[2], 20)}` : '') + '\n';
  return line(['GROUP', 'TYPE', 'STATE']) + groups.map((g) => line([g.group, g.type, g.state])).join('');
}

/**
 * kafka-groups --list: GROUP, TYPE and PROTOCOL (the protocol type), every column as wide as the
 * longest value in any of them and at least 20; each row's cells, the last too, end in a space.
 */
export function kafkaGroupsText(groups: GroupListing[]): string {
  const rows = groups.map((g) => [g.group, g.type === 'Unknown' ? '' : g.type, g.protocolType]);
  const w = Math.max(20, ...rows.flat().map((c) => c.length));
  return `${pad('GROUP', w)} ${pad('TYPE', w)} ${pad('PROTOCOL', w)}\n` + rows.map((r) => r.map((c) => `${pad(c, w)} `).join('') + '\n').join('');
}

/** --describe (--offsets); --verbose adds the committed offsets' LEADER-EPOCH. */
export function groupOffsetsText(rows: GroupOffsetRow[], verbose = false): string {
  const gw = widest(15, rows.map((r) => r.group));
  const tw = widest(15, rows.map((r) => r.topic));
  const cw = widest(15, rows.map((r) => cell(r.consumerId)));
  const hw = widest(15, rows.map((r) => cell(r.host)));
  const line = (c: string[]) =>
    `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${verbose ? pad(c[9], 15) + ' ' : ''}${pad(c[3], 15)} ${pad(c[4], 15)} ${pad(c[5], 15)} ${pad(c[6], cw)} ${pad(c[7], hw)} ${c[8]}`;
  let out = line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', 'LEADER-EPOCH']);
  for (const r of rows) {
    out += line([r.group, r.topic, String(r.partition), cell(r.currentOffset), cell(r.logEndOffset), cell(r.lag), cell(r.consumerId), cell(r.host), cell(r.clientId), cell(r.leaderEpoch)]);
  }
  return out + '\n';
}

/** `topic:0,1;other:2` as kafka-consumer-groups writes an assignment: topics sorted, partitions in order; '-' for none. */
export function assignmentText(tps: Array<{ topic: string; partition: number }> | null): string {
  if (!tps || tps.length === 0) return MISSING;
  const byTopic = new Map<string, number[]>();
  for (const tp of tps) (byTopic.get(tp.topic) ?? byTopic.set(tp.topic, []).get(tp.topic)!).push(tp.partition);
  return [...byTopic]
    .map(([topic, ps]) => `${topic}:${ps.sort((a, b) => a - b).join(',')}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(';');
}

/**
 * --describe --members: a line per member (the header alone when there is none); GROUP-INSTANCE-ID
 * when a member has one; --verbose adds epochs and current and target assignments, and UPGRADED
 * while a consumer group has members of both protocols.
 */
export function groupMembersText(d: GroupDescription, verbose = false): string {
  const ms = d.members;
  const withInstance = ms.some((m) => m.instanceId);
  const gw = widest(15, ms.length ? [d.group] : []);
  const cw = widest(15, ms.map((m) => m.memberId));
  const iw = widest(17, ms.map((m) => m.instanceId ?? ''));
  const hw = widest(15, ms.map((m) => m.host));
  const kw = widest(15, ms.map((m) => m.clientId));
  const aw = widest(20, ms.map((m) => assignmentText(m.assignment)));
  const tw = widest(20, ms.map((m) => assignmentText(m.targetAssignment)));
  const upgrade = ms.some((m) => m.upgraded === true) && ms.some((m) => m.upgraded === false);
  const line = (c: string[]) => {
    let out = `${pad(c[0], gw)} ${pad(c[1], cw)} ${withInstance ? pad(c[2], iw) + ' ' : ''}${pad(c[3], hw)} ${pad(c[4], kw)} ${pad(c[5], 15)} `;
    if (verbose) out += `${pad(c[6], 15)} ${pad(c[7], aw)} ${pad(c[8], 15)} ${pad(c[9], tw)}` + (upgrade ? ` ${c[10]}` : '');
    return out + '\n';
  };
  const epoch = cell(d.assignmentEpoch);
  return (
    '\n' +
    line(['GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'CURRENT-EPOCH', 'CURRENT-ASSIGNMENT', 'TARGET-EPOCH', 'TARGET-ASSIGNMENT', 'UPGRADED']) +
    ms
      .map((m) =>
        line([d.group, m.memberId, m.instanceId ?? '', m.host, m.clientId, String(m.assignment.length), cell(m.memberEpoch), assignmentText(m.assignment), epoch, assignmentText(m.targetAssignment), cell(m.upgraded === null ? null : String(m.upgraded))]),
      )
      .join('')
  );
}

/** --describe --state; --verbose adds GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH. */
export function groupStateText(d: GroupDescription, verbose = false): string {
  const coordinator = `${d.coordinator.host}:${d.coordinator.port}  (${d.coordinator.id})`;
  const gw = widest(15, [d.group]);
  const kw = widest(25, [coordinator]);
  const line = (c: string[]) => `\n${pad(c[0], gw)} ${pad(c[1], kw)} ${pad(c[2], 20)} ${pad(c[3], 20)} ${verbose ? `${pad(c[5], 15)} ${pad(c[6], 25)} ` : ''}${c[4]}`;
  return (
    line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS', 'GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH']) +
    line([d.group, coordinator, d.protocol || MISSING, d.state, String(d.members.length), cell(d.groupEpoch), cell(d.assignmentEpoch)]) +
    '\n'
  );
}

/**
 * A reset's plan; a consumer group's empty plan is the header alone (a share group's, an empty
 * line), as kafka-consumer-groups and kafka-share-groups print them.
 */
export function resetPlanText(group: string, plan: PartitionOffset[], emptyHeader = false): string {
  if (plan.length === 0 && !emptyHeader) return '\n';
  const gw = widest(15, [group]);
  const tw = widest(15, plan.map((p) => p.topic));
  const line = (c: string[]) => `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${c[3]}`;
  return line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + plan.map((p) => line([group, p.topic, String(p.partition), String(p.offset)])).join('') + '\n';
}

/**
 * --reset-offsets of several groups: one table, the groups in the order given (the tool's HashMap
 * of them), the columns as wide as the longest group id and topic; a group refused (it has members)
 * is there without rows. No group: an empty line.
 */
export function resetPlansText(plans: Array<{ group: string; plan: PartitionOffset[] }>): string {
  if (plans.length === 0) return '\n';
  const gw = widest(15, plans.map((p) => p.group));
  const tw = widest(15, plans.flatMap((p) => p.plan.map((o) => o.topic)));
  const line = (c: string[]) => `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${c[3]}`;
  return line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + plans.flatMap(({ group, plan }) => plan.map((p) => line([group, p.topic, String(p.partition), String(p.offset)]))).join('') + '\n';
}

export async function grid(head: string[], rows: string[][], style: TableStyle): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const table = new Table({ head: head.map((h) => style.bold(h)), style: { head: [], border: [] } });
  for (const r of rows) table.push(r);
  return table.toString() + '\n';
}

export async function groupOffsetsTable(rows: GroupOffsetRow[], style: TableStyle): Promise<string> {
  const total = rows.reduce((n, r) => n + (r.lag ?? 0), 0);
  const body = rows.map((r) => [
    r.topic,
    String(r.partition),
    cell(r.currentOffset),
    cell(r.logEndOffset),
    r.lag ? style.warn(String(r.lag)) : cell(r.lag),
    cell(r.consumerId),
    cell(r.host),
    cell(r.clientId),
  ]);
  const t = await grid(['TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'], body, style);
  return t + `Total lag: ${total ? style.warn(String(total)) : '0'}\n`;
}

/** The JSON document of `kfk group describe -o json`: the offsets with the total lag. */
export function groupOffsetsJson(d: GroupDescription, rows: GroupOffsetRow[]): unknown {
  return {
    group: d.group,
    type: d.type,
    state: d.state,
    protocolType: d.protocolType,
    protocol: d.protocol,
    coordinator: d.coordinator,
    totalLag: rows.reduce((n, r) => n + (r.lag ?? 0), 0),
    members: d.members,
    offsets: rows.map(({ group: _g, ...r }) => r),
  };
}

/** What kafka-consumer-groups prints before a reset without --dry-run or --execute (on stderr). */
export const RESET_WARNING =
  'WARN: No action will be performed as the --execute option is missing. In version 5.0, this command will require either --dry-run or --execute to be specified. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.';
