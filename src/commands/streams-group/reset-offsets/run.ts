// kafka-streams-groups --reset-offsets of one group: a plan per input partition, shown (dry run,
// the default) or committed (--execute), then with --delete-all-internal-topics (or
// --delete-internal-topic T) the group's internal topics deleted. Refused while the group has
// members, as Kafka does; a group the cluster does not know is reset as an empty one, as the tool does.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { streamsResetText } from '../../../format/streams-group-text.js';
import { runReset } from '../../group/reset-offsets/reset.js';

type Flags = FlagsOf<typeof define>;

const inactiveOnly = (group: string, state: string) => `Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.`;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const api = await import('../../../kafka/admin/streams-groups.js');
  const { commitGroupOffsets, committedOffsets } = await import('../../../kafka/admin/groups.js');
  const group = opts.group;
  const client = await ctx.kafka();
  const found = await ctx.bounded(api.describeStreamsGroup(client, group));
  const d = 'description' in found ? found.description : null;
  if (d && d.state !== 'Empty' && d.state !== 'Dead') {
    if (!opts.kafkaErrors) throw new KfkError(inactiveOnly(group, d.state));
    await ctx.io.out(`\nError: ${inactiveOnly(group, d.state)}\n` + (opts.export ? '\n' : streamsResetText(group, [])));
    return 0;
  }
  // The input topics of its topology, all --topic may name; --all-topics: the partitions of its
  // source topics (not its repartition topics) it has committed offsets for, as the tool.
  const sources = new Set((d?.subtopologies ?? []).flatMap((s) => s.sourceTopics));
  const inputs = new Set([...sources, ...(d?.subtopologies ?? []).flatMap((s) => s.repartitionSourceTopics)]);
  if (opts.topic?.length && opts.topic.some((t) => !inputs.has(t.split(':')[0]))) throw new KfkError(`One or more topics are not part of the group '${group}'.`);
  const committed = (await ctx.bounded(committedOffsets(client, group))).filter((o) => o.offset >= 0 && inputs.has(o.topic));
  let scope: { topic?: string[]; allTopics?: boolean } = {};
  if (opts.allTopics) {
    const byTopic = new Map<string, number[]>();
    for (const c of committed) if (sources.has(c.topic)) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c.partition]);
    if (byTopic.size === 0) {
      await ctx.io.out(opts.export ? '\n' : streamsResetText(group, []));
      return 0;
    }
    scope = { allTopics: false, topic: [...byTopic].map(([t, ps]) => `${t}:${ps.join(',')}`) };
  }
  if ((opts.deleteAllInternalTopics || opts.deleteInternalTopic?.length) && !opts.execute) throw new UsageError('--delete-all-internal-topics and --delete-internal-topic take --execute');
  // The internal topics to delete once the offsets are reset (the tool finds them before, too).
  let internal: string[] = [];
  if (opts.deleteAllInternalTopics && d) internal = api.internalTopics(d).topics;
  else if (opts.deleteInternalTopic?.length) internal = [...new Set(opts.deleteInternalTopic)];
  // The tool says why the topics were not deleted as it goes, before the plan; kfk fails after it.
  let failure: string | null = null;
  const code = await runReset(ctx, { ...opts, ...scope }, {
    kind: 'streams',
    held: async () => committed,
    apply: async (c, plan) => {
      await ctx.bounded(commitGroupOffsets(c, group, plan));
      const why = internal.length ? await ctx.bounded(api.deleteInternalTopics(c, internal)) : null;
      if (why === null) return;
      failure = why.startsWith('org.apache.kafka.common.errors.UnknownTopicOrPartitionException')
        ? `Deleting internal topics for group '${group}' failed because the topics do not exist.`
        : `Deleting internal topics for group '${group}' failed due to ${why.replace(/^[\w.]+: /, '')}`;
      if (opts.kafkaErrors) await ctx.io.out(`\nError: ${failure}\n`);
    },
    planText: streamsResetText,
  });
  if (failure !== null && !opts.kafkaErrors) throw new KfkError(failure);
  return code;
}
