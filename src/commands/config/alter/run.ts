// kafka-configs --alter: --set k=v and --delete k change only the named keys.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { CONTROLLER_UNSUPPORTED, KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { parseTopicConfigs } from '../../../format/topic-args.js';
import { splitOutside } from '../../../format/topic-pattern.js';
import { RESOURCE_LABEL, configResource } from '../resource.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { kind, name } = configResource(opts);
  const sets = [...(opts.set ?? []), ...(opts.addConfig ?? [])];
  const set = parseTopicConfigs(sets.length ? sets.flatMap((s) => splitConfigList(s)) : undefined);
  const del = [...(opts.delete ?? []), ...(opts.deleteConfig ?? [])].flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean);
  if (Object.keys(set).length === 0 && del.length === 0) throw new UsageError('nothing to alter: give --set k=v or --delete k');
  const both = del.filter((k) => k in set);
  if (both.length) throw new UsageError(`cannot --set and --delete the same key: ${both.join(', ')}`);
  if (opts.bootstrapController !== undefined && kind !== 'broker') {
    // As Kafka's admin client through a controller's listener: broker configs only.
    throw new KfkError(CONTROLLER_UNSUPPORTED);
  }
  const client = await ctx.kafka();
  if (kind === 'topic') {
    const { listTopicNames, explainMissingTopics } = await import('../../../kafka/admin/topics.js');
    const names = await ctx.bounded(listTopicNames(client, { includeInternal: true }));
    if (!names.includes(name)) throw await ctx.bounded(explainMissingTopics(client, [name]));
  }
  const { alterConfigs } = await import('../../../kafka/admin/configs.js');
  await ctx.bounded(alterConfigs(client, kind, name, { set, delete: del }));
  await render(ctx.io, opts.output, { resource: kind, name, set, deleted: del }, { text: (r) => `Completed updating config for ${RESOURCE_LABEL[r.resource]} ${r.name}.\n` });
  return 0;
}

/** kafka-configs' --add-config a=1,b=[x,y]: commas split pairs except inside brackets. */
export function splitConfigList(text: string): string[] {
  return splitOutside(text, '[', ']').map((s) => s.replace(/=\[(.*)\]$/, '=$1'));
}
