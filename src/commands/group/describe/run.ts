import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError } from '../../../errors.js';
import { grid, groupMembersText, groupOffsetsJson, groupOffsetsTable, groupOffsetsText, groupStateText } from '../../../format/group-text.js';
import { outputMode, tableStyle } from '../../../format/style.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const api = await import('../../../kafka/groups.js');
  const d = await ctx.bounded(api.describeGroup(client, opts.group));
  if (!d) throw new KfkError(`Consumer group '${opts.group}' does not exist.`);
  const mode = outputMode(opts.output, ctx.io.stdout.isTTY);
  const view = opts.offsets || (!opts.members && !opts.state) ? 'offsets' : opts.members ? 'members' : 'state';
  // As kafka-consumer-groups: a note on stderr when nobody is consuming or a rebalance is under way.
  if (d.state === 'Empty') ctx.io.err(`Consumer group '${d.group}' has no active members.`);
  else if (d.state === 'PreparingRebalance' || d.state === 'CompletingRebalance') ctx.io.err(`Warning: Consumer group '${d.group}' is rebalancing.`);

  if (view === 'offsets') {
    const rows = await ctx.bounded(api.groupOffsetRows(client, d));
    if (mode === 'json') await ctx.io.out(groupOffsetsJson(d, rows));
    else if (mode === 'table') await ctx.io.out(await groupOffsetsTable(rows, await tableStyle(ctx.io.color)));
    else if (rows.length) await ctx.io.out(groupOffsetsText(rows));
    return 0;
  }
  if (view === 'members') {
    if (mode === 'json') await ctx.io.out(JSON.stringify({ group: d.group, state: d.state, members: d.members }) + '\n');
    else if (mode === 'table') {
      const rows = d.members.map((m) => [m.memberId, m.host, m.clientId, String(m.assignment.length), m.assignment.map((a) => `${a.topic}:${a.partition}`).join(',')]);
      await ctx.io.out(await grid(['CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT'], rows, await tableStyle(ctx.io.color)));
    } else if (d.members.length) await ctx.io.out(groupMembersText(d));
    return 0;
  }
  if (mode === 'json') {
    await ctx.io.out(JSON.stringify({ group: d.group, state: d.state, protocolType: d.protocolType, protocol: d.protocol, coordinator: d.coordinator, members: d.members.length }) + '\n');
  } else if (mode === 'table') {
    const c = d.coordinator;
    await ctx.io.out(await grid(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'], [[d.group, `${c.host}:${c.port} (${c.id})`, d.protocol || '-', d.state, String(d.members.length)]], await tableStyle(ctx.io.color)));
  } else await ctx.io.out(groupStateText(d));
  return 0;
}
