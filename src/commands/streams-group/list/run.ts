// kafka-streams-groups --list [--state [S]]: the groups in the cluster's order (the table and JSON sort them).
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';
import { grid } from '../../../format/group-text.js';
import { streamsListText } from '../../../format/streams-group-text.js';
import { outputMode, render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const api = await import('../../../kafka/admin/streams-groups.js');
  let states: Set<string> | null = null;
  if (typeof opts.state === 'string' && opts.state !== '') {
    const parsed = opts.state.split(',').map((s) => api.STREAMS_STATES.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
    if (parsed.some((s) => !s)) throw new UsageError(`Invalid state list '${opts.state}'. Valid states are: ${api.STREAMS_STATES.join(', ')}`);
    states = new Set(parsed as string[]);
  }
  const client = await ctx.kafka();
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the streams groups it coordinates are not listed`);
  const groups = (await ctx.bounded(api.listStreamsGroups(client, onUnreachable))).filter((g) => !states || states.has(g.state));
  if (outputMode(opts.output, ctx.io.stdout.isTTY) !== 'text') groups.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  await render(ctx.io, opts.output, groups, {
    text: (list) => streamsListText(list, opts.state !== undefined),
    table: (list, style) => grid(['GROUP', 'STATE'], list.map((g) => [g.group, g.state]), style),
  });
  return 0;
}
