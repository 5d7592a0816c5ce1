// kafka-configs --describe: the resource's dynamic configs (or --all), sorted, with synonyms.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { grid } from '../../../format/group-text.js';
import { CONTROLLER_UNSUPPORTED, KfkError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import type { ConfigEntry, ResourceKind } from '../../../kafka/admin/configs.js';
import { RESOURCE_LABEL, configResource } from '../resource.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';

type Flags = FlagsOf<typeof define>;

const DYNAMIC: Record<ResourceKind, string> = { topic: 'DYNAMIC_TOPIC_CONFIG', broker: 'DYNAMIC_BROKER_CONFIG', group: 'DYNAMIC_GROUP_CONFIG', 'client-metrics': 'DYNAMIC_CLIENT_METRICS_CONFIG' };

export function configText(kind: ResourceKind, name: string, entries: ConfigEntry[], all: boolean): string {
  const lines = entries.map((e) => {
    const synonyms = e.synonyms.map((s) => `${s.source}:${s.name}=${s.value}`).join(', ');
    return `  ${e.name}=${e.value} sensitive=${e.sensitive} synonyms={${synonyms}}\n`;
  });
  return `${all ? 'All' : 'Dynamic'} configs for ${RESOURCE_LABEL[kind]} ${name} are:\n` + lines.join('');
}

/** Whether the topic or (a node id as the tool takes it) the broker is in the cluster. */
async function exists(client: KafkaClient, kind: 'topic' | 'broker', name: string): Promise<boolean> {
  if (kind === 'topic') {
    const { listTopicNames } = await import('../../../kafka/admin/topics.js');
    return (await listTopicNames(client, { includeInternal: true })).includes(name);
  }
  const { brokerIds } = await import('../../../kafka/admin/log-dirs.js');
  return (await brokerIds(client)).some((id) => String(id) === name);
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.clientMetrics === true && [opts.topic, opts.broker, opts.group].every((o) => o === undefined)) return everyClientMetrics(ctx, opts);
  const { kind, name } = configResource(opts);
  if (opts.bootstrapController !== undefined && kind !== 'broker') {
    // As Kafka's admin client through a controller's listener: broker configs only.
    throw new KfkError(CONTROLLER_UNSUPPORTED);
  }
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/configs.js');
  if (opts.kafkaConfigsText && (kind === 'topic' || kind === 'broker') && !(await ctx.bounded(exists(client, kind, name)))) {
    // As kafka-configs: a topic or broker that is not there is named so on stdout (exit 0); with
    // --all the tool asks for its configs anyway, after the heading, and fails.
    if (!opts.all) {
      await ctx.io.out(`The ${kind} '${name}' doesn't exist and doesn't have dynamic config.\n`);
      return 0;
    }
    await ctx.io.out(`All configs for ${kind} ${name} are:\n`);
  }
  if (kind === 'topic') {
    const { listTopicNames, explainMissingTopics } = await import('../../../kafka/admin/topics.js');
    const names = await ctx.bounded(listTopicNames(client, { includeInternal: true }));
    if (!names.includes(name)) throw await ctx.bounded(explainMissingTopics(client, [name]));
  }
  const all = await ctx.bounded(api.describeConfigs(client, kind, name));
  const entries = opts.all ? all : all.filter((e) => e.source === DYNAMIC[kind]);
  if (kind === 'client-metrics' && entries.length === 0 && !opts.all) {
    // As kafka-configs: a resource the cluster does not list is named so (exit 0).
    const { listClientMetrics } = await import('../../../kafka/admin/configs.js');
    if (!(await ctx.bounded(listClientMetrics(client))).includes(name)) {
      await render(ctx.io, opts.output, { resource: kind, name, configs: entries }, { text: (r) => `The client-metric '${r.name}' doesn't exist and doesn't have dynamic config.\n` });
      return 0;
    }
  }
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

/** `--client-metrics` without a name (kafka-configs --entity-type client-metrics alone): each resource the cluster lists, in its order. */
async function everyClientMetrics(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.bootstrapController !== undefined) throw new KfkError(CONTROLLER_UNSUPPORTED);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/configs.js');
  const names = await ctx.bounded(api.listClientMetrics(client));
  const configs = await ctx.bounded(api.describeEachConfigs(client, 'client-metrics', names));
  const described = names.map((name, i) => ({ resource: 'client-metrics' as const, name, configs: opts.all ? configs[i] : configs[i].filter((e) => e.source === DYNAMIC['client-metrics']) }));
  await render(ctx.io, opts.output, described, {
    text: (rs) => rs.map((r) => configText(r.resource, r.name, r.configs, Boolean(opts.all))).join(''),
    table: (rs, style) => grid(['RESOURCE', 'NAME', 'VALUE', 'SOURCE'], rs.flatMap((r) => r.configs.map((e) => [r.name, e.name, e.value ?? '-', e.source])), style),
  });
  return 0;
}
