// kafka-consumer-groups --describe: per group (sorted by name, as the tool's TreeMap) its offsets
// and lag, its members or its state.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import { selectedGroups } from '../../../cli/group-selection.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { assignmentText, grid, groupMembersText, groupOffsetsJson, groupOffsetsTable, groupOffsetsText, groupStateText } from '../../../format/group-text.js';
import { defaultHashSetOrder, javaStringHash } from '../../../format/java-order.js';
import { render } from '../../../cli/output.js';
import type { GroupDescription, GroupOffsetRow } from '../../../kafka/admin/groups.js';

type Flags = FlagsOf<typeof define>;

/** States in which kafka-consumer-groups says the group is rebalancing (classic, then consumer groups). */
const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

interface Described {
  d: GroupDescription;
  rows: GroupOffsetRow[] | null;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A group the cluster does not know, as a Kafka 3 broker describes it: Dead, without members. */
const absent = (group: string): GroupDescription => ({ group, type: 'Classic', state: 'Dead', protocolType: '', protocol: '', coordinator: { id: -1, host: '', port: -1 }, members: [], groupEpoch: null, assignmentEpoch: null });

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const named = selectedGroups(opts);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/groups.js');
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the groups it coordinates are not described`);
  const names = named ?? (await ctx.bounded(api.listGroups(client, { onUnreachable }))).map((g) => g.group);
  // As kafka-consumer-groups --verbose: the extra columns (besides kfk's client log on stderr).
  const verbose = Boolean(opts.verbose || opts.kafkaVerbose);
  const view = opts.offsets || (!opts.members && !opts.state) ? 'offsets' : opts.members ? 'members' : 'state';

  const descriptions = await Promise.all(names.map((name) => ctx.bounded(api.describeGroup(client, name)).then((d) => ({ name, d }))));
  // The tool describes every group before it prints any, and names a missing one (the first of its hash map).
  const missing = defaultHashSetOrder(
    descriptions.filter((x) => !x.d).map((x) => x.name),
    javaStringHash,
  )[0];
  if (missing !== undefined) {
    if (!opts.kafkaErrors) {
      // A share or streams group is not a consumer group: said so, with the command that describes it.
      const other = (await ctx.bounded(api.listGroups(client, { allTypes: true }))).find((g) => g.group === missing && (g.type === 'Share' || g.type === 'Streams'));
      if (other) throw new KfkError(`group '${missing}' is a ${other.type.toLowerCase()} group: kfk ${other.type.toLowerCase()}-group describe --group ${missing}`);
      throw new KfkError(`Consumer group '${missing}' does not exist.`);
    }
    // A Kafka 4 broker answers GROUP_ID_NOT_FOUND and the tool prints nothing else; a Kafka 3
    // broker describes the group as Dead and the tool says so in its place among the others.
    if (ctx.kafkaMajor !== 3) {
      await ctx.io.out(`\nError: Executing consumer group command failed due to org.apache.kafka.common.errors.GroupIdNotFoundException: Group ${missing} not found.\n`);
      return 0;
    }
  }
  const found = descriptions.flatMap((x) => (x.d ? [x.d] : [])).sort((a, b) => byName(a.group, b.group));
  // As kafka-consumer-groups: a note on stderr when nobody is consuming or a rebalance is under way
  // (the tool's own lines start with an empty one), before what kfk notes while it reads offsets.
  const lead = opts.kafkaErrors ? '\n' : '';
  for (const d of found) {
    if (d.state === 'Empty') ctx.io.err(`${lead}Consumer group '${d.group}' has no active members.`);
    else if (REBALANCING.has(d.state)) ctx.io.err(`${lead}Warning: Consumer group '${d.group}' is rebalancing.`);
  }
  const all: Described[] = [];
  for (const d of found) all.push({ d, rows: view === 'offsets' ? await ctx.bounded(api.groupOffsetRows(client, d, (line) => ctx.io.note(line))) : null });
  // The text of each group in name order; a group a Kafka 3 broker does not know, in its place
  // (the members view then prints the header of a group without members, as the tool does).
  const textOf = (one: (g: Described) => string) => (r: Described[]) => {
    if (missing === undefined) return r.map(one).join('');
    return [...names]
      .sort(byName)
      .map((name) => {
        const g = r.find((x) => x.d.group === name);
        if (g) return one(g);
        const none = `\nError: Consumer group '${name}' does not exist.\n`;
        return view === 'members' ? none + groupMembersText(absent(name), verbose) : none;
      })
      .join('');
  };
  // One --group: its document alone, as before several could be named.
  const single = !opts.allGroups && names.length === 1;
  const json = <T>(each: (g: Described) => T) => (single ? each(all[0]) : all.map(each));
  const heading = (g: Described) => (single ? '' : `${g.d.group}\n`);

  if (view === 'offsets') {
    await render(ctx.io, opts.output, all, {
      text: textOf((g) => (g.rows!.length ? groupOffsetsText(g.rows!, verbose) : '')),
      table: async (r, style) => (await Promise.all(r.map(async (g) => heading(g) + (await groupOffsetsTable(g.rows!, style))))).join(single ? '' : '\n'),
      json: () => json((g) => groupOffsetsJson(g.d, g.rows!)),
    });
    return 0;
  }
  if (view === 'members') {
    await render(ctx.io, opts.output, all, {
      text: textOf((g) => groupMembersText(g.d, verbose)),
      table: (r, style) => {
        const head = ['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT'];
        const consumer = r.some((g) => g.d.type === 'Consumer');
        if (consumer) head.push('EPOCH', 'TARGET-ASSIGNMENT');
        const rows = r.flatMap(({ d: g }) =>
          g.members.map((m) => {
            const row = [g.group, m.memberId, m.host, m.clientId, String(m.assignment.length), assignmentText(m.assignment)];
            if (consumer) row.push(g.type === 'Consumer' ? String(m.memberEpoch ?? '-') : '-', g.type === 'Consumer' ? assignmentText(m.targetAssignment) : '-');
            return row;
          }),
        );
        return grid(head, rows, style);
      },
      json: () => json(({ d: g }) => ({ group: g.group, type: g.type, state: g.state, members: g.members })),
    });
    return 0;
  }
  await render(ctx.io, opts.output, all, {
    text: textOf((g) => groupStateText(g.d, verbose)),
    table: (r, style) => {
      const consumer = r.some((g) => g.d.type === 'Consumer');
      const head = ['GROUP', 'TYPE', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'];
      if (consumer) head.push('GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH');
      const rows = r.map(({ d: g }) => {
        const c = g.coordinator;
        const row = [g.group, g.type, `${c.host}:${c.port} (${c.id})`, g.protocol || '-', g.state, String(g.members.length)];
        if (consumer) row.push(g.type === 'Consumer' ? String(g.groupEpoch) : '-', g.type === 'Consumer' ? String(g.assignmentEpoch) : '-');
        return row;
      });
      return grid(head, rows, style);
    },
    json: () =>
      json(({ d: g }) => {
        const { members, ...rest } = g;
        return { ...rest, members: members.length };
      }),
  });
  return 0;
}
