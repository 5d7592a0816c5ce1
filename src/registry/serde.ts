// Schema-framed records on the record path: a decoder for consume (the schema of each id fetched
// and compiled once, then every record decoded synchronously), and an encoder for produce.
import { readFileSync } from 'node:fs';
import { KfkError, UsageError } from '../errors.js';
import { RegistryError, type RegistryClient, type RegisteredSchema, type SchemaReference, type SchemaType } from './client.js';
import { framedSchemaId, HEADER_SIZE } from './framing.js';
import type { NamedSchema, SchemaCodec, TextBytes } from './formats/codec.js';

export const RECORD_FORMATS = ['avro', 'protobuf', 'json-schema', 'string', 'bytes', 'auto'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];
export const SCHEMA_FORMATS = ['avro', 'protobuf', 'json-schema'] as const;
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number];

export const SCHEMA_TYPE: Record<SchemaFormat, SchemaType> = { avro: 'AVRO', protobuf: 'PROTOBUF', 'json-schema': 'JSON' };
const FORMAT_OF: Record<SchemaType, SchemaFormat> = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' };

export function recordFormat(v: string | undefined, flag: string): RecordFormat | undefined {
  if (v === undefined) return undefined;
  const f = v.trim().toLowerCase().replace(/^json_schema$|^jsonschema$/, 'json-schema');
  if (!(RECORD_FORMATS as readonly string[]).includes(f)) throw new UsageError(`invalid ${flag} '${v}': expected ${RECORD_FORMATS.join(', ')}`);
  return f as RecordFormat;
}

export async function compileCodec(format: SchemaFormat, schema: string, refs: NamedSchema[], messageName?: string): Promise<SchemaCodec> {
  if (format === 'avro') return (await import('./formats/avro.js')).avroCodec(schema, refs);
  if (format === 'protobuf') return (await import('./formats/protobuf.js')).protobufCodec(schema, refs, messageName);
  return (await import('./formats/json-schema.js')).jsonSchemaCodec(schema, refs);
}

/** A schema's references, fetched recursively, dependencies first. */
export async function resolveReferences(client: RegistryClient, refs: SchemaReference[], seen = new Set<string>()): Promise<NamedSchema[]> {
  const out: NamedSchema[] = [];
  for (const r of refs) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    const s = await client.subjectVersion(r.subject, r.version);
    out.push(...(await resolveReferences(client, s.references, seen)));
    out.push({ name: r.name, schema: s.schema });
  }
  return out;
}

/**
 * Schema references as Confluent's console producers take them (`value.refs`, `key.refs`): a JSON
 * array of {"name": ..., "subject": ..., "version": N}. A malformed value is a usage error.
 */
export function parseSchemaReferences(text: string, what: string): SchemaReference[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`invalid ${what}: not JSON (${(err as Error).message}); expected [{"name": ..., "subject": ..., "version": N}, ...]`);
  }
  if (!Array.isArray(doc)) throw new UsageError(`invalid ${what}: expected a JSON array of {"name": ..., "subject": ..., "version": N}`);
  const names = new Set<string>();
  return doc.map((r: unknown, i) => {
    const at = `invalid ${what}: reference ${i + 1}`;
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new UsageError(`${at}: expected an object {"name": ..., "subject": ..., "version": N}`);
    const { name, subject, version, ...rest } = r as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) throw new UsageError(`${at}: unknown field ${JSON.stringify(extra[0])} (expected name, subject and version)`);
    if (typeof name !== 'string' || !name) throw new UsageError(`${at}: "name" must be a non-empty string`);
    if (typeof subject !== 'string' || !subject) throw new UsageError(`${at}: "subject" must be a non-empty string`);
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new UsageError(`${at}: "version" must be an integer >= 1`);
    if (names.has(name)) throw new UsageError(`${at}: the name ${JSON.stringify(name)} is given twice`);
    names.add(name);
    return { name, subject, version };
  });
}

