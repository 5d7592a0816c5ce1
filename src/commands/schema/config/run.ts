import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.registry(opts.schemaRegistryUrl);
  const path = `/config${opts.subject !== undefined ? `/${encodeURIComponent(opts.subject)}` : ''}`;
  const res = (opts.setCompatibility !== undefined
    ? await client.request('PUT', path, { compatibility: opts.setCompatibility })
    : await client.request('GET', path)) as { compatibilityLevel?: string; compatibility?: string };
  const level = res.compatibilityLevel ?? res.compatibility ?? '';
  await render(ctx.io, opts.output, { compatibilityLevel: level }, { text: (r) => `${r.compatibilityLevel}\n` });
  return 0;
}
