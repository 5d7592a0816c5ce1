import type { CommandContext } from '../../context.js';
import { topicMatcher } from '../../format/topic-pattern.js';

export async function run(ctx: CommandContext, opts: { topic?: string; excludeInternal?: boolean; output?: string }): Promise<number> {
  const matches = topicMatcher(opts.topic);
  const admin = await ctx.admin();
  const names = (await ctx.bounded(admin.listTopics()))
    .filter((t) => !(opts.excludeInternal && t.startsWith('__')))
    .filter(matches)
    .sort();
  if (opts.output === 'json') {
    await ctx.io.out(JSON.stringify(names) + '\n');
  } else {
    await ctx.io.out(names.map((n) => n + '\n').join(''));
  }
  return 0;
}