/** The references a user gave, fetched: a subject or version the registry does not have is named. */
async function resolveGivenReferences(client: RegistryClient, refs: SchemaReference[], what: string): Promise<NamedSchema[]> {
  for (const r of refs) {
    try {
      await client.subjectVersion(r.subject, r.version);
    } catch (err) {
      if (err instanceof RegistryError && err.status === 404) {
        throw new KfkError(`${what}: reference ${r.name}: subject ${r.subject} version ${r.version} is not in the Schema Registry (${err.message.replace(/^Schema Registry \S+: /, '')})`);
      }
      throw err;
    }
  }
  return resolveReferences(client, refs);
}

export interface Decoded {
  id: number;
  text: string;
  /** The value as plain JSON text (-o json). */
  jsonText: () => string;
}

/** Decodes one side (key or value) of records in the given format. */
export class RecordDecoder {
  private codecs = new Map<number, SchemaCodec | Error>();
  private pending = new Map<number, Promise<void>>();
  constructor(
    private readonly client: () => Promise<RegistryClient>,
    readonly format: RecordFormat,
    private readonly side: 'key' | 'value',
  ) {}

  get decodes(): boolean {
    return this.format !== 'string' && this.format !== 'bytes';
  }

  /** The schema id this record needs and does not have yet, if any. */
  missing(b: Buffer | null): number | undefined {
    if (!this.decodes) return undefined;
    const id = framedSchemaId(b);
    return id !== undefined && !this.codecs.has(id) ? id : undefined;
  }

  /** Fetches and compiles the schema of this id (once; a failure is kept and reported per record). */
  prepare(id: number): Promise<void> {
    let p = this.pending.get(id);
    if (!p) {
      p = (async () => {
        try {
          const client = await this.client();
          const s: RegisteredSchema = await client.schemaById(id);
          const format = FORMAT_OF[s.schemaType] ?? 'avro';
          if (this.format !== 'auto' && format !== this.format) {
            this.codecs.set(id, new Error(`schema id ${id} is ${s.schemaType}, not ${SCHEMA_TYPE[this.format as SchemaFormat]} (--${this.side}-format ${this.format})`));
            return;
          }
          const refs = await resolveReferences(client, s.references);
          this.codecs.set(id, await compileCodec(format, s.schema, refs));
        } catch (err) {
          // The registry unreachable or refusing: that stops the run, whatever the options.
          if (err instanceof KfkError && !(err instanceof RegistryError && err.status === 404)) throw err;
          this.codecs.set(id, new Error(`schema id ${id}: ${(err as Error).message.replace(/^Schema Registry \S+: /, '')}`));
        }
      })();
      this.pending.set(id, p);
    }
    return p;
  }

  /** The schema id of the last value textInto decoded, and its codec. */
  lastId = 0;
  private lastCodec: SchemaCodec | undefined;

  /**
   * The record path: the text of the framed value in `b[start, end)`, or undefined when it needs
   * the full path (not framed, schema not loaded, or not decodable: decode() says why). Written
   * into `dst` from `at` where the format can (the result's `out` is then `dst`).
   */
  textInto(b: Buffer, start: number, end: number, dst?: Buffer, at = 0): TextBytes | undefined {
    if (end - start < HEADER_SIZE || b[start] !== 0) return undefined;
    const id = b.readInt32BE(start + 1);
    const codec = id === this.lastId && this.lastCodec !== undefined ? this.lastCodec : this.codecs.get(id);
    if (codec === undefined || codec instanceof Error) return undefined;
    try {
      this.lastId = id;
      this.lastCodec = codec;
      if (dst && codec.textInto) return codec.textInto(b, start + HEADER_SIZE, end, dst, at);
      if (codec.textAt) return codec.textAt(b, start + HEADER_SIZE, end);
      const out = Buffer.from(codec.toText(b.subarray(start, end), HEADER_SIZE));
      return { out, at: out.length };
    } catch {
      return undefined;
    }
  }

