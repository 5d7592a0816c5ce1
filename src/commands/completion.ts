import type { CommandContext } from '../context.js';
import { generateCompletion, type Shell } from '../completion/generate.js';

export async function run(ctx: CommandContext, opts: { shell: Shell }): Promise<number> {
  await ctx.io.out(generateCompletion(opts.shell));
  return 0;
}
