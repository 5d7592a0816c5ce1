import type { CommandContext } from '../../../cli/context.js';
import { stopLocal } from '../../../local/cluster.js';
import { localDir } from '../../../local/state.js';

export async function run(ctx: CommandContext): Promise<number> {
  const stopped = await stopLocal(localDir(ctx.io.env));
  ctx.io.note(stopped.length ? `stopped ${stopped.length} local broker(s)` : 'no local cluster is running');
  return 0;
}
