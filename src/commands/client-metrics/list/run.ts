// kafka-client-metrics --list: ListConfigResources of type CLIENT_METRICS, in the broker's order.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { listClientMetrics } = await import('../../../kafka/admin/configs.js');
  const names = await ctx.bounded(listClientMetrics(client));
  await render(ctx.io, opts.output, names, {
    // The tool prints the names joined by newlines, then one: an empty line when there are none.
    text: (ns) => (ns.length || opts.kafkaText ? `${ns.join('\n')}\n` : ''),
    table: (ns, style) => grid(['NAME'], ns.map((n) => [n]), style),
  });
  return 0;
}
