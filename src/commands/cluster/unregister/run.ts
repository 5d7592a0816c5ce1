// kafka-cluster unregister: UnregisterBroker, sent to the active controller as Kafka's admin client sends it.
// `kfk cluster unregister-controller` runs the same with UnregisterController.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export function run(ctx: CommandContext, opts: Flags): Promise<number> {
  return unregister(ctx, opts, 'broker');
}

export async function unregister(ctx: CommandContext, opts: Pick<Flags, 'id' | 'output'>, node: 'broker' | 'controller'): Promise<number> {
  if (!/^-?\d+$/.test(opts.id) || Math.abs(Number(opts.id)) > 2147483647) throw new UsageError(`invalid --id '${opts.id}': expected a node id`);
  const id = Number(opts.id);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/quorum.js');
  await ctx.bounded(node === 'broker' ? api.unregisterBroker(client, id) : api.unregisterController(client, id));
  const result = node === 'broker' ? { brokerId: id, unregistered: true } : { controllerId: id, unregistered: true };
  await render(ctx.io, opts.output, result, { text: () => `${node === 'broker' ? 'Broker' : 'Controller'} ${id} is no longer registered.\n` });
  return 0;
}
