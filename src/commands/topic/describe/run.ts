import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { describeJson, describeTable, describeText, describeView } from '../../../format/topic-describe.js';
import { render } from '../../../cli/output.js';
import { topicMatcher, unmatchedPatterns } from '../../../format/topic-pattern.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const matches = topicMatcher(opts.topic);
  const client = await ctx.kafka('all');
  const topicsApi = await import('../../../kafka/admin/topics.js');
  const all = await ctx.bounded(topicsApi.listTopicNames(client, { includeInternal: !opts.excludeInternal }));
  const names = all.filter(matches).sort();
  if (opts.topic !== undefined && !opts.ifExists) {
    const missing = unmatchedPatterns(opts.topic, all);
    if (missing.length) throw await ctx.bounded(topicsApi.explainMissingTopics(client, missing));
  }
  if (names.length === 0) return 0;
  const [topics, liveBrokers] = await ctx.bounded(
    Promise.all([topicsApi.describeTopics(client, names, { withConfigs: true, note: (line) => ctx.io.note(line) }), topicsApi.liveBrokerIds(client)]),
  );
  const order = topicsApi.describeOrder(names);
  topics.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const views = describeView(topics, opts, new Set(liveBrokers));
  await render(ctx.io, opts.output, views, { text: describeText, table: describeTable, json: describeJson, jsonIndent: 2 });
  return 0;
}
