import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.registry(opts.schemaRegistryUrl);
  const path = opts.subject !== undefined ? `/subjects/${encodeURIComponent(opts.subject)}/versions` : `/subjects${opts.deleted ? '?deleted=true' : ''}`;
  const list = (await client.request('GET', path)) as Array<string | number>;
  await render(ctx.io, opts.output, list, { text: (l) => l.map((x) => `${x}\n`).join('') });
  return 0;
}
