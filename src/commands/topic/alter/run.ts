import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { parseCount, parseReplicaAssignment, parseTopicConfigs } from '../../../format/topic-args.js';
import { render } from '../../../cli/output.js';
import { topicMatcher, unmatchedPatterns } from '../../../format/topic-pattern.js';
import { notReadyNotes } from '../not-ready.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const partitions = parseCount(opts.partitions, '--partitions');
  const set = parseTopicConfigs(opts.config);
  const del = opts.deleteConfig ?? [];
  if (partitions === undefined && Object.keys(set).length === 0 && del.length === 0) {
    throw new UsageError('nothing to alter: give --partitions, --config or --delete-config');
  }
  if (partitions !== undefined && partitions < 1) throw new KfkError('The partitions must be greater than 0');
  const assignment = opts.replicaAssignment === undefined ? undefined : parseReplicaAssignment(opts.replicaAssignment);
  if (assignment && partitions === undefined) throw new UsageError('--replica-assignment needs --partitions');

  const client = await ctx.kafka('all');
  const api = await import('../../../kafka/admin/topics.js');
  const all = await ctx.bounded(api.listTopicNames(client, { includeInternal: true }));
  const names = all.filter(topicMatcher(opts.topic)).sort();
  if (!opts.ifExists) {
    const missing = unmatchedPatterns(opts.topic, all);
    if (missing.length) throw await ctx.bounded(api.explainMissingTopics(client, missing));
  }
  if (names.length === 0) return 0;
  const results: Array<{ topic: string; partitions?: number; configs?: { set: Record<string, string>; deleted: string[] } }> = [];
  for (const name of names) {
    const r: (typeof results)[number] = { topic: name };
    if (partitions !== undefined) {
      // Kafka's --replica-assignment lists every partition; the new ones are those past the current count.
      await ctx.bounded(
        api.createPartitions(client, name, partitions, assignment),
        { unanswered: `the cluster may add the partitions all the same: kfk topic describe --topic ${name} shows how many there are` },
      );
      r.partitions = partitions;
    }
    if (Object.keys(set).length || del.length) {
      await ctx.bounded(api.alterTopicConfigs(client, name, { set, delete: del }));
      r.configs = { set, deleted: del };
    }
    results.push(r);
  }
  // As create: returned once the new partitions answer at their leaders.
  if (partitions !== undefined) {
    const { awaitPartitionsAnswer, NEW_PARTITIONS_WAIT_MS, UNANSWERED } = await import('../../../kafka/admin/offsets.js');
    for (const note of notReadyNotes(await awaitPartitionsAnswer(client, names.map((topic) => ({ topic, partitions })), NEW_PARTITIONS_WAIT_MS), UNANSWERED)) ctx.io.note(note);
  }
  // As kafka-topics --alter: nothing on stdout but in JSON.
  await render(ctx.io, opts.output, results, { text: () => '' });
  return 0;
}
