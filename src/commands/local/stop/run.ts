import type { CommandContext } from '../../../cli/context.js';
import { stopLocal } from '../../../local/cluster.js';
import { localDir } from '../../../local/state.js';

export async function run(ctx: CommandContext): Promise<number> {
  const stopped = await stopLocal(localDir(ctx.io.env));
  ctx.io.err(stopped.length ? `kfk: stopped ${stopped.length} local broker(s)` : 'kfk: no local cluster is running');
  return 0;
}
