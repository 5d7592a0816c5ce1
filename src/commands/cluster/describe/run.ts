import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { grid } from '../../../format/group-text.js';
import { outputMode, tableStyle } from '../../../format/style.js';

/** Cluster id, the controller the brokers report, and every live broker with its rack. */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { describeClusterInfo } = await import('../../../kafka/configs.js');
  const info = await ctx.bounded(describeClusterInfo(client));
  const mode = outputMode(opts.output, ctx.io.stdout.isTTY);
  if (mode === 'json') {
    await ctx.io.out(JSON.stringify(info) + '\n');
    return 0;
  }
  let text = `Cluster ID: ${info.clusterId}\nController: ${info.controller}\n`;
  if (mode === 'table') {
    const rows = info.brokers.map((b) => [String(b.id), `${b.host}:${b.port}`, b.rack ?? '-', b.id === info.controller ? 'yes' : '']);
    text += await grid(['ID', 'ADDRESS', 'RACK', 'CONTROLLER'], rows, await tableStyle(ctx.io.color));
  } else {
    text += info.brokers.map((b) => `Broker: ${b.id}\tHost: ${b.host}:${b.port}\tRack: ${b.rack ?? 'null'}\n`).join('');
  }
  await ctx.io.out(text);
  return 0;
}
