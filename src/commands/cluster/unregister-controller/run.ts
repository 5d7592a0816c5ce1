// kafka-cluster unregister-controller: UnregisterController, sent to the active controller as Kafka's admin client sends it.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { unregister } from '../unregister/run.js';

type Flags = FlagsOf<typeof define>;

export function run(ctx: CommandContext, opts: Flags): Promise<number> {
  return unregister(ctx, opts, 'controller');
}
