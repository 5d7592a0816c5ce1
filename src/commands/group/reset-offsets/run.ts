// kafka-consumer-groups --reset-offsets: a plan per partition, shown (dry run, the default) or
// committed (--execute). Refused while the group has active members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { RESET_WARNING, resetPlanText } from '../../../format/group-text.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';
import { runReset } from './reset.js';

type Flags = FlagsOf<typeof define>;

const inactiveOnly = (group: string, state: string) => `Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.`;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const groups = await import('../../../kafka/admin/groups.js');
  if (opts.kafkaErrors) {
    const done = await kafkaChecks(ctx, opts);
    if (done) return 0;
  }
  const held = async (client: KafkaClient) => {
    const d = await ctx.bounded(groups.describeGroup(client, opts.group));
    if (d && d.state !== 'Empty') throw new KfkError(inactiveOnly(opts.group, d.state));
    // A committed offset of -1 is none: the partition is not the group's.
    return (await ctx.bounded(groups.committedOffsets(client, opts.group))).filter((c) => c.offset >= 0);
  };
  // As kafka-consumer-groups, the drop-in's warning stands for kfk's note on a dry run by default.
  const flags = opts.kafkaErrors && !opts.execute ? { ...opts, dryRun: true } : opts;
  return runReset(ctx, flags, { kind: 'consumer', held, apply: (client, plan) => ctx.bounded(groups.commitGroupOffsets(client, opts.group, plan)) });
}

/**
 * What kafka-consumer-groups checks once it runs, in its order and words: its warning for a dry
 * run by default; an active group (its Error line and an empty plan, exit 0: true when done);
 * then the scope and the scenario, which the tool asks for only of a group it may reset.
 */
async function kafkaChecks(ctx: CommandContext, opts: Flags): Promise<boolean> {
  if (!opts.dryRun && !opts.execute) ctx.io.err(RESET_WARNING);
  const client = await ctx.kafka();
  const { describeGroup } = await import('../../../kafka/admin/groups.js');
  const d = await ctx.bounded(describeGroup(client, opts.group));
  if (d && d.state !== 'Empty') {
    await ctx.io.out(`\nError: ${inactiveOnly(opts.group, d.state)}\n` + (opts.export ? '\n' : resetPlanText(opts.group, [], true)));
    return true;
  }
  if (!opts.topic?.length && !opts.allTopics && opts.fromFile === undefined) throw new UsageError('One of the reset scopes should be defined: --all-topics, --topic.');
  const scenarios = [opts.toOffset, opts.toDatetime, opts.byDuration, opts.toEarliest, opts.toLatest, opts.toCurrent, opts.shiftBy, opts.fromFile];
  if (scenarios.every((s) => s === undefined)) {
    // The tool prints its HashSet of the eight, whose order changes from run to run: one of them.
    throw new UsageError("Option '[reset-offsets]' requires one of the following scenarios: [[to-datetime], [by-duration], [to-latest], [to-current], [to-earliest], [to-offset], [shift-by], [from-file]]");
  }
  return false;
}
