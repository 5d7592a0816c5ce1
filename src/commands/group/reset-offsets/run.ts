// kafka-consumer-groups --reset-offsets: a plan per partition, shown (dry run, the default) or
// committed (--execute). Refused while the group has active members, as Kafka does. Several
// groups (--group repeated, or --all-groups): each reset on its own, one table of them all.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { RESET_WARNING, grid, resetPlanText, resetPlansText } from '../../../format/group-text.js';
import { defaultHashSetOrder, javaStringHash } from '../../../format/java-order.js';
import { csvCell } from '../../../format/reset-csv.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';
import type { PartitionOffset } from '../../../kafka/admin/offsets.js';
import { type ResetGroup, planReset, runReset } from './reset.js';

type Flags = FlagsOf<typeof define>;

const inactiveOnly = (group: string, state: string) => `Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.`;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.allGroups && opts.group?.length) throw new UsageError('--group and --all-groups cannot be used together');
  if (!opts.allGroups && !opts.group?.length) throw new UsageError('give --group G or --all-groups');
  const groups = await import('../../../kafka/admin/groups.js');
  // `checked`: the caller has described the group and found it inactive; it is not asked again.
  const resetGroup = (group: string, checked = false): ResetGroup => ({
    kind: 'consumer',
    held: async (client: KafkaClient) => {
      const d = checked ? null : await ctx.bounded(groups.describeGroup(client, group));
      if (d && d.state !== 'Empty') throw new KfkError(inactiveOnly(group, d.state));
      // A committed offset of -1 is none: the partition is not the group's.
      return (await ctx.bounded(groups.committedOffsets(client, group))).filter((c) => c.offset >= 0);
    },
    apply: (client, plan) => ctx.bounded(groups.commitGroupOffsets(client, group, plan)),
  });
  // As kafka-consumer-groups, the drop-in's warning stands for kfk's note on a dry run by default.
  const flags = opts.kafkaErrors && !opts.execute ? { ...opts, dryRun: true } : opts;
  if (opts.kafkaErrors && !opts.dryRun && !opts.execute) ctx.io.err(RESET_WARNING);
  const names = [...new Set(opts.group ?? [])];
  if (!opts.allGroups && names.length === 1) {
    const group = names[0];
    if (opts.kafkaErrors && (await activeReported(ctx, opts, group))) return 0;
    return runReset(ctx, { ...flags, group }, resetGroup(group, opts.kafkaErrors));
  }

  const client = await ctx.kafka();
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the groups it coordinates are not reset`);
  const all = opts.allGroups ? (await ctx.bounded(groups.listGroups(client, { onUnreachable }))).map((g) => g.group) : names;
  // The groups in the order of the tool's HashMap of them: its Error lines as it goes, its table after.
  const results: Array<{ group: string; plan: PartitionOffset[]; refused?: string }> = [];
  for (const group of defaultHashSetOrder(all, javaStringHash)) {
    const d = await ctx.bounded(groups.describeGroup(client, group));
    if (d && d.state !== 'Empty') {
      if (opts.kafkaErrors) await ctx.io.out(`\nError: ${inactiveOnly(group, d.state)}\n`);
      results.push({ group, plan: [], refused: d.state });
      continue;
    }
    if (opts.kafkaErrors) scopeChecks(opts);
    results.push({ group, plan: (await planReset(ctx, { ...flags, group }, resetGroup(group, true))).plan });
  }
  const refused = results.filter((r) => r.refused);
  if (!opts.kafkaErrors) for (const r of refused) ctx.io.warn(inactiveOnly(r.group, r.refused!));
  if (!opts.execute && !flags.dryRun && results.some((r) => r.plan.length)) ctx.io.note('dry run (the default): nothing was changed; add --execute to apply this plan');
  if (opts.export) {
    // --export of several groups: group,topic,partition,offset lines, then an empty line.
    await ctx.io.out(results.flatMap((r) => r.plan.map((p) => `${csvCell(r.group)},${csvCell(p.topic)},${p.partition},${p.offset}\n`)).join('') + '\n');
  } else {
    await render(ctx.io, opts.output, results, {
      text: (rs) => resetPlansText(rs),
      table: (rs, style) => grid(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], rs.flatMap((r) => r.plan.map((p) => [r.group, p.topic, String(p.partition), String(p.offset)])), style),
      json: (rs) => rs.map((r) => ({ group: r.group, executed: Boolean(opts.execute) && !r.refused, offsets: r.plan, ...(r.refused ? { refused: `group is ${r.refused}` } : {}) })),
    });
  }
  if (refused.length && !opts.kafkaErrors) throw new KfkError(`${refused.length} of ${results.length} group(s) not reset: they have active members`);
  return 0;
}

/**
 * What kafka-consumer-groups checks of a group once it runs, in its order and words: an active
 * group is its Error line and an empty plan, exit 0 (true: done); then the scope and the
 * scenario, which the tool asks for only of a group it may reset.
 */
async function activeReported(ctx: CommandContext, opts: Flags, group: string): Promise<boolean> {
  const client = await ctx.kafka();
  const { describeGroup } = await import('../../../kafka/admin/groups.js');
  const d = await ctx.bounded(describeGroup(client, group));
  if (d && d.state !== 'Empty') {
    await ctx.io.out(`\nError: ${inactiveOnly(group, d.state)}\n` + (opts.export ? '\n' : resetPlanText(group, [], true)));
    return true;
  }
  scopeChecks(opts);
  return false;
}

/** The tool's checks of the reset's scope and scenario. */
function scopeChecks(opts: Flags): void {
  if (!opts.topic?.length && !opts.allTopics && opts.fromFile === undefined) throw new UsageError('One of the reset scopes should be defined: --all-topics, --topic.');
  const scenarios = [opts.toOffset, opts.toDatetime, opts.byDuration, opts.toEarliest, opts.toLatest, opts.toCurrent, opts.shiftBy, opts.fromFile];
  if (scenarios.every((s) => s === undefined)) {
    // The tool prints its HashSet of the eight, whose order changes from run to run: one of them.
    throw new UsageError("Option '[reset-offsets]' requires one of the following scenarios: [[to-datetime], [by-duration], [to-latest], [to-current], [to-earliest], [to-offset], [shift-by], [from-file]]");
  }
}
