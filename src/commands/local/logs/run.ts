import { existsSync, readFileSync } from 'node:fs';
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { readLocalState, localDir } from '../../../local/state.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const n = Number(opts.lines);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid --lines '${opts.lines}'`);
  const state = readLocalState(localDir(ctx.io.env));
  if (!state) throw new KfkError('no local cluster: start one with kfk local start');
  for (const node of state.nodes) {
    if (state.nodes.length > 1) await ctx.io.out(`==> broker ${node.nodeId}: ${node.logFile} <==\n`);
    if (!existsSync(node.logFile)) continue;
    const lines = readFileSync(node.logFile, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    await ctx.io.out(lines.slice(-n).join('\n') + (lines.length ? '\n' : ''));
  }
  return 0;
}
