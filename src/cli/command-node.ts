// The pieces of the command registry: the generated table (commands.generated.ts) is made of
// them and program.ts builds the command tree from them. Apart from both, so that neither imports
// the other's module back.
import type { AnyCommand, Command } from './commander.js';
import type { CommandContext } from './context.js';

/** What a command's run.ts exports: flags in, exit code out (nothing returned: 0). */
export type CommandRun<F> = (ctx: CommandContext, flags: F, command: AnyCommand) => Promise<number | void>;
export type RunLoader<F> = () => Promise<{ run: CommandRun<F> }>;

/**
 * A node of the command tree: a command with subcommands, a command that runs (its run module is
 * loaded when it runs), or one whose action is set elsewhere (compat: main.ts runs the drop-in).
 */
export type Node =
  | { define: (parent: AnyCommand) => AnyCommand; subs: Node[] }
  | { define: (parent: AnyCommand) => AnyCommand; load?: RunLoader<Record<string, unknown>> };

export const group = (define: (parent: AnyCommand) => AnyCommand, ...subs: Node[]): Node => ({ define, subs });

/** A command and its run module; the run's flags type must be what the definition parses. */
// biome-ignore lint/suspicious/noExplicitAny: a command's global options differ per parent; any accepts each
export function runs<O extends Record<string, unknown>>(define: (parent: AnyCommand) => Command<[], O, any>, load: RunLoader<O>): Node;
// biome-ignore lint/suspicious/noExplicitAny: as above
export function runs<A extends [unknown, ...unknown[]], O extends Record<string, unknown>, F extends O>(define: (parent: AnyCommand) => Command<A, O, any>, load: RunLoader<F>): Node;
export function runs(define: (parent: AnyCommand) => AnyCommand, load: RunLoader<Record<string, unknown>>): Node {
  return { define, load };
}
