import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { grid } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

/** Cluster id, the controller the brokers report, and every live broker with its rack. */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { describeClusterInfo } = await import('../../../kafka/admin/configs.js');
  const info = await ctx.bounded(describeClusterInfo(client));
  const head = `Cluster ID: ${info.clusterId}\nController: ${info.controller}\n`;
  await render(ctx.io, opts.output, info, {
    text: (c) => head + c.brokers.map((b) => `Broker: ${b.id}\tHost: ${b.host}:${b.port}\tRack: ${b.rack ?? 'null'}\n`).join(''),
    table: async (c, style) =>
      head + (await grid(['ID', 'ADDRESS', 'RACK', 'CONTROLLER'], c.brokers.map((b) => [String(b.id), `${b.host}:${b.port}`, b.rack ?? '-', b.id === c.controller ? 'yes' : '']), style)),
  });
  return 0;
}
