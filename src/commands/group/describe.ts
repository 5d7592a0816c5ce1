import type { CommandContext } from '../../context.js';
import { KfkError } from '../../errors.js';
import { assignmentText, grid, groupMembersText, groupOffsetsJson, groupOffsetsTable, groupOffsetsText, groupStateText } from '../../format/group-text.js';
import { outputMode, tableStyle } from '../../format/style.js';

export interface GroupDescribeFlags {
  group: string;
  members?: boolean;
  state?: boolean;
  offsets?: boolean;
  /** As kafka-consumer-groups --verbose: the extra columns (besides kfk's client log on stderr). */
  verbose?: boolean;
  output?: string;
}

/** States in which kafka-consumer-groups says the group is rebalancing (classic, then consumer groups). */
const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

export async function run(ctx: CommandContext, opts: GroupDescribeFlags): Promise<number> {
  const client = await ctx.kafka();
  const api = await import('../../kafka/groups.js');
  const d = await ctx.bounded(api.describeGroup(client, opts.group));
  if (!d) throw new KfkError(`Consumer group '${opts.group}' does not exist.`);
  const mode = outputMode(opts.output, ctx.io.stdout.isTTY);
  const verbose = Boolean(opts.verbose);
  const view = opts.offsets || (!opts.members && !opts.state) ? 'offsets' : opts.members ? 'members' : 'state';
  // As kafka-consumer-groups: a note on stderr when nobody is consuming or a rebalance is under way.
  if (d.state === 'Empty') ctx.io.err(`Consumer group '${d.group}' has no active members.`);
  else if (REBALANCING.has(d.state)) ctx.io.err(`Warning: Consumer group '${d.group}' is rebalancing.`);

  if (view === 'offsets') {
    const rows = await ctx.bounded(api.groupOffsetRows(client, d));
    if (mode === 'json') await ctx.io.out(groupOffsetsJson(d, rows));
    else if (mode === 'table') await ctx.io.out(await groupOffsetsTable(rows, await tableStyle(ctx.io.color)));
    else if (rows.length) await ctx.io.out(groupOffsetsText(rows, verbose));
    return 0;
  }
  if (view === 'members') {
    if (mode === 'json') await ctx.io.out(JSON.stringify({ group: d.group, type: d.type, state: d.state, members: d.members }) + '\n');
    else if (mode === 'table') {
      const head = ['CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT'];
      if (d.type === 'Consumer') head.push('EPOCH', 'TARGET-ASSIGNMENT');
      const rows = d.members.map((m) => {
        const row = [m.memberId, m.host, m.clientId, String(m.assignment.length), assignmentText(m.assignment)];
        if (d.type === 'Consumer') row.push(String(m.memberEpoch ?? '-'), assignmentText(m.targetAssignment));
        return row;
      });
      await ctx.io.out(await grid(head, rows, await tableStyle(ctx.io.color)));
    } else await ctx.io.out(groupMembersText(d, verbose));
    return 0;
  }
  if (mode === 'json') {
    const { members, ...rest } = d;
    await ctx.io.out(JSON.stringify({ ...rest, members: members.length }) + '\n');
  } else if (mode === 'table') {
    const c = d.coordinator;
    const head = ['GROUP', 'TYPE', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'];
    const row = [d.group, d.type, `${c.host}:${c.port} (${c.id})`, d.protocol || '-', d.state, String(d.members.length)];
    if (d.type === 'Consumer') {
      head.push('GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH');
      row.push(String(d.groupEpoch), String(d.assignmentEpoch));
    }
    await ctx.io.out(await grid(head, [row], await tableStyle(ctx.io.color)));
  } else await ctx.io.out(groupStateText(d, verbose));
  return 0;
}
