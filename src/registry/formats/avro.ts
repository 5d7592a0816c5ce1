// Avro with avsc (a maintained, dependency-free Avro implementation for JavaScript): Confluent's
// console consumer prints values in Avro's JSON encoding (unions as {"type": value}, bytes as
// ISO-8859-1 strings, logical types as their underlying values), and so does kfk. Input lines
// may be in that encoding or plain JSON (unions not wrapped), as Confluent's serializers take it.
import { createRequire } from 'node:module';
import { parseJsonLine, SchemaParseError, type NamedSchema, type SchemaCodec } from './codec.js';

const require = createRequire(import.meta.url);
type Avsc = typeof import('avsc');
type AvroType = import('avsc').Type;

function build(avsc: Avsc, schema: string, refs: NamedSchema[], wrapUnions: boolean | 'never'): AvroType {
  const registry: Record<string, AvroType> = {};
  const parse = (text: string, what: string): AvroType => {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      // A bare name ("string", or a named type of a reference) is a valid schema too.
      doc = text.trim();
    }
    try {
      return avsc.Type.forSchema(doc as import('avsc').Schema, { registry, wrapUnions });
    } catch (err) {
      throw new SchemaParseError(`${what} is not a valid Avro schema: ${(err as Error).message}`);
    }
  };
  for (const r of refs) parse(r.schema, `referenced schema ${r.name}`);
  return parse(schema, 'the schema');
}

/** A double as Java's Double.toString writes it (Avro's JsonEncoder, via Jackson): 2.0, 1.0E7. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (!Number.isFinite(n)) return n > 0 ? '"Infinity"' : '"-Infinity"';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const a = Math.abs(n);
  if (a >= 1e-3 && a < 1e7) {
    const t = String(n);
    return /[.e]/.test(t) ? t : `${t}.0`;
  }
  const [m, e] = n.toExponential().split('e');
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

/** A value of a type with wrapped unions in Avro's JSON encoding, as Java's JsonEncoder writes it. */
function avroJson(type: AvroType, v: unknown): string {
  const t = type as AvroType & { typeName: string; fields?: Array<{ name: string; type: AvroType }>; itemsType?: AvroType; valuesType?: AvroType; types?: AvroType[]; branchName?: string };
  switch (t.typeName) {
    case 'double':
    case 'float':
      return javaDouble(v as number);
    case 'record':
    case 'error': {
      const o = v as Record<string, unknown>;
      return `{${t.fields!.map((f) => `${JSON.stringify(f.name)}:${avroJson(f.type, o[f.name])}`).join(',')}}`;
    }
    case 'array':
      return `[${(v as unknown[]).map((x) => avroJson(t.itemsType!, x)).join(',')}]`;
    case 'map':
      return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}:${avroJson(t.valuesType!, x)}`).join(',')}}`;
    case 'union:wrapped': {
      if (v === null || v === undefined) return 'null';
      const [branch, inner] = Object.entries(v as Record<string, unknown>)[0];
      const bt = t.types!.find((x) => (x as { branchName?: string }).branchName === branch)!;
      return `{${JSON.stringify(branch)}:${avroJson(bt, inner)}}`;
    }
    case 'bytes':
    case 'fixed':
      return JSON.stringify((v as Buffer).toString('latin1'));
    case 'long':
    case 'int':
      return String(v);
    default:
      return JSON.stringify(v ?? null);
  }
}

export function avroCodec(schema: string, refs: NamedSchema[]): SchemaCodec {
  const avsc = require('avsc') as Avsc;
  const plain = build(avsc, schema, refs, 'never');
  let wrapped: AvroType | undefined;
  const wrappedType = () => (wrapped ??= build(avsc, schema, refs, true));
  return {
    toText(b, start) {
      const w = wrappedType();
      return avroJson(w, w.fromBuffer(start ? b.subarray(start) : b));
    },
    toJson(b, start) {
      return JSON.parse(plain.toString(plain.fromBuffer(start ? b.subarray(start) : b)));
    },
    encode(line) {
      const doc = parseJsonLine(line);
      // Plain JSON first (as a program hands a value to Confluent's serializers): one parse ...
      if (plain.isValid(doc)) return plain.toBuffer(doc);
      // ... then Avro's JSON encoding (unions wrapped, bytes as strings: what Confluent's
      // kafka-avro-console-producer reads).
      try {
        const w = wrappedType();
        return w.toBuffer(w.fromString(line));
      } catch {
        // reported below, against the plain reading
      }
      let reason = '';
      plain.isValid(doc, {
        errorHook: (path: string[], val: unknown, type: AvroType) => {
          if (!reason) reason = `${path.length ? `field ${path.join('.')}: ` : ''}expected ${JSON.stringify(type.schema())}, got ${val === undefined ? 'nothing' : JSON.stringify(val)}`;
        },
      });
      throw new Error(`does not match the Avro schema: ${reason}`);
    },
  };
}
