// kafka-share-groups --describe: per group (sorted by name) its offsets, members or state.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import { describeView, selectedGroups } from '../../../cli/group-selection.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { grid } from '../../../format/group-text.js';
import { defaultHashSetOrder, javaStringHash } from '../../../format/java-order.js';
import { shareAssignmentText, shareMembersText, shareOffsetsText, shareStateText, type ShareOffsetRow } from '../../../format/share-group-text.js';
import { render } from '../../../cli/output.js';
import type { ShareGroupDescription } from '../../../kafka/admin/share-groups.js';

type Flags = FlagsOf<typeof define>;

interface Described {
  description: ShareGroupDescription;
  offsets: ShareOffsetRow[] | null;
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const named = selectedGroups(opts);
  const view = describeView(opts);
  // As kafka-share-groups --verbose: the extra columns (besides kfk's client log on stderr).
  const verbose = Boolean(opts.verbose || opts.kafkaVerbose);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/share-groups.js');
  // --all-groups: the groups of the brokers that answer; one that does not is named (as share-group list does).
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the share groups it coordinates are not described`);
  const names = named ?? (await ctx.bounded(api.listShareGroups(client, onUnreachable))).map((g) => g.group);
  const described: Array<{ name: string; description: ShareGroupDescription | null }> = [];
  for (const name of [...names].sort()) {
    const description = await ctx.bounded(api.describeShareGroup(client, name));
    if (!description && !opts.kafkaErrors) throw new KfkError(`Share group '${name}' does not exist.`);
    described.push({ name, description });
  }
  // kafka-share-groups describes every group before it prints any, and names a missing one (the
  // first of its hash map) on stdout, exit 0.
  const missing = defaultHashSetOrder(
    described.filter((x) => !x.description).map((x) => x.name),
    javaStringHash,
  )[0];
  if (missing !== undefined) {
    await ctx.io.out(`\nError: Executing share group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group ${missing} not found.\n`);
    return 0;
  }
  const all: Described[] = [];
  for (const { name, description } of described) all.push({ description: description!, offsets: view === 'offsets' ? await ctx.bounded(api.shareGroupOffsets(client, name)) : null });
  // As kafka-share-groups: a note on stderr for a group nobody is in (members and state views);
  // the tool's own line starts with an empty one.
  const lead = opts.kafkaErrors ? '\n' : '';
  if (view !== 'offsets') for (const { description: d } of all) if (d.state === 'Empty') ctx.io.err(`${lead}Share group '${d.group}' has no active members.`);

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
