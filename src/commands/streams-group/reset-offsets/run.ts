// kafka-streams-groups --reset-offsets of one group or several (--group repeated, --all-groups): a
// plan per input partition, shown (dry run, the default) or committed (--execute), then with
// --delete-all-internal-topics (or --delete-internal-topic T) each group's internal topics deleted.
// A group with members is refused, as Kafka does (its Error line as the tool goes, then one table of
// every group); a group the cluster does not know (or of another kind) ends the command there.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import { selectedGroups } from '../../../cli/group-selection.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { KfkError, UsageError } from '../../../errors.js';
import { grid } from '../../../format/group-text.js';
import { csvCell } from '../../../format/reset-csv.js';
import { streamsResetText } from '../../../format/streams-group-text.js';
import type { PartitionOffset } from '../../../kafka/admin/offsets.js';
import { planReset } from '../../group/reset-offsets/reset.js';

type Flags = FlagsOf<typeof define>;

const inactiveOnly = (group: string, state: string) => `Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.`;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const named = selectedGroups(opts);
  if ((opts.deleteAllInternalTopics || opts.deleteInternalTopic?.length) && !opts.execute) throw new UsageError('--delete-all-internal-topics and --delete-internal-topic take --execute');
  const api = await import('../../../kafka/admin/streams-groups.js');
  const { commitGroupOffsets, committedOffsets } = await import('../../../kafka/admin/groups.js');
  const { javaHashOrder, javaStringHash } = await import('../../../kafka/admin/topics.js');
  const client = await ctx.kafka();
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the streams groups it coordinates are not reset`);
  // In the order of the tool's HashMap of the groups described.
  const groups = javaHashOrder(named ?? (await ctx.bounded(api.listStreamsGroups(client, onUnreachable))).map((g) => g.group), javaStringHash);
  const results: Array<{ group: string; plan: PartitionOffset[]; refused?: string }> = [];
  const failures: string[] = [];
  for (const group of groups) {
    const found = await ctx.bounded(api.describeStreamsGroup(client, group));
    if ('missing' in found) {
      // The tool fails there, after the Error lines of the groups before it.
      if (!opts.kafkaErrors) throw new KfkError(found.missing.includes('not a streams group') ? `Group '${group}' is not a streams group.` : `Streams group '${group}' does not exist.`);
      await ctx.io.out(`\nError: Executing streams group command failed due to java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupIdNotFoundException: ${found.missing}\n`);
      return 1;
    }
    const d = found.description;
    if (d.state !== 'Empty' && d.state !== 'Dead') {
      if (opts.kafkaErrors) await ctx.io.out(`\nError: ${inactiveOnly(group, d.state)}\n`);
      results.push({ group, plan: [], refused: d.state });
      continue;
    }
    // The input topics of its topology, all --topic may name; --all-topics: the partitions of its
    // source topics (not its repartition topics) it has committed offsets for, as the tool.
    const sources = new Set(d.subtopologies.flatMap((s) => s.sourceTopics));
    const inputs = new Set([...sources, ...d.subtopologies.flatMap((s) => s.repartitionSourceTopics)]);
    if (opts.topic?.length && opts.topic.some((t) => !inputs.has(t.split(':')[0]))) throw new KfkError(`One or more topics are not part of the group '${group}'.`);
    const committed = (await ctx.bounded(committedOffsets(client, group))).filter((o) => o.offset >= 0 && inputs.has(o.topic));
    let scope: { topic?: string[]; allTopics?: boolean } = {};
    if (opts.allTopics) {
      const byTopic = new Map<string, number[]>();
      for (const c of committed) if (sources.has(c.topic)) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c.partition]);
      if (byTopic.size === 0) {
        results.push({ group, plan: [] });
        continue;
      }
      scope = { allTopics: false, topic: [...byTopic].map(([t, ps]) => `${t}:${ps.join(',')}`) };
    }
    // The internal topics to delete once the offsets are reset (the tool finds them before, too).
    const internal = opts.deleteAllInternalTopics ? api.internalTopics(d).topics : [...new Set(opts.deleteInternalTopic ?? [])];
    const { plan } = await planReset(
      ctx,
      { ...opts, ...scope, group },
      {
        kind: 'streams',
        held: async () => committed,
        apply: async (c, p) => {
          await ctx.bounded(commitGroupOffsets(c, group, p));
          const why = internal.length ? await ctx.bounded(api.deleteInternalTopics(c, internal)) : null;
          if (why === null) return;
          // The tool says why as it goes, before the plan; kfk fails after it.
          const line = why.startsWith('org.apache.kafka.common.errors.UnknownTopicOrPartitionException')
            ? `Deleting internal topics for group '${group}' failed because the topics do not exist.`
            : `Deleting internal topics for group '${group}' failed due to ${why.replace(/^[\w.]+: /, '')}`;
          failures.push(line);
          if (opts.kafkaErrors) await ctx.io.out(`\nError: ${line}\n`);
        },
      },
    );
    results.push({ group, plan });
  }
  const refused = results.filter((r) => r.refused);
  // One group refused: its line alone, as kfk group reset-offsets says it.
  if (!opts.kafkaErrors && named?.length === 1 && refused.length === 1) throw new KfkError(inactiveOnly(refused[0].group, refused[0].refused!));
  if (!opts.kafkaErrors) for (const r of refused) ctx.io.warn(inactiveOnly(r.group, r.refused!));
  if (!opts.execute && !opts.dryRun && results.some((r) => r.plan.length)) ctx.io.note('dry run (the default): nothing was changed; add --execute to apply this plan');
  if (opts.export) {
    // The tool's CSV: topic,partition,offset for one group named, group,topic,partition,offset otherwise; then an empty line.
    const oneGroup = named?.length === 1;
    const { hashSetOrder } = await import('../../../format/java-order.js');
    const lines = results.flatMap((r) => hashSetOrder(r.plan).map((p) => `${oneGroup ? '' : `${csvCell(r.group)},`}${csvCell(p.topic)},${p.partition},${p.offset}\n`));
    await ctx.io.out(lines.join('') + '\n');
  } else {
    await render(ctx.io, opts.output, results, {
      text: (rs) => streamsResetText(rs),
      table: (rs, style) => grid(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], rs.flatMap((r) => r.plan.map((p) => [r.group, p.topic, String(p.partition), String(p.offset)])), style),
      json: (rs) => rs.map((r) => ({ group: r.group, executed: Boolean(opts.execute) && !r.refused, offsets: r.plan, ...(r.refused ? { refused: `group is ${r.refused}` } : {}) })),
    });
  }
  if (opts.kafkaErrors) return 0;
  if (failures.length) throw new KfkError(failures.join('; '));
  if (refused.length) throw new KfkError(`${refused.length} of ${results.length} streams group(s) not reset: they have active members`);
  return 0;
}
