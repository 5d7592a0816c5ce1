// kafka-streams-groups --describe: each group in the order given (--all-groups: as listed), its
// offsets, members or state; a group that is missing (or not a streams group) ends the command there.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import { describeView, selectedGroups } from '../../../cli/group-selection.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { grid } from '../../../format/group-text.js';
import { coordinatorText, hasMembers, streamsMembersText, streamsOffsetsText, streamsStateText, streamsTasksText } from '../../../format/streams-group-text.js';
import { outputMode } from '../../../cli/output.js';
import { tableStyle } from '../../../format/style.js';
import type { StreamsGroupDescription, StreamsOffsetRow } from '../../../kafka/admin/streams-groups.js';

type Flags = FlagsOf<typeof define>;

interface Described {
  description: StreamsGroupDescription;
  offsets: StreamsOffsetRow[] | null;
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const named = selectedGroups(opts);
  const view = describeView(opts);
  const verbose = Boolean(opts.verbose || opts.kafkaVerbose);
  const kafka = Boolean(opts.kafkaErrors);
  const mode = outputMode(opts.output, ctx.io.stdout.isTTY);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/streams-groups.js');
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the streams groups it coordinates are not described`);
  const names = named ?? (await ctx.bounded(api.listStreamsGroups(client, onUnreachable))).map((g) => g.group);

  // As the tool: each group printed as it is described, so that those before a missing one are shown.
  const all: Described[] = [];
  for (const name of names) {
    const found = await ctx.bounded(api.describeStreamsGroup(client, name));
    if ('missing' in found) {
      if (kafka) {
        await ctx.io.out(`\nError: Executing streams group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: ${found.missing}\n`);
        return 1;
      }
      throw new KfkError(found.missing.includes('not a streams group') ? `Group '${name}' is not a streams group.` : `Streams group '${name}' does not exist.`);
    }
    const d = found.description;
    const offsets = view === 'offsets' && hasMembers(d) ? await ctx.bounded(api.streamsGroupOffsets(client, d, (line) => ctx.io.note(line))) : view === 'offsets' ? [] : null;
    all.push({ description: d, offsets });
    if (mode !== 'text') continue;
    // The tool's notes of a group without members: on stdout before the state; kfk's on stderr.
    const empty = d.state === 'Dead' ? `Streams group '${d.group}' does not exist.` : d.state === 'Empty' ? `Streams group '${d.group}' has no active members.` : null;
    if (kafka) {
      if (view === 'state' && empty) await ctx.io.out(`\nError: ${empty}\n`);
    } else if (empty || !hasMembers(d)) ctx.io.note(empty ?? `Streams group '${d.group}' has no active members.`);
    const text = view === 'members' ? streamsMembersText(d, verbose) : view === 'state' ? streamsStateText(d, verbose) : streamsOffsetsText(d, offsets!, verbose);
    if (text) await ctx.io.out(text);
  }
  if (mode === 'json') {
    const doc = all.map(({ description: d, offsets }) => {
      if (view === 'offsets') return { group: d.group, state: d.state, totalLag: offsets!.reduce((n, o) => n + (o.lag ?? 0), 0), offsets };
      if (view === 'members') return { group: d.group, state: d.state, members: d.members };
      const { members, subtopologies, ...rest } = d;
      return { ...rest, members: members.length, subtopologies };
    });
    await ctx.io.out(JSON.stringify(doc) + '\n');
  } else if (mode === 'table') {
    const style = await tableStyle(ctx.io.color);
    const table =
      view === 'offsets'
        ? grid(
            ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'OFFSET-LAG'],
            all.flatMap((g) => g.offsets!.map((o) => [g.description.group, o.topic, String(o.partition), o.current === null ? '-' : String(o.current), o.logEnd === null ? '-' : String(o.logEnd), o.lag === null ? '-' : String(o.lag)])),
            style,
          )
        : view === 'members'
          ? grid(
              ['GROUP', 'MEMBER', 'PROCESS', 'CLIENT-ID', 'MEMBER-EPOCH', 'ASSIGNMENTS'],
              all.flatMap((g) => g.description.members.map((m) => [g.description.group, m.memberId, m.processId, m.clientId, String(m.memberEpoch), streamsTasksText(m.assignment).trim() || '-'])),
              style,
            )
          : grid(
              ['GROUP', 'COORDINATOR (ID)', 'ASSIGNOR', 'STATE', 'GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH', '#MEMBERS'],
              all.map(({ description: d }) => [d.group, coordinatorText(d), d.assignor ?? '-', d.state, String(d.groupEpoch), String(d.targetAssignmentEpoch), String(d.members.length)]),
              style,
            );
    await ctx.io.out(await table);
  }
  return 0;
}
