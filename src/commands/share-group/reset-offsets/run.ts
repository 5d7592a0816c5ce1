// kafka-share-groups --reset-offsets: a plan per partition, shown (dry run, the default) or applied
// (--execute, AlterShareGroupOffsets). Refused while the group has members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError } from '../../../errors.js';
import { grid, resetPlanText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';
import { resetRequest } from '../../group/reset-offsets/request.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { to, named } = resetRequest(opts, 'share');
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/share-groups.js');
  const { tpKey } = await import('../../../kafka/admin/offsets.js');
  const { resetPlan, resetTargets } = await import('../../../kafka/admin/reset-plan.js');
  const step = <T>(request: Promise<T>) => ctx.bounded(request);
  const d = await ctx.bounded(api.describeShareGroup(client, opts.group));
  if (d && d.state !== 'Empty' && d.state !== 'Dead') throw new KfkError(`Share group '${opts.group}' is not empty.`);
  const known = d ? await ctx.bounded(api.shareGroupOffsets(client, opts.group)) : [];
  const current = new Map(known.filter((k) => k.startOffset !== null).map((k) => [tpKey(k.topic, k.partition), k.startOffset!]));

  // --all-topics: every partition the group knows, with a start offset or not.
  const targets = await resetTargets(client, step, named ?? { held: known });
  if (targets.length === 0) {
    await render(ctx.io, opts.output, [], { text: () => '\n' });
    return 0;
  }
  const plan = await resetPlan(client, step, { targets, to, current });
  if (opts.execute) await ctx.bounded(api.alterShareOffsets(client, opts.group, plan));
  else if (!opts.dryRun) ctx.io.note('dry run (the default): nothing was changed; add --execute to apply this plan');

  const was = (p: { topic: string; partition: number }) => current.get(tpKey(p.topic, p.partition));
  await render(ctx.io, opts.output, { group: opts.group, executed: Boolean(opts.execute), offsets: plan }, {
    text: (r) => resetPlanText(r.group, r.offsets),
    table: (r, style) => grid(['TOPIC', 'PARTITION', 'START-OFFSET', 'NEW-OFFSET'], r.offsets.map((p) => [p.topic, String(p.partition), String(was(p) ?? '-'), String(p.offset)]), style),
  });
  return 0;
}
