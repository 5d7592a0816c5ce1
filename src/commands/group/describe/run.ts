import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError } from '../../../errors.js';
import { grid, groupMembersText, groupOffsetsJson, groupOffsetsTable, groupOffsetsText, groupStateText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const api = await import('../../../kafka/groups.js');
  const d = await ctx.bounded(api.describeGroup(client, opts.group));
  if (!d) throw new KfkError(`Consumer group '${opts.group}' does not exist.`);
  const view = opts.offsets || (!opts.members && !opts.state) ? 'offsets' : opts.members ? 'members' : 'state';
  // As kafka-consumer-groups: a note on stderr when nobody is consuming or a rebalance is under way.
  if (d.state === 'Empty') ctx.io.err(`Consumer group '${d.group}' has no active members.`);
  else if (d.state === 'PreparingRebalance' || d.state === 'CompletingRebalance') ctx.io.err(`Warning: Consumer group '${d.group}' is rebalancing.`);

  if (view === 'offsets') {
    const rows = await ctx.bounded(api.groupOffsetRows(client, d));
    await render(ctx.io, opts.output, rows, {
      text: (r) => (r.length ? groupOffsetsText(r) : ''),
      table: groupOffsetsTable,
      json: (r) => groupOffsetsJson(d, r),
    });
    return 0;
  }
  if (view === 'members') {
    await render(ctx.io, opts.output, d, {
      text: (g) => (g.members.length ? groupMembersText(g) : ''),
      table: (g, style) =>
        grid(
          ['CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT'],
          g.members.map((m) => [m.memberId, m.host, m.clientId, String(m.assignment.length), m.assignment.map((a) => `${a.topic}:${a.partition}`).join(',')]),
          style,
        ),
      json: (g) => ({ group: g.group, state: g.state, members: g.members }),
    });
    return 0;
  }
  await render(ctx.io, opts.output, d, {
    text: groupStateText,
    table: (g, style) => {
      const c = g.coordinator;
      return grid(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'], [[g.group, `${c.host}:${c.port} (${c.id})`, g.protocol || '-', g.state, String(g.members.length)]], style);
    },
    json: (g) => ({ group: g.group, state: g.state, protocolType: g.protocolType, protocol: g.protocol, coordinator: g.coordinator, members: g.members.length }),
  });
  return 0;
}
