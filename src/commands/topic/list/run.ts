import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { topicMatcher } from '../../../format/topic-pattern.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const matches = topicMatcher(opts.topic);
  const client = await ctx.kafka('all');
  const { listTopicNames } = await import('../../../kafka/admin/topics.js');
  const names = (await ctx.bounded(listTopicNames(client, { includeInternal: !opts.excludeInternal }))).filter(matches).sort();
  // One name per line, as kafka-topics --list (which prints a lone empty line when there are
  // no topics; kfk prints nothing, so that `| wc -l` counts topics).
  await render(ctx.io, opts.output, names, { text: (list) => list.map((n) => n + '\n').join('') });
  return 0;
}
