// `kfk completion <shell>`: prints the completion script, generated from the command tree.
import type { AnyCommand } from '../../cli/commander.js';
import type { CommandContext } from '../../cli/context.js';
import type { Flags } from './define.js';
import { UsageError } from '../../errors.js';
import { generateCompletion, SHELLS, type Shell } from '../../completion/generate.js';

/** `command` is this command in the whole tree (src/cli/program.ts builds it whole for completion). */
export async function run(ctx: CommandContext, opts: Flags, command: AnyCommand): Promise<number> {
  if (!SHELLS.includes(opts.shell as Shell)) throw new UsageError(`unknown shell '${opts.shell}'`, `one of: ${SHELLS.join(', ')}`);
  await ctx.io.out(generateCompletion(opts.shell as Shell, command.parent!));
  return 0;
}
