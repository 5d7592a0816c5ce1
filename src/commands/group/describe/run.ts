import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { assignmentText, grid, groupMembersText, groupOffsetsJson, groupOffsetsTable, groupOffsetsText, groupStateText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

/** States in which kafka-consumer-groups says the group is rebalancing (classic, then consumer groups). */
const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/groups.js');
  const d = await ctx.bounded(api.describeGroup(client, opts.group));
  if (!d) throw new KfkError(`Consumer group '${opts.group}' does not exist.`);
  // As kafka-consumer-groups --verbose: the extra columns (besides kfk's client log on stderr).
  const verbose = Boolean(opts.verbose);
  const view = opts.offsets || (!opts.members && !opts.state) ? 'offsets' : opts.members ? 'members' : 'state';
  // As kafka-consumer-groups: a note on stderr when nobody is consuming or a rebalance is under way.
  if (d.state === 'Empty') ctx.io.err(`Consumer group '${d.group}' has no active members.`);
  else if (REBALANCING.has(d.state)) ctx.io.err(`Warning: Consumer group '${d.group}' is rebalancing.`);

  if (view === 'offsets') {
    const rows = await ctx.bounded(api.groupOffsetRows(client, d, (line) => ctx.io.note(line)));
    await render(ctx.io, opts.output, rows, {
      text: (r) => (r.length ? groupOffsetsText(r, verbose) : ''),
      table: groupOffsetsTable,
      json: (r) => groupOffsetsJson(d, r),
    });
    return 0;
  }
  if (view === 'members') {
    await render(ctx.io, opts.output, d, {
      text: (g) => groupMembersText(g, verbose),
      table: (g, style) => {
        const head = ['CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT'];
        if (g.type === 'Consumer') head.push('EPOCH', 'TARGET-ASSIGNMENT');
        const rows = g.members.map((m) => {
          const row = [m.memberId, m.host, m.clientId, String(m.assignment.length), assignmentText(m.assignment)];
          if (g.type === 'Consumer') row.push(String(m.memberEpoch ?? '-'), assignmentText(m.targetAssignment));
          return row;
        });
        return grid(head, rows, style);
      },
      json: (g) => ({ group: g.group, type: g.type, state: g.state, members: g.members }),
    });
    return 0;
  }
  await render(ctx.io, opts.output, d, {
    text: (g) => groupStateText(g, verbose),
    table: (g, style) => {
      const c = g.coordinator;
      const head = ['GROUP', 'TYPE', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'];
      const row = [g.group, g.type, `${c.host}:${c.port} (${c.id})`, g.protocol || '-', g.state, String(g.members.length)];
      if (g.type === 'Consumer') {
        head.push('GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH');
        row.push(String(g.groupEpoch), String(g.assignmentEpoch));
      }
      return grid(head, [row], style);
    },
    json: (g) => {
      const { members, ...rest } = g;
      return { ...rest, members: members.length };
    },
  });
  return 0;
}
