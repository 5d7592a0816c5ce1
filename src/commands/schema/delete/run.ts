import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { UsageError } from '../../../errors.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.version !== undefined && !/^(latest|\d+)$/.test(opts.version)) throw new UsageError(`invalid --version '${opts.version}': expected a number or latest`);
  const client = await ctx.registry(opts.schemaRegistryUrl);
  const path = `/subjects/${encodeURIComponent(opts.subject)}${opts.version !== undefined ? `/versions/${opts.version}` : ''}${opts.permanent ? '?permanent=true' : ''}`;
  const res = (await client.request('DELETE', path)) as number | number[];
  const versions = Array.isArray(res) ? res : [res];
  await render(ctx.io, opts.output, versions, { text: (v) => v.map((x) => `${x}\n`).join('') });
  return 0;
}
