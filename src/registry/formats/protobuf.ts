// Protobuf with protobufjs (the maintained reflection-based Protobuf library for JavaScript, no
// code generation needed): .proto text from the registry, its imports resolved from the schema's
// references and from the well-known google/protobuf/*.proto that protobufjs carries. Confluent's
// message indexes name the message within its file. Values print as Protobuf's JSON mapping
// (lowerCamelCase names, 64-bit integers as strings, enums by name, bytes in base64, fields at
// their defaults included, Timestamp and Duration as strings), as Confluent's
// kafka-protobuf-console-consumer prints them. A schema registered as a base64
// FileDescriptorProto (what Confluent's Python serializer sends) is read as well as .proto text.
import { createRequire } from 'node:module';
import { decodeMessageIndexes, encodeMessageIndexes } from '../framing.js';
import { parseJsonLine, SchemaParseError, type NamedSchema, type SchemaCodec } from './codec.js';
import { nestedOrder } from './proto-order.js';
import { ProtoTextWriter } from './protobuf-text.js';

const require = createRequire(import.meta.url);
type Pb = typeof import('protobufjs');
type PbType = import('protobufjs').Type;
type PbNamespace = import('protobufjs').Namespace;

const TO_OBJECT = { longs: String, enums: String, bytes: String, defaults: true, arrays: true, json: true } as const;
const PARSE = { keepCase: true, alternateCommentMode: true };
const isDescriptor = (text: string) => !/[;{}]/.test(text) && /^[A-Za-z0-9+/=\s]+$/.test(text.trim());

function lowerCamel(f: import('protobufjs').Field): string {
  return (f.options?.json_name as string | undefined) ?? f.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function rfc3339(seconds: string | number, nanos: number): string {
  const ms = Number(seconds) * 1000;
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
  if (!nanos) return iso + 'Z';
  const frac = String(nanos).padStart(9, '0').replace(/(000)+$/, '');
  return `${iso}.${frac}Z`;
}

/** protobufjs' object (field names as in the .proto) -> Protobuf's JSON mapping. */
function jsonOf(pb: Pb, type: PbType, obj: Record<string, unknown>): unknown {
  const name = type.fullName;
  if (name === '.google.protobuf.Timestamp') return rfc3339(obj.seconds as string, Number(obj.nanos ?? 0));
  if (name === '.google.protobuf.Duration') {
    const n = Number(obj.nanos ?? 0);
    return `${obj.seconds ?? 0}${n ? '.' + String(Math.abs(n)).padStart(9, '0').replace(/(000)+$/, '') : ''}s`;
  }
  const out: Record<string, unknown> = {};
  for (const f of type.fieldsArray) {
    let v = obj[f.name];
    if (v === null || v === undefined) continue;
    f.resolve();
    const t = f.resolvedType;
    if (t instanceof pb.Type) {
      if (f.map) v = Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, jsonOf(pb, t, x as Record<string, unknown>)]));
      else if (f.repeated) v = (v as Record<string, unknown>[]).map((x) => jsonOf(pb, t, x));
      else v = jsonOf(pb, t, v as Record<string, unknown>);
    }
    out[lowerCamel(f)] = v;
  }
  return out;
}

/** A DescriptorProto as protobufjs' descriptor extension gives it (toObject). */
interface DescriptorMessage {
  name: string;
  nestedType?: DescriptorMessage[];
  options?: { mapEntry?: boolean };
}

function messagesOf(ns: PbNamespace, pb: Pb): PbType[] {
  return ns.nestedArray.filter((n): n is PbType => n instanceof pb.Type);
}