  /** The decoded value, or undefined for a record printed as it is (not framed, auto). */
  decode(b: Buffer | null): Decoded | undefined {
    if (!this.decodes || b === null) return undefined;
    const id = framedSchemaId(b);
    if (id === undefined) {
      if (this.format === 'auto') return undefined;
      throw new Error(`the ${this.side} is not framed for a Schema Registry (no magic byte 0 and schema id)`);
    }
    const codec = this.codecs.get(id);
    if (codec === undefined) throw new Error(`schema id ${id} not loaded`);
    if (codec instanceof Error) throw codec;
    try {
      const text = codec.toText(b, HEADER_SIZE);
      return { id, text, jsonText: () => (codec.toJsonText ? codec.toJsonText(b, HEADER_SIZE) : JSON.stringify(codec.toJson(b, HEADER_SIZE))) };
    } catch (err) {
      throw new Error(`the ${this.side} does not decode with schema id ${id} (${this.format === 'auto' ? 'auto' : this.format}): ${(err as Error).message}`);
    }
  }
}

export interface EncoderOptions {
  side: 'key' | 'value';
  format: SchemaFormat;
  topic: string;
  schemaFile?: string;
  schemaId?: number;
  subject?: string;
  message?: string;
  /** The schema file's references (Confluent's `value.refs`): fetched, and registered with it. */
  references?: SchemaReference[];
  /** Where the references came from, for messages (`--value-schema-refs`, `value.refs`). */
  referencesFrom?: string;
  /** Confluent's serializer settings: auto.register.schemas, use.latest.version, *.subject.name.strategy. */
  properties: Map<string, string>;
}

export interface RecordEncoder {
  id: number;
  subject?: string;
  /** A JSON document -> the framed bytes; throws an Error with the reason. */
  encode(line: string): Buffer;
  /** The same in a buffer valid until the next call, `buf[0, end)`. */
  encodeFramed(line: string): { buf: Buffer; end: number };
  /** The same from the line's bytes `b[start, end)`, when the format can (else undefined: use encodeFramed). */
  encodeFramedAt?(b: Buffer, start: number, end: number): { buf: Buffer; end: number } | undefined;
}

function bool(v: string | undefined, name: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  const s = v.trim().toLowerCase();
  if (s !== 'true' && s !== 'false') throw new UsageError(`invalid ${name} '${v}': expected true or false`);
  return s === 'true';
}

/** The record name a Record(Name)Strategy uses: Avro's full name, the Protobuf message, JSON's title. */
function recordName(format: SchemaFormat, schema: string, message?: string): string | undefined {
  try {
    if (format === 'avro') {
      const d = JSON.parse(schema) as { name?: string; namespace?: string };
      if (!d.name) return undefined;
      return d.name.includes('.') || !d.namespace ? d.name : `${d.namespace}.${d.name}`;
    }
    if (format === 'json-schema') return (JSON.parse(schema) as { title?: string }).title;
  } catch {
    return undefined;
  }
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(schema)?.[1];
  const name = message ?? /^\s*message\s+(\w+)/m.exec(schema)?.[1];
  if (!name) return undefined;
  return name.includes('.') || !pkg ? name : `${pkg}.${name}`;
}

export function subjectFor(o: EncoderOptions, schema: string | undefined): string {
  if (o.subject) return o.subject;
  const raw = (o.properties.get(`${o.side}.subject.name.strategy`) ?? 'TopicNameStrategy').trim();
  const strategy = raw.replace(/^.*\./, '');
  if (strategy === 'TopicNameStrategy') return `${o.topic}-${o.side}`;
  if (strategy === 'RecordNameStrategy' || strategy === 'TopicRecordNameStrategy') {
    const name = schema === undefined ? undefined : recordName(o.format, schema, o.message);
    if (!name) throw new UsageError(`${o.side}.subject.name.strategy=${raw} needs the record name from a schema file (--${o.side}-schema-file)`);
    return strategy === 'RecordNameStrategy' ? name : `${o.topic}-${name}`;
  }
  throw new UsageError(`invalid ${o.side}.subject.name.strategy '${raw}': expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy`);
}

