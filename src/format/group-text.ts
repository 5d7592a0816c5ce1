// kafka-consumer-groups' text layouts (space-padded columns, each line introduced by a newline,
// '-' for a missing value), and kfk's tables and JSON for the same data.
import type { GroupDescription, GroupListing, GroupOffsetRow } from '../kafka/groups.js';
import type { PartitionOffset } from '../kafka/offsets.js';
import type { TableStyle } from './topic-describe.js';

const MISSING = '-';

/** Java's %-Ns: left-justified, padded to at least `width`, never cut. */
const pad = (s: string, width: number) => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const cell = (v: string | number | null) => (v === null ? MISSING : String(v));
const widest = (min: number, values: string[]) => values.reduce((w, v) => Math.max(w, v.length), min);

/** `--list` without --state: ids only, one per line. */
export function groupListText(groups: GroupListing[], withState: boolean): string {
  if (!withState) return groups.map((g) => g.group + '\n').join('');
  const w = widest(15, groups.map((g) => g.group)) + 10;
  const line = (a: string, b: string) => `${pad(a, w)} ${pad(b, 20)}\n`;
  return line('GROUP', 'STATE') + groups.map((g) => line(g.group, g.state)).join('');
}

export function groupOffsetsText(rows: GroupOffsetRow[]): string {
  const gw = widest(15, rows.map((r) => r.group));
  const tw = widest(15, rows.map((r) => r.topic));
  const cw = widest(15, rows.map((r) => cell(r.consumerId)));
  const hw = widest(15, rows.map((r) => cell(r.host)));
  const line = (c: string[]) =>
    `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${pad(c[3], 15)} ${pad(c[4], 15)} ${pad(c[5], 15)} ${pad(c[6], cw)} ${pad(c[7], hw)} ${c[8]}`;
  let out = line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
  for (const r of rows) {
    out += line([r.group, r.topic, String(r.partition), cell(r.currentOffset), cell(r.logEndOffset), cell(r.lag), cell(r.consumerId), cell(r.host), cell(r.clientId)]);
  }
  return out + '\n';
}

export function groupMembersText(d: GroupDescription): string {
  const gw = widest(15, [d.group]);
  const cw = widest(15, d.members.map((m) => m.memberId));
  const hw = widest(15, d.members.map((m) => m.host));
  const iw = widest(15, d.members.map((m) => m.clientId));
  const line = (c: string[]) => `${pad(c[0], gw)} ${pad(c[1], cw)} ${pad(c[2], hw)} ${pad(c[3], iw)} ${pad(c[4], 15)} \n`;
  return '\n' + line(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']) + d.members.map((m) => line([d.group, m.memberId, m.host, m.clientId, String(m.assignment.length)])).join('');
}

export function groupStateText(d: GroupDescription): string {
  const coordinator = `${d.coordinator.host}:${d.coordinator.port}  (${d.coordinator.id})`;
  const gw = widest(15, [d.group]);
  const kw = widest(25, [coordinator]);
  const line = (c: string[]) => `\n${pad(c[0], gw)} ${pad(c[1], kw)} ${pad(c[2], 20)} ${pad(c[3], 20)} ${c[4]}`;
  return (
    line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']) +
    line([d.group, coordinator, d.protocol || MISSING, d.state, String(d.members.length)]) +
    '\n'
  );
}

export function resetPlanText(group: string, plan: PartitionOffset[]): string {
  if (plan.length === 0) return '\n';
  const gw = widest(15, [group]);
  const tw = widest(15, plan.map((p) => p.topic));
  const line = (c: string[]) => `\n${pad(c[0], gw)} ${pad(c[1], tw)} ${pad(c[2], 10)} ${c[3]}`;
  return line(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET']) + plan.map((p) => line([group, p.topic, String(p.partition), String(p.offset)])).join('') + '\n';
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
    state: d.state,
    protocolType: d.protocolType,
    protocol: d.protocol,
    coordinator: d.coordinator,
    totalLag: rows.reduce((n, r) => n + (r.lag ?? 0), 0),
    members: d.members,
    offsets: rows.map(({ group: _g, ...r }) => r),
  };
}
