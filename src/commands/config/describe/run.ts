// kafka-configs --describe: the resource's dynamic configs (or --all), sorted, with synonyms.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { grid } from '../../../format/group-text.js';
import { CONTROLLER_UNSUPPORTED, KfkError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import type { ConfigEntry, ResourceKind } from '../../../kafka/admin/configs.js';
import { configResource } from '../resource.js';

const DYNAMIC: Record<ResourceKind, string> = { topic: 'DYNAMIC_TOPIC_CONFIG', broker: 'DYNAMIC_BROKER_CONFIG', group: 'DYNAMIC_GROUP_CONFIG' };

export function configText(kind: ResourceKind, name: string, entries: ConfigEntry[], all: boolean): string {
  const lines = entries.map((e) => {
    const synonyms = e.synonyms.map((s) => `${s.source}:${s.name}=${s.value}`).join(', ');
    return `  ${e.name}=${e.value} sensitive=${e.sensitive} synonyms={${synonyms}}\n`;
  });
  return `${all ? 'All' : 'Dynamic'} configs for ${kind} ${name} are:\n` + lines.join('');
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { kind, name } = configResource(opts);
  if (opts.bootstrapController !== undefined && kind !== 'broker') {
    // As Kafka's admin client through a controller's listener: broker configs only.
    throw new KfkError(CONTROLLER_UNSUPPORTED);
  }
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/configs.js');
  if (kind === 'topic') {
    const { listTopicNames, explainMissingTopics } = await import('../../../kafka/admin/topics.js');
    const names = await ctx.bounded(listTopicNames(client, { includeInternal: true }));
    if (!names.includes(name)) throw await ctx.bounded(explainMissingTopics(client, [name]));
  }
  if (kind === 'broker' && client.options.controllers && /^\d+$/.test(name) && !(await ctx.bounded(api.controllerNode(client, Number(name))))) {
    // As kafka-configs through a controller's listener: an id the quorum does not list (exit 0).
    await render(ctx.io, opts.output, { resource: kind, name, configs: [] as ConfigEntry[] }, { text: (r) => `The broker '${r.name}' doesn't exist and doesn't have dynamic config.\n` });
    return 0;
  }
  const all = await ctx.bounded(api.describeConfigs(client, kind, name));
  const entries = opts.all ? all : all.filter((e) => e.source === DYNAMIC[kind]);
  if (kind === 'group' && entries.length === 0 && !opts.all) {
    // As kafka-configs: a group that has no dynamic config and is not listed is named so (exit 0).
    const { listGroups } = await import('../../../kafka/admin/groups.js');
    const groups = await ctx.bounded(listGroups(client, { allTypes: true }));
    if (!groups.some((g) => g.group === name)) {
      await render(ctx.io, opts.output, { resource: kind, name, configs: entries }, { text: (r) => `The group '${r.name}' doesn't exist and doesn't have dynamic config.\n` });
      return 0;
    }
  }
  await render(ctx.io, opts.output, { resource: kind, name, configs: entries }, {
    text: (r) => configText(r.resource, r.name, r.configs, Boolean(opts.all)),
    table: (r, style) =>
      grid(['NAME', 'VALUE', 'SOURCE', 'READ-ONLY'], r.configs.map((e) => [e.name, e.value ?? (e.sensitive ? '(sensitive)' : '-'), e.source, e.readOnly ? 'yes' : 'no']), style),
  });
  return 0;
}