/** Checks a JSON value against a message type: unknown fields and wrong kinds are errors. */
function check(pb: Pb, type: PbType, doc: unknown, path: string): void {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${path || 'the value'}: expected an object for ${type.fullName.slice(1)}`);
  for (const [key, val] of Object.entries(doc as Record<string, unknown>)) {
    const field = type.fields[key] ?? type.fieldsArray.find((f) => lowerCamel(f) === key);
    const at = path ? `${path}.${key}` : key;
    if (!field) throw new Error(`${at}: no such field in ${type.fullName.slice(1)}`);
    if (val === null) continue;
    field.resolve();
    const one = (v: unknown, p: string) => {
      const wk = field.resolvedType?.fullName;
      if ((wk === '.google.protobuf.Timestamp' || wk === '.google.protobuf.Duration') && typeof v === 'string') {
        if (wk === '.google.protobuf.Timestamp' && Number.isNaN(Date.parse(v))) throw new Error(`${p}: expected an RFC 3339 time, got ${JSON.stringify(v)}`);
        return;
      }
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

/** Input keys in JSON names (lowerCamelCase) or proto names -> the proto names; Timestamps from strings. */
function camelKeys(pb: Pb, type: PbType, doc: unknown): unknown {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const out: Record<string, unknown> = {};
  for (const [key, val] of Object.entries(doc as Record<string, unknown>)) {
    const field = type.fields[key] ?? type.fieldsArray.find((f) => lowerCamel(f) === key);
    const name = field ? field.name : key;
    const wk = field?.resolvedType?.fullName;
    if (typeof val === 'string' && wk === '.google.protobuf.Timestamp') {
      const ms = Date.parse(val);
      const frac = /\.(\d+)Z?$/i.exec(val)?.[1] ?? '';
      out[name] = { seconds: Math.floor(ms / 1000), nanos: Number((frac + '000000000').slice(0, 9)) };
      continue;
    }
    if (typeof val === 'string' && wk === '.google.protobuf.Duration' && /^-?\d+(\.\d+)?s$/.test(val)) {
      const [sec, frac = ''] = val.slice(0, -1).split('.');
      out[name] = { seconds: Number(sec), nanos: (val.startsWith('-') ? -1 : 1) * Number((frac + '000000000').slice(0, 9)) };
      continue;
    }
    if (field && field.resolvedType instanceof pb.Type && val !== null) {
      const t = field.resolvedType;
      out[name] = field.repeated && Array.isArray(val) ? val.map((v) => camelKeys(pb, t, v)) : field.map && typeof val === 'object' ? Object.fromEntries(Object.entries(val as object).map(([k, v]) => [k, camelKeys(pb, t, v)])) : camelKeys(pb, t, val);
    } else out[name] = val;
  }
  return out;
}

export function protobufCodec(schema: string, refs: NamedSchema[], messageName?: string): SchemaCodec {
  const pb = require('protobufjs') as Pb;
  const byName = new Map(refs.map((r) => [r.name, r.schema]));
  const common = pb.common as unknown as Record<string, import('protobufjs').INamespace & { nested: Record<string, import('protobufjs').AnyNestedObject> }>;
  let root: import('protobufjs').Root;
  let topNames: string[];
  /**
   * A descriptor's messages as its nested_type lists have them, map entries included (protoc
   * adds one per map<> field): message indexes count those, as Confluent's serializers do.
   */
  let descriptorTree: DescriptorMessage[] | undefined;
  let descriptorPackage = '';
  if (isDescriptor(schema)) {
    // Base64 FileDescriptorProtos: the file and its dependencies as one descriptor set.
    const d = require('protobufjs/ext/descriptor') as { FileDescriptorProto: PbType };
    const files: unknown[] = [];
    const seen = new Set<string>();
    const add = (name: string, text: string): Record<string, unknown> => {
      let fdp: Record<string, unknown>;
      try {
        if (!isDescriptor(text)) throw new Error('a .proto text among descriptors');
        fdp = d.FileDescriptorProto.toObject(d.FileDescriptorProto.decode(Buffer.from(text, 'base64')), { defaults: false }) as Record<string, unknown>;
      } catch (err) {
        throw new SchemaParseError(`${name === '' ? 'the schema' : `referenced schema ${name}`} is not a valid Protobuf descriptor: ${(err as Error).message}`);
      }
      for (const dep of (fdp.dependency as string[] | undefined) ?? []) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        const ref = byName.get(dep);
        if (ref !== undefined) add(dep, ref);
        else if (common[dep]) files.push(...((pb.Root.fromJSON(common[dep]) as unknown as { toDescriptor(s: string): unknown }).toDescriptor('proto3') as { file: Array<Record<string, unknown>> }).file.map((f) => ({ ...f, name: dep })));
        else throw new SchemaParseError(`the schema imports ${dep}, which is neither among its references nor a well-known type`);
      }
      files.push(fdp);
      return fdp;
    };
    const main = add('', schema);
    try {
      root = (pb.Root as unknown as { fromDescriptor(s: unknown): import('protobufjs').Root }).fromDescriptor({ file: files });
    } catch (err) {
      throw new SchemaParseError(`the schema does not resolve: ${(err as Error).message}`);
    }
    const pkg = main.package ? `.${main.package as string}` : '';
    topNames = ((main.messageType as Array<{ name: string }> | undefined) ?? []).map((m) => `${pkg}.${m.name}`);
    descriptorTree = (main.messageType as DescriptorMessage[] | undefined) ?? [];
    descriptorPackage = pkg;
    if (!topNames.length) throw new SchemaParseError('the schema defines no message');
  } else {
    root = new pb.Root();
    const loaded = new Set<string>();
    const load = (name: string, text: string): void => {
      let parsed: ReturnType<Pb['parse']>;
      try {
        parsed = pb.parse(text, root, PARSE);
      } catch (err) {
        throw new SchemaParseError(`${name === '' ? 'the schema' : `referenced schema ${name}`} is not a valid .proto: ${(err as Error).message}`);
      }
      for (const imp of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
        if (loaded.has(imp)) continue;
        loaded.add(imp);
        const ref = byName.get(imp);
        if (ref !== undefined) load(imp, ref);
        else if (common[imp]) root.addJSON(common[imp].nested);
        else throw new SchemaParseError(`the schema imports ${imp}, which is neither among its references nor a well-known type`);
      }
    };
    // The file's own top-level messages, in order: parsed alone, without its imports.
    let own: ReturnType<Pb['parse']>;
    try {
      own = pb.parse(schema, new pb.Root(), PARSE);
    } catch (err) {
      throw new SchemaParseError(`the schema is not a valid .proto: ${(err as Error).message}`);
    }
    const pkgNs = own.package ? own.root.lookup(own.package) : own.root;
    topNames = pkgNs ? messagesOf(pkgNs as PbNamespace, pb).map((t) => t.fullName) : [];
    if (!topNames.length) throw new SchemaParseError('the schema defines no message');
    load('', schema);
    try {
      root.resolveAll();
    } catch (err) {
      throw new SchemaParseError(`the schema does not resolve: ${(err as Error).message}`);
    }
  }
  const top = topNames.map((n) => root.lookupType(n));
  // A .proto text: each message's nested messages in protoc's order, map entries counted.
  const pkgPrefix = topNames[0].slice(0, topNames[0].lastIndexOf('.') + 1);
  const sourceOrder = descriptorTree ? undefined : nestedOrder(schema);
  const nestedOf = (t: PbType): Array<PbType | null> => {
    const names = sourceOrder?.get(t.fullName.slice(pkgPrefix.length));
    if (!names) return messagesOf(t, pb);
    return names.map((n) => (n === null ? null : ((t.nested?.[n] as PbType | undefined) ?? null)));
  };

  const byIndexes = new Map<string, PbType>();
  const typeAt = (indexes: number[]): PbType => {
    const key = indexes.join(',');
    let t = byIndexes.get(key);
    if (t) return t;
    if (descriptorTree) {
      let name = descriptorPackage;
      let level: DescriptorMessage[] | undefined = descriptorTree;
      let m: DescriptorMessage | undefined;
      for (const i of indexes) {
        m = level?.[i];
        if (!m) break;
        name += `.${m.name}`;
        level = m.nestedType;
      }
      if (!m || m.options?.mapEntry) throw new Error(`no message at index ${indexes.join('.')} of the schema`);
      t = root.lookupType(name);
    } else {
      t = top[indexes[0]];
      for (let i = 1; t && i < indexes.length; i++) t = nestedOf(t)[indexes[i]] ?? undefined;
    }
    if (!t) throw new Error(`no message at index ${indexes.join('.')} of the schema`);
    byIndexes.set(key, t);
    return t;
  };

  // For encoding: the named message (full or short name) or the file's first.
  let target: PbType = top[0];
  if (messageName) {
    const found = root.lookup(messageName.replace(/^\.?/, '.'));
    const pkg = topNames[0].slice(0, topNames[0].lastIndexOf('.'));
    const t = found instanceof pb.Type ? found : root.lookup(`${pkg}.${messageName}`);
    if (!(t instanceof pb.Type)) throw new SchemaParseError(`no message ${messageName} in the schema`);
    target = t;
  }
  const indexesOf = (t: PbType): number[] => {
    if (descriptorTree) {
      // The path of names under the package, looked up in the descriptor's own lists.
      const names = t.fullName.slice(descriptorPackage.length + 1).split('.');
      const path: number[] = [];
      let level: DescriptorMessage[] | undefined = descriptorTree;
      for (const n of names) {
        const i: number = level?.findIndex((m) => m.name === n) ?? -1;
        if (i < 0 || !t.fullName.startsWith(`${descriptorPackage}.`)) throw new SchemaParseError(`${t.fullName.slice(1)} is not defined in this schema's file`);
        path.push(i);
        level = level![i].nestedType;
      }
      return path;
    }
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
      path.unshift(nestedOf(parent).indexOf(cur));
      cur = parent;
    }
  };
  const targetIndexes = encodeMessageIndexes(indexesOf(target));

  const decode = (b: Buffer, start: number): unknown => {
    const { indexes, next } = decodeMessageIndexes(b, start);
    const type = typeAt(indexes);
    return jsonOf(pb, type, type.toObject(type.decode(b.subarray(next)), TO_OBJECT));
  };
  // The record path: wire bytes straight to the same JSON text, no message object (see
  // ./protobuf-text.ts); a record it leaves takes the parse above.
  const writer = new ProtoTextWriter(pb, (t) => jsonOf(pb, t, t.toObject(t.create(), TO_OBJECT)) as Record<string, unknown>, lowerCamel);
  const first = top[0];
  const written = (b: Buffer, start: number, end: number): boolean => {
    // Message indexes: [0] (one 0 byte) is the common case and needs no array.
    if (start < end && b[start] === 0) return writer.write(first, b, start + 1, end);
    const { indexes, next } = decodeMessageIndexes(b, start);
    return writer.write(typeAt(indexes), b, next, end);
  };
  const toText = (b: Buffer, start: number): string => (written(b, start, b.length) ? writer.out.toString('utf8', 0, writer.at) : JSON.stringify(decode(b, start)));
  return {
    toText,
    textAt: (b, start, end) => {
      if (written(b, start, end)) return writer;
      const out = Buffer.from(JSON.stringify(decode(b.subarray(0, end), start)));
      return { out, at: out.length };
    },
    toJsonText: toText,
    toJson: decode,
    encode(line) {
      const doc = parseJsonLine(line);
      check(pb, target, doc, '');
      const msg = target.fromObject(camelKeys(pb, target, doc) as Record<string, unknown>);
      return Buffer.concat([targetIndexes, target.encode(msg).finish()]);
    },
  };
}
