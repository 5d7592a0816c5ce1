import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { UsageError } from '../../../errors.js';
import { SCHEMA_TYPE } from '../../../registry/serde.js';
import { parseReferences, readSchemaFile, typeOfFile } from '../register/run.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (!/^(latest|\d+)$/.test(opts.version)) throw new UsageError(`invalid --version '${opts.version}': expected a number or latest`);
  const format = typeOfFile(opts.schemaFile, opts.type);
  const body: Record<string, unknown> = { schema: readSchemaFile(opts.schemaFile) };
  if (format !== 'avro') body.schemaType = SCHEMA_TYPE[format];
  const references = parseReferences(opts.reference);
  if (references.length) body.references = references;
  const client = await ctx.registry(opts.schemaRegistryUrl);
  const res = (await client.request('POST', `/compatibility/subjects/${encodeURIComponent(opts.subject)}/versions/${opts.version}`, body)) as { is_compatible: boolean; messages?: string[] };
  await render(ctx.io, opts.output, res, { text: (r) => `${r.is_compatible ? 'compatible' : 'incompatible'}\n` });
  return res.is_compatible ? 0 : 1;
}
