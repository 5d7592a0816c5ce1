// kafka-client-metrics --describe: each subscription's configs as DescribeConfigs gives them
// (every entry, defaults included: an unset `match` or `metrics` shows empty), in the tool's words.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';

type Flags = FlagsOf<typeof define>;

interface Described {
  name: string;
  configs: Array<{ name: string; value: string | null }>;
}

const text = (rs: Described[]) => rs.map((r) => `Client metrics configs for ${r.name} are:\n` + r.configs.map((c) => `  ${c.name}=${c.value}\n`).join('')).join('');

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { describeEachConfigs, listClientMetrics } = await import('../../../kafka/admin/configs.js');
  const listed = await ctx.bounded(listClientMetrics(client));
  if (opts.name !== undefined && !listed.includes(opts.name)) {
    // As the tool: a subscription the cluster does not list is named so, exit 0.
    await render(ctx.io, opts.output, [] as Described[], { text: () => `The client metric resource ${opts.name} doesn't exist and doesn't have dynamic config.\n` });
    return 0;
  }
  const names = opts.name !== undefined ? [opts.name] : listed;
  const configs = await ctx.bounded(describeEachConfigs(client, 'client-metrics', names));
  const described: Described[] = names.map((name, i) => ({ name, configs: configs[i].map((c) => ({ name: c.name, value: c.value })) }));
  await render(ctx.io, opts.output, described, {
    text,
    table: (rs, style) => grid(['NAME', 'CONFIG', 'VALUE'], rs.flatMap((r) => r.configs.map((c) => [r.name, c.name, c.value ?? ''])), style),
  });
  return 0;
}
