import { readFileSync } from 'node:fs';
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { KfkError, UsageError } from '../../../errors.js';
import { SCHEMA_TYPE, type SchemaFormat } from '../../../registry/serde.js';

type Flags = FlagsOf<typeof define>;

export function typeOfFile(file: string, flag: string | undefined): SchemaFormat {
  if (flag) return flag as SchemaFormat;
  if (/\.avsc$/i.test(file)) return 'avro';
  if (/\.proto$/i.test(file)) return 'protobuf';
  if (/\.json$/i.test(file)) return 'json-schema';
  throw new UsageError(`cannot tell the schema type of ${file} from its extension: give --type avro, protobuf or json-schema`);
}

export function readSchemaFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new KfkError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

export function parseReferences(refs: string[] | undefined) {
  return (refs ?? []).map((r) => {
    const m = /^([^=]+)=(.+):(\d+)$/.exec(r.trim());
    if (!m) throw new UsageError(`invalid --reference '${r}': expected name=subject:version`);
    return { name: m[1], subject: m[2], version: Number(m[3]) };
  });
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const format = typeOfFile(opts.schemaFile, opts.type);
  const schema = readSchemaFile(opts.schemaFile);
  const references = parseReferences(opts.reference);
  const client = await ctx.registry(opts.schemaRegistryUrl);
  const id = await client.register(opts.subject, { schemaType: SCHEMA_TYPE[format], schema, references });
  await render(ctx.io, opts.output, { id }, { text: (x) => `${x.id}\n` });
  return 0;
}
