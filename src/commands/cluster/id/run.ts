// kafka-cluster cluster-id: the cluster id from DescribeCluster, through a broker or a controller.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { describeClusterNodes } = await import('../../../kafka/admin/quorum.js');
  const { clusterId } = await ctx.bounded(describeClusterNodes(client));
  await render(ctx.io, opts.output, { clusterId }, { text: (c) => (c.clusterId ? `Cluster ID: ${c.clusterId}\n` : 'No cluster ID found. The Kafka version is probably too old.\n') });
  return 0;
}
