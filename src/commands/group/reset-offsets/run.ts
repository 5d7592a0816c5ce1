// kafka-consumer-groups --reset-offsets: a plan per partition, shown (dry run, the default) or
// committed (--execute). Refused while the group has active members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError } from '../../../errors.js';
import { grid, resetPlanText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';
import { resetRequest } from './request.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { to, named } = resetRequest(opts, 'consumer');
  const client = await ctx.kafka();
  const groups = await import('../../../kafka/admin/groups.js');
  const { tpKey } = await import('../../../kafka/admin/offsets.js');
  const { resetPlan, resetTargets } = await import('../../../kafka/admin/reset-plan.js');
  const step = <T>(request: Promise<T>) => ctx.bounded(request);
  const d = await ctx.bounded(groups.describeGroup(client, opts.group));
  if (d && d.state !== 'Empty') {
    throw new KfkError(`Assignments can only be reset if the group '${opts.group}' is inactive, but the current state is ${d.state}.`);
  }
  const committed = (await ctx.bounded(groups.committedOffsets(client, opts.group))).filter((c) => c.offset >= 0);
  const current = new Map(committed.map((c) => [tpKey(c.topic, c.partition), c.offset]));

  const targets = await resetTargets(client, step, named ?? { held: committed });
  if (targets.length === 0) {
    // Nothing to reset: an empty list (text: Kafka's empty line).
    await render(ctx.io, opts.output, [], { text: () => '\n' });
    return 0;
  }
  const noRecordAtTime = (topic: string, partition: number) => ctx.io.warn(`partition ${partition} of topic ${topic} has no record at or after that time: using the log end`);
  const plan = await resetPlan(client, step, { targets, to, current, noRecordAtTime });
  if (opts.execute) await ctx.bounded(groups.commitGroupOffsets(client, opts.group, plan));
  else if (!opts.dryRun) ctx.io.note('dry run (the default): nothing was changed; add --execute to apply this plan');

  const was = (p: { topic: string; partition: number }) => current.get(tpKey(p.topic, p.partition));
  await render(ctx.io, opts.output, { group: opts.group, executed: Boolean(opts.execute), offsets: plan }, {
    text: (r) => resetPlanText(r.group, r.offsets),
    table: (r, style) => grid(['TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'NEW-OFFSET'], r.offsets.map((p) => [p.topic, String(p.partition), String(was(p) ?? '-'), String(p.offset)]), style),
  });
  return 0;
}
