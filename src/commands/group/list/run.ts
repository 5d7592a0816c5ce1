import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { UsageError } from '../../../errors.js';
import { grid, groupListText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';

const STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty'];

/** `--state` alone adds the STATE column (as kafka-consumer-groups); `--state S[,S]` also filters. */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  let wanted: Set<string> | null = null;
  if (typeof opts.state === 'string') {
    const parsed = opts.state.split(',').map((s) => s.trim());
    const canonical = parsed.map((s) => STATES.find((v) => v.toLowerCase() === s.toLowerCase()));
    if (canonical.some((s) => !s)) throw new UsageError(`Invalid state list '${opts.state}'. Valid states are: ${STATES.join(', ')}`);
    wanted = new Set(canonical as string[]);
  }
  const client = await ctx.kafka();
  const { listGroups } = await import('../../../kafka/groups.js');
  const unreachable = (nodeId: number) => ctx.io.err(`kfk: broker ${nodeId} did not answer: the groups it coordinates are not listed`);
  const groups = (await ctx.bounded(listGroups(client, unreachable))).filter((g) => !wanted || wanted.has(g.state));
  await render(ctx.io, opts.output, groups, {
    text: (list) => groupListText(list, opts.state !== undefined),
    table: (list, style) => grid(['GROUP', 'STATE', 'PROTOCOL-TYPE', 'PROTOCOL'], list.map((g) => [g.group, g.state, g.protocolType || '-', g.protocol || '-']), style),
  });
  return 0;
}
