// JSON Schema with Ajv (the most used JSON Schema validator for JavaScript; drafts 7, 2019-09 and
// 2020-12): the value is the JSON document itself; kfk validates what it writes against the
// schema, $refs to the schema's references included, as Confluent's JSONSerializer does.
import { createRequire } from 'node:module';
import { parseJsonLine, SchemaParseError, type NamedSchema, type SchemaCodec, type TextBytes } from './codec.js';
import { compactJson, JSON_AS_IS, JSON_REWRITE, jsonTextKind } from './json-canonical.js';

const require = createRequire(import.meta.url);

type AjvLike = { addSchema(s: unknown, key?: string): unknown; compile(s: unknown): ValidateFn };
type ValidateFn = ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };

function ajvFor(doc: Record<string, unknown>): AjvLike {
  const draft = String(doc.$schema ?? '');
  const opts = { strict: false, allErrors: false, validateSchema: false, validateFormats: false };
  const mod = /2020-12/.test(draft) ? require('ajv/dist/2020') : /2019-09/.test(draft) ? require('ajv/dist/2019') : require('ajv');
  const Ajv = (mod.default ?? mod) as new (o: unknown) => AjvLike;
  return new Ajv(opts);
}

export function jsonSchemaCodec(schema: string, refs: NamedSchema[]): SchemaCodec {
  const parse = (text: string, what: string): Record<string, unknown> => {
    try {
      const d = JSON.parse(text);
      if (typeof d !== 'object' && typeof d !== 'boolean') throw new Error('not an object');
      return d;
    } catch (err) {
      throw new SchemaParseError(`${what} is not a valid JSON Schema: ${(err as Error).message}`);
    }
  };
  const doc = parse(schema, 'the schema');
  let validate: ValidateFn | undefined;
  const validator = () => {
    if (validate) return validate;
    const ajv = ajvFor(doc);
    try {
      for (const r of refs) {
        const rd = parse(r.schema, `referenced schema ${r.name}`);
        const { $schema: _, ...rest } = rd;
        ajv.addSchema(rest, r.name);
      }
      const { $schema: _, ...main } = doc;
      validate = ajv.compile(main);
    } catch (err) {
      throw new SchemaParseError(`the schema is not a valid JSON Schema: ${(err as Error).message}`);
    }
    return validate;
  };
  // The value is JSON already: printed as it stands (or less its whitespace) when that is what
  // JSON.stringify of its parse gives (keys in order, numbers as JavaScript writes them), else
  // re-written.
  const view: TextBytes = { out: Buffer.alloc(0), from: 0, at: 0 };
  let spare = Buffer.allocUnsafe(16 * 1024);
  const direct = (b: Buffer, start: number, end: number): TextBytes | undefined => {
    const how = jsonTextKind(b, start, end);
    if (how === JSON_REWRITE) return undefined;
    if (how === JSON_AS_IS) {
      view.out = b;
      view.from = start;
    } else {
      if (spare.length < end - start) spare = Buffer.allocUnsafe(Math.max(spare.length * 2, end - start));
      view.out = spare;
      view.from = 0;
      end = compactJson(b, start, end, spare, 0);
    }
    view.at = end;
    return view;
  };
  const rewrite = (b: Buffer, start: number, end: number) => JSON.stringify(JSON.parse(b.toString('utf8', start, end)));
  const toText = (b: Buffer, start: number): string => {
    const t = direct(b, start, b.length);
    return t ? t.out.toString('utf8', t.from, t.at) : rewrite(b, start, b.length);
  };
  return {
    toText: (b, start) => toText(b, start),
    textAt: (b, start, end) => {
      const t = direct(b, start, end);
      if (t) return t;
      const out = Buffer.from(rewrite(b, start, end));
      return { out, from: 0, at: out.length };
    },
    toJson: (b, start) => JSON.parse(b.toString('utf8', start)),
    toJsonText: (b, start) => toText(b, start),
    encode(line) {
      const value = parseJsonLine(line);
      const v = validator();
      if (!v(value)) {
        const e = v.errors?.[0];
        throw new Error(`does not match the JSON Schema: ${e ? `${e.instancePath || '/'} ${e.message ?? 'is not valid'}` : 'not valid'}`);
      }
      return Buffer.from(JSON.stringify(value));
    },
  };
}
