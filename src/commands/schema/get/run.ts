import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { UsageError } from '../../../errors.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if ((opts.subject === undefined) === (opts.id === undefined)) throw new UsageError('exactly one of --subject or --id is required');
  if (opts.id !== undefined && !/^\d+$/.test(opts.id)) throw new UsageError(`invalid --id '${opts.id}': expected a non-negative integer`);
  if (!/^(latest|\d+)$/.test(opts.version)) throw new UsageError(`invalid --version '${opts.version}': expected a number or latest`);
  const client = await ctx.registry(opts.schemaRegistryUrl);
  const s = opts.id !== undefined ? await client.schemaById(Number(opts.id)) : await client.subjectVersion(opts.subject!, opts.version);
  // The schema text is the data: as registered, one newline after it.
  await render(ctx.io, opts.output, s, { text: (x) => x.schema.replace(/\n?$/, '\n') });
  return 0;
}
