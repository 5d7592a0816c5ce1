// kafka-share-groups --describe: per group (sorted by name) its offsets, members or state.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { grid } from '../../../format/group-text.js';
import { shareAssignmentText, shareMembersText, shareOffsetsText, shareStateText, type ShareOffsetRow } from '../../../format/share-group-text.js';
import { render } from '../../../cli/output.js';
import type { ShareGroupDescription } from '../../../kafka/admin/share-groups.js';

type Flags = FlagsOf<typeof define>;

interface Described {
  description: ShareGroupDescription;
  offsets: ShareOffsetRow[] | null;
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.allGroups && opts.group?.length) throw new UsageError('--group and --all-groups cannot be used together');
  if (!opts.allGroups && !opts.group?.length) throw new UsageError('give --group G or --all-groups');
  if ([opts.offsets, opts.members, opts.state].filter(Boolean).length > 1) throw new UsageError('give only one of --offsets, --members, --state');
  const view = opts.members ? 'members' : opts.state ? 'state' : 'offsets';
  const verbose = Boolean(opts.verbose);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/share-groups.js');
  // --all-groups: the groups of the brokers that answer; one that does not is named (as share-group list does).
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the share groups it coordinates are not described`);
  const names = opts.allGroups ? (await ctx.bounded(api.listShareGroups(client, onUnreachable))).map((g) => g.group) : [...new Set(opts.group!.flatMap((g) => g.split(',')).filter(Boolean))];
  const all: Described[] = [];
  for (const name of [...names].sort()) {
    const description = await ctx.bounded(api.describeShareGroup(client, name));
    if (!description) throw new KfkError(`Share group '${name}' does not exist.`);
    const offsets = view === 'offsets' ? await ctx.bounded(api.shareGroupOffsets(client, name)) : null;
    all.push({ description, offsets });
  }
  // As kafka-share-groups: a note on stderr for a group nobody is in (members and state views).
  if (view !== 'offsets') for (const { description: d } of all) if (d.state === 'Empty') ctx.io.err(`Share group '${d.group}' has no active members.`);

  if (view === 'offsets') {
    await render(ctx.io, opts.output, all, {
      text: (r) => r.map((g) => shareOffsetsText(g.description.group, g.offsets!, verbose)).join(''),
      table: (r, style) =>
        grid(
          ['GROUP', 'TOPIC', 'PARTITION', 'START-OFFSET', 'LAG'],
          r.flatMap((g) => [...g.offsets!].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)).map((o) => [g.description.group, o.topic, String(o.partition), o.startOffset === null ? '-' : String(o.startOffset), o.lag === null ? '-' : String(o.lag)])),
          style,
        ),
      json: (r) => r.map((g) => ({ group: g.description.group, state: g.description.state, totalLag: g.offsets!.reduce((n, o) => n + (o.lag ?? 0), 0), offsets: g.offsets })),
    });
    return 0;
  }
  if (view === 'members') {
    await render(ctx.io, opts.output, all, {
      text: (r) => r.map((g) => shareMembersText(g.description, verbose)).join(''),
      table: (r, style) =>
        grid(
          ['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'MEMBER-EPOCH', 'ASSIGNMENT'],
          r.flatMap((g) => g.description.members.map((m) => [g.description.group, m.memberId, m.host, m.clientId, String(m.assignment.length), String(m.memberEpoch), shareAssignmentText(m.assignment) || '-'])),
          style,
        ),
      json: (r) => r.map((g) => ({ group: g.description.group, state: g.description.state, members: g.description.members })),
    });
    return 0;
  }
  await render(ctx.io, opts.output, all, {
    text: (r) => r.map((g) => shareStateText(g.description, verbose)).join(''),
    table: (r, style) =>
      grid(
        ['GROUP', 'COORDINATOR (ID)', 'STATE', 'GROUP-EPOCH', 'ASSIGNMENT-EPOCH', '#MEMBERS'],
        r.map(({ description: d }) => [d.group, `${d.coordinator.host}:${d.coordinator.port} (${d.coordinator.id})`, d.state, String(d.groupEpoch), String(d.assignmentEpoch), String(d.members.length)]),
        style,
      ),
    json: (r) => r.map(({ description: { members, ...rest } }) => ({ ...rest, members: members.length })),
  });
  return 0;
}
