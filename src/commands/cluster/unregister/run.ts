// kafka-cluster unregister: UnregisterBroker, sent to the active controller as Kafka's admin client sends it.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (!/^-?\d+$/.test(opts.id) || Math.abs(Number(opts.id)) > 2147483647) throw new UsageError(`invalid --id '${opts.id}': expected a node id`);
  const id = Number(opts.id);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/quorum.js');
  await ctx.bounded(api.unregisterBroker(client, id));
  await render(ctx.io, opts.output, { brokerId: id, unregistered: true }, { text: () => `Broker ${id} is no longer registered.\n` });
  return 0;
}