/** Finds or registers the schema, compiles it, and returns the encoder with its id. */
export async function openEncoder(client: () => Promise<RegistryClient>, o: EncoderOptions): Promise<RecordEncoder> {
  const { frameHeader } = await import('./framing.js');
  const type = SCHEMA_TYPE[o.format];
  let schema: RegisteredSchema;
  let id: number;
  let subject: string | undefined;
  const checkType = (s: RegisteredSchema, what: string) => {
    if (s.schemaType !== type) throw new UsageError(`${what} is ${s.schemaType}, not ${type} (--${o.side}-format ${o.format})`);
  };
  if (o.schemaId !== undefined) {
    if (o.schemaFile !== undefined) throw new UsageError(`give --${o.side}-schema-file or --${o.side}-schema-id, not both`);
    if (o.references?.length) throw new UsageError(`${o.referencesFrom ?? `${o.side}.refs`} goes with --${o.side}-schema-file (a registered schema has its references)`);
    schema = await (await client()).schemaById(o.schemaId);
    checkType(schema, `schema id ${o.schemaId}`);
    id = o.schemaId;
  } else if (o.schemaFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(o.schemaFile, 'utf8');
    } catch (err) {
      throw new KfkError(`cannot read --${o.side}-schema-file ${o.schemaFile}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    const references = o.references ?? [];
    const resolved = references.length ? await resolveGivenReferences(await client(), references, o.referencesFrom ?? `${o.side}.refs`) : [];
    // The file must compile (with its references) before anything is registered or sent.
    try {
      await compileCodec(o.format, text, resolved, o.message);
    } catch (err) {
      throw new KfkError(`${o.schemaFile}: ${(err as Error).message}`);
    }
    subject = subjectFor(o, text);
    const c = await client();
    const useLatest = bool(o.properties.get('use.latest.version'), 'use.latest.version', false);
    const autoRegister = bool(o.properties.get('auto.register.schemas'), 'auto.register.schemas', true) && !useLatest;
    if (useLatest) {
      schema = await c.subjectVersion(subject, 'latest');
      checkType(schema, `the latest version of ${subject}`);
      id = schema.id!;
    } else {
      const s = { schemaType: type, schema: text, references };
      id = autoRegister ? await c.register(subject, s) : await c.lookup(subject, s);
      schema = { ...s, id };
    }
  } else {
    if (o.references?.length) throw new UsageError(`${o.referencesFrom ?? `${o.side}.refs`} goes with --${o.side}-schema-file (a registered schema has its references)`);
    subject = subjectFor(o, undefined);
    schema = await (await client()).subjectVersion(subject, 'latest');
    checkType(schema, `the latest version of ${subject}`);
    id = schema.id!;
  }
  const refs = await resolveReferences(await client(), schema.references);
  let codec: SchemaCodec;
  try {
    codec = await compileCodec(o.format, schema.schema, refs, o.message);
  } catch (err) {
    throw new KfkError(`schema id ${id}: ${(err as Error).message}`);
  }
  const header = frameHeader(id);
  return {
    id,
    subject,
    encode: (line) => Buffer.concat([header, codec.encode(line)]),
    encodeFramed: (line) => {
      if (codec.encodeFramed) return codec.encodeFramed(header, line);
      const buf = Buffer.concat([header, codec.encode(line)]);
      return { buf, end: buf.length };
    },
    encodeFramedAt: codec.encodeFramedAt ? (b, start, end) => codec.encodeFramedAt!(header, b, start, end) : undefined,
  };
}
