// `kfk completion <shell>`: prints the completion script, generated from the command tree.
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { generateCompletion, SHELLS, type Shell } from '../completion/generate.js';

export async function run(ctx: CommandContext, opts: { shell: string }): Promise<number> {
  if (!SHELLS.includes(opts.shell as Shell)) throw new UsageError(`unknown shell '${opts.shell}'`, `one of: ${SHELLS.join(', ')}`);
  await ctx.io.out(generateCompletion(opts.shell as Shell));
  return 0;
}
