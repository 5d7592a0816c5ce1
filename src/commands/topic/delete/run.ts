import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { splitTopicList, topicMatcher, unmatchedPatterns } from '../../../format/topic-pattern.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const matches = topicMatcher(opts.topic);
  const client = await ctx.kafka('all');
  const api = await import('../../../kafka/admin/topics.js');
  const all = await ctx.bounded(api.listTopicNames(client, { includeInternal: true }));
  // A pattern never sweeps up internal topics; naming one exactly is refused.
  const internal = splitTopicList(opts.topic).find((t) => t.startsWith('__') && all.includes(t));
  if (internal) throw new KfkError(`Topic ${internal} is a kafka internal topic and is not allowed to be marked for deletion.`);
  const deletable = all.filter((n) => !n.startsWith('__'));
  const names = deletable.filter(matches).sort();
  if (!opts.ifExists) {
    const missing = unmatchedPatterns(opts.topic, deletable);
    if (missing.length) throw await ctx.bounded(api.explainMissingTopics(client, missing));
  }
  if (names.length === 0) return 0;
  if (opts.dryRun) {
    await render(ctx.io, opts.output, { dryRun: true, topics: names }, { text: (r) => r.topics.map((n) => `Would delete topic ${n}.\n`).join('') });
    return 0;
  }
  if (names.length > 1 || names[0] !== opts.topic) ctx.io.note(`deleting ${names.length} topic(s) matching '${opts.topic}': ${names.join(', ')}`);
  await ctx.bounded(
    api.deleteTopics(client, names),
    { unanswered: `the cluster may delete ${names.length === 1 ? 'the topic' : 'them'} all the same: kfk topic list shows what is left; a new try with --if-exists does not fail on ${names.length === 1 ? 'it' : 'those deleted'}` },
  );
  // As kafka-topics --delete: nothing on stdout but in JSON.
  await render(ctx.io, opts.output, { dryRun: false, topics: names }, { text: () => '' });
  return 0;
}
