// Protobuf with protobufjs (the maintained reflection-based Protobuf library for JavaScript, no
// code generation needed): .proto text from the registry, its imports resolved from the schema's
// references and from the well-known google/protobuf/*.proto that protobufjs carries. Confluent's
// message indexes name the message within its file. Values print as Protobuf's JSON mapping
// (lowerCamelCase names, 64-bit integers as strings, enums by name, bytes in base64, fields at
// their defaults included), as Confluent's kafka-protobuf-console-consumer prints them.
import { createRequire } from 'node:module';
import { decodeMessageIndexes, encodeMessageIndexes } from '../framing.js';
import { parseJsonLine, SchemaParseError, type NamedSchema, type SchemaCodec } from './codec.js';

const require = createRequire(import.meta.url);
type Pb = typeof import('protobufjs');
type PbType = import('protobufjs').Type;
type PbNamespace = import('protobufjs').Namespace;

const TO_OBJECT = { longs: String, enums: String, bytes: String, defaults: true, arrays: true, json: true } as const;

function messagesOf(ns: PbNamespace, pb: Pb): PbType[] {
  return ns.nestedArray.filter((n): n is PbType => n instanceof pb.Type);
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

/** Checks a JSON value against a message type: unknown fields and wrong kinds are errors. */
function check(pb: Pb, type: PbType, doc: unknown, path: string): void {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${path || 'the value'}: expected an object for ${type.fullName.slice(1)}`);
  for (const [key, val] of Object.entries(doc as Record<string, unknown>)) {
    const field = type.fields[key] ?? type.fieldsArray.find((f) => f.options?.json_name === key || snake(f.name) === key || f.name === camel(key));
    const at = path ? `${path}.${key}` : key;
    if (!field) throw new Error(`${at}: no such field in ${type.fullName.slice(1)}`);
    if (val === null) continue;
    field.resolve();
    const one = (v: unknown, p: string) => {
      if (field.resolvedType instanceof pb.Type) return check(pb, field.resolvedType, v, p);
      if (field.resolvedType instanceof pb.Enum) {
        if (typeof v === 'string' ? !(v in field.resolvedType.values) : !Number.isInteger(v)) throw new Error(`${p}: expected a value of enum ${field.resolvedType.name}, got ${JSON.stringify(v)}`);
        return;
      }
      const t = field.type;
      const ok =
        t === 'string' ? typeof v === 'string'
        : t === 'bool' ? typeof v === 'boolean'
        : t === 'bytes' ? typeof v === 'string'
        : t === 'double' || t === 'float' ? typeof v === 'number' || v === 'NaN' || v === 'Infinity' || v === '-Infinity'
        : /64$/.test(t) ? (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))
        : typeof v === 'number' && Number.isInteger(v);
      if (!ok) throw new Error(`${p}: expected ${t}, got ${JSON.stringify(v)}`);
    };
    if (field.map) {
      if (typeof val !== 'object' || Array.isArray(val)) throw new Error(`${at}: expected an object (map)`);
      for (const [k, v] of Object.entries(val as Record<string, unknown>)) one(v, `${at}.${k}`);
    } else if (field.repeated) {
      if (!Array.isArray(val)) throw new Error(`${at}: expected an array`);
      val.forEach((v, i) => one(v, `${at}[${i}]`));
    } else one(val, at);
  }
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Input keys in proto names (snake_case) -> protobufjs' camelCase names. */
function camelKeys(pb: Pb, type: PbType, doc: unknown): unknown {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const out: Record<string, unknown> = {};
  for (const [key, val] of Object.entries(doc as Record<string, unknown>)) {
    const field = type.fields[key] ?? type.fields[camel(key)];
    const name = field ? field.name : key;
    if (field && field.resolvedType instanceof pb.Type && val !== null) {
      const t = field.resolvedType;
      out[name] = field.repeated && Array.isArray(val) ? val.map((v) => camelKeys(pb, t, v)) : field.map && typeof val === 'object' ? Object.fromEntries(Object.entries(val as object).map(([k, v]) => [k, camelKeys(pb, t, v)])) : camelKeys(pb, t, val);
    } else out[name] = val;
  }
  return out;
}

export function protobufCodec(schema: string, refs: NamedSchema[], messageName?: string): SchemaCodec {
  const pb = require('protobufjs') as Pb;
  const root = new pb.Root();
  const byName = new Map(refs.map((r) => [r.name, r.schema]));
  const loaded = new Set<string>();
  const load = (name: string, text: string): { package?: string } => {
    let parsed: ReturnType<Pb['parse']>;
    try {
      parsed = pb.parse(text, root, { keepCase: false, alternateCommentMode: true });
    } catch (err) {
      throw new SchemaParseError(`${name === '' ? 'the schema' : `referenced schema ${name}`} is not a valid .proto: ${(err as Error).message}`);
    }
    for (const imp of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      if (loaded.has(imp)) continue;
      loaded.add(imp);
      const ref = byName.get(imp);
      if (ref !== undefined) load(imp, ref);
      else if ((pb.common as unknown as Record<string, unknown>)[imp]) root.addJSON(((pb.common as unknown as Record<string, { nested: Record<string, import('protobufjs').AnyNestedObject> }>)[imp]).nested);
      else throw new SchemaParseError(`the schema imports ${imp}, which is neither among its references nor a well-known type`);
    }
    return { package: parsed.package ?? undefined };
  };
  // The file's own top-level messages, in order: parsed alone, without its imports.
  let own: ReturnType<Pb['parse']>;
  try {
    own = pb.parse(schema, new pb.Root(), { keepCase: false, alternateCommentMode: true });
  } catch (err) {
    throw new SchemaParseError(`the schema is not a valid .proto: ${(err as Error).message}`);
  }
  const pkgNs = own.package ? own.root.lookup(own.package) : own.root;
  const topNames = pkgNs ? messagesOf(pkgNs as PbNamespace, pb).map((t) => t.fullName) : [];
  if (!topNames.length) throw new SchemaParseError('the schema defines no message');
  load('', schema);
  try {
    root.resolveAll();
  } catch (err) {
    throw new SchemaParseError(`the schema does not resolve: ${(err as Error).message}`);
  }
  const top = topNames.map((n) => root.lookupType(n));

  const byIndexes = new Map<string, PbType>();
  const typeAt = (indexes: number[]): PbType => {
    const key = indexes.join(',');
    let t = byIndexes.get(key);
    if (t) return t;
    t = top[indexes[0]];
    for (let i = 1; t && i < indexes.length; i++) t = messagesOf(t, pb)[indexes[i]];
    if (!t) throw new Error(`no message at index ${indexes.join('.')} of the schema`);
    byIndexes.set(key, t);
    return t;
  };

  // For encoding: the named message (full or short name) or the file's first.
  let target: PbType = top[0];
  if (messageName) {
    const found = root.lookup(messageName.replace(/^\.?/, '.'));
    const t = found instanceof pb.Type ? found : (own.package ? root.lookup(`.${own.package}.${messageName}`) : undefined);
    if (!(t instanceof pb.Type)) throw new SchemaParseError(`no message ${messageName} in the schema`);
    target = t;
  }
  const indexesOf = (t: PbType): number[] => {
    const path: number[] = [];
    let cur: PbType = t;
    for (;;) {
      const parent = cur.parent;
      const topIdx = top.indexOf(cur);
      if (topIdx >= 0) {
        path.unshift(topIdx);
        return path;
      }
      if (!(parent instanceof pb.Type)) throw new SchemaParseError(`${t.fullName.slice(1)} is not defined in this schema's file`);
      path.unshift(messagesOf(parent, pb).indexOf(cur));
      cur = parent;
    }
  };
  const targetIndexes = encodeMessageIndexes(indexesOf(target));

  const decode = (b: Buffer, start: number): unknown => {
    const { indexes, next } = decodeMessageIndexes(b, start);
    const type = typeAt(indexes);
    return dropNulls(type.toObject(type.decode(b.subarray(next)), TO_OBJECT));
  };
  return {
    toText: (b, start) => JSON.stringify(decode(b, start)),
    toJson: decode,
    encode(line) {
      const doc = parseJsonLine(line);
      check(pb, target, doc, '');
      const msg = target.fromObject(camelKeys(pb, target, doc) as Record<string, unknown>);
      return Buffer.concat([targetIndexes, target.encode(msg).finish()]);
    },
  };
}
