// kafka-client-metrics --delete: DescribeConfigs of the resource, then a DELETE of each entry.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.name === undefined) throw new UsageError('A client metrics resource name must be specified with --delete.');
  const client = await ctx.kafka();
  const { alterConfigs, describeConfigs } = await import('../../../kafka/admin/configs.js');
  const configs = await ctx.bounded(describeConfigs(client, 'client-metrics', opts.name));
  await ctx.bounded(alterConfigs(client, 'client-metrics', opts.name, { set: {}, delete: configs.map((c) => c.name) }));
  await ctx.io.out(`Deleted client metrics config for ${opts.name}.\n`);
  return 0;
}
