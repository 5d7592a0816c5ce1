// Avro with avsc (a maintained, dependency-free Avro implementation for JavaScript): Confluent's
// console consumer prints values in Avro's JSON encoding (unions as {"type": value}, bytes as
// ISO-8859-1 strings, logical types as their underlying values), and so does kfk. Input lines
// may be in that encoding or plain JSON (unions not wrapped), as Confluent's serializers take it.
import { createRequire } from 'node:module';
import { parseJsonLine, SchemaParseError, type NamedSchema, type SchemaCodec, type TextBytes } from './codec.js';
import { AvroTextReader, AvroWriter, markBigIntegers } from './avro-fast.js';

const require = createRequire(import.meta.url);
/** avsc's types module: all kfk uses of it (its package entry also loads its file containers, RPC services and IDL reader: 12 ms more at every start). */
type Avsc = { Type: typeof import('avsc').Type };
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

export { javaDouble } from './avro-numbers.js';

export function avroCodec(schema: string, refs: NamedSchema[]): SchemaCodec {
  const avsc = require('avsc/lib/types') as Avsc;
  const plain = build(avsc, schema, refs, 'never');
  let wrapped: AvroType | undefined;
  const wrappedType = () => (wrapped ??= build(avsc, schema, refs, true));
  // The record path: compiled once, then no object per record.
  const text = new AvroTextReader(plain, 'avro');
  let json: AvroTextReader | undefined;
  const jsonReader = () => (json ??= new AvroTextReader(plain, 'plain'));
  const writer = new AvroWriter(plain);
  const framedAt = { buf: writer.buffer, end: 0 };
  /** textInto's result, one for the run (the caller takes its fields before the next record). */
  const into: TextBytes = { out: Buffer.alloc(0), from: 0, at: 0 };
  const noHeader = Buffer.alloc(0);
  const slowEncode = (line: string): Buffer => {
    const doc = parseJsonLine(line);
    if (plain.isValid(doc)) return plain.toBuffer(doc);
    // Avro's JSON encoding (unions wrapped, bytes as strings: what Confluent's
    // kafka-avro-console-producer reads), for what the compiled writer leaves (field defaults).
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
  };
  const encodeFramed = (header: Buffer, line: string): { buf: Buffer; end: number } => {
    // Plain JSON (as a program hands a value to Confluent's serializers) or Avro's JSON encoding
    // ({"type": value} unions); integers beyond 2^53 kept exact.
    let end = writer.encode(header, parseJsonLine(line));
    if (end < 0 && writer.inexact) end = writer.encode(header, parseJsonLine(markBigIntegers(line)));
    if (end >= 0) return { buf: writer.buffer, end };
    const body = slowEncode(line);
    return { buf: Buffer.concat([header, body]), end: header.length + body.length };
  };
  return {
    toText: (b, start) => text.text(b, start, b.length),
    textAt: (b, start, end) => {
      text.write(b, start, end);
      return text;
    },
    textInto: (b, start, end, dst, at) => {
      const e = text.writeInto(dst, at, b, start, end);
      into.out = e < 0 ? text.out : dst;
      into.from = at;
      into.at = e < 0 ? text.at : e;
      return into;
    },
    toJson: (b, start) => JSON.parse(jsonReader().text(b, start, b.length)) as unknown,
    toJsonText: (b, start) => jsonReader().text(b, start, b.length),
    encode(line) {
      const { buf, end } = encodeFramed(noHeader, line);
      return Buffer.from(buf.subarray(0, end));
    },
    encodeFramed,
    // One result object for the run: the caller takes its fields before the next line.
    encodeFramedAt: (header, b, start, end) => {
      const at = writer.encodeText(header, b, start, end);
      if (at < 0) return undefined;
      framedAt.buf = writer.buffer;
      framedAt.end = at;
      return framedAt;
    },
  };
}
