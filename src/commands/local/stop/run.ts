import type { CommandContext } from '../../../cli/context.js';
import { stopLocal } from '../../../local/cluster.js';
import { stopRegistry } from '../../../local/registry.js';
import { localDir } from '../../../local/state.js';

export async function run(ctx: CommandContext): Promise<number> {
  const dir = localDir(ctx.io.env);
  const [stopped, registry] = await Promise.all([stopLocal(dir), stopRegistry(dir)]);
  ctx.io.note(stopped.length ? `stopped ${stopped.length} local broker(s)` : 'no local cluster is running');
  if (registry) ctx.io.note('stopped the local Schema Registry');
  return 0;
}
