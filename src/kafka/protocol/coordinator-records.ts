// The records Kafka's coordinators write to their internal topics (__consumer_offsets,
// __transaction_state): the key starts with an int16 record type, the value with an int16
// version, and the rest is a message in Kafka's protocol encoding (compact strings, arrays and
// tagged fields from a schema's first flexible version). The schemas are Kafka's own message
// definitions, generated into ./coordinator-schemas.ts by scripts/gen-coordinator-schemas.mjs.

/** A decoded message: fields in schema order, with Kafka's camelCase JSON names. */
export type CoordinatorValue = null | number | bigint | string | boolean | Buffer | Uuid | JavaDouble | CoordinatorValue[] | CoordinatorStruct;

/** A float64 field: printed as Java prints a double (1024.0, 2.0E7), where an integer field is not. */
export class JavaDouble {
  constructor(readonly value: number) {}
  toString(): string {
    return String(this.value);
  }
}
export class CoordinatorStruct {
  constructor(readonly fields: Array<[string, CoordinatorValue]>) {}
  get(name: string): CoordinatorValue | undefined {
    return this.fields.find(([n]) => n === name)?.[1];
  }
  set(name: string, v: CoordinatorValue): void {
    const e = this.fields.find(([n]) => n === name);
    if (e) e[1] = v;
  }
}

export class Uuid {
  constructor(readonly bytes: Buffer) {}
  /** Kafka's Uuid.toString: URL-safe base64 without padding. */
  toString(): string {
    return this.bytes.toString('base64url');
  }
  isZero(): boolean {
    return this.bytes.every((b) => b === 0);
  }
}

type Scalar = 'int8' | 'int16' | 'uint16' | 'int32' | 'int64' | 'float64' | 'string' | 'bytes' | 'uuid' | 'bool';
interface Field {
  name: string;
  type: Scalar | `[]${Scalar}` | '[]struct' | 'struct';
  /** Versions the field is in: "0+", "3+", "1", "0-4". */
  versions: string;
  nullable?: string;
  /** A tagged field: its tag, and the default that is not written (nor printed). */
  tag?: number;
  default?: number | string | null;
  fields?: Field[];
}
export interface MessageSchema {
  name: string;
  versions: string;
  /** First flexible version, or undefined for none. */
  flexibleFrom?: number;
  fields: Field[];
}

function inVersions(range: string | undefined, v: number): boolean {
  if (range === undefined || range === 'none') return false;
  if (range.endsWith('+')) return v >= Number(range.slice(0, -1));
  const [lo, hi] = range.split('-').map(Number);
  return hi === undefined ? v === lo : v >= lo && v <= hi;
}

/** A record type of a coordinator's topic: its key and value schemas. The tables of them are
 * generated from Kafka's own message definitions: ./coordinator-schemas.ts. */
export interface CoordinatorRecordType {
  type: number;
  key: MessageSchema;
  value: MessageSchema;
}

export class CoordinatorRecordError extends Error {}

/** An unsigned varint at `pos.off` (Kafka's ByteUtils.readUnsignedVarint), advancing it. */
export function readUnsignedVarint(b: Buffer, pos: { off: number }): number {
  let v = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos.off >= b.length) throw new CoordinatorRecordError('the record ends early');
    const byte = b[pos.off++];
    v += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return v;
    if (shift > 28) throw new CoordinatorRecordError('a varint is too long');
  }
}

class Reader {
  off = 0;
  constructor(readonly b: Buffer) {}
  need(n: number) {
    if (this.off + n > this.b.length) throw new CoordinatorRecordError('the record ends early');
  }
  int8() { this.need(1); return this.b.readInt8(this.off++); }
  int16() { this.need(2); const v = this.b.readInt16BE(this.off); this.off += 2; return v; }
  int32() { this.need(4); const v = this.b.readInt32BE(this.off); this.off += 4; return v; }
  int64() { this.need(8); const v = this.b.readBigInt64BE(this.off); this.off += 8; return v; }
  uvarint() {
    return readUnsignedVarint(this.b, this);
  }
  bytes(n: number) { this.need(n); const v = this.b.subarray(this.off, this.off + n); this.off += n; return v; }
}

function readField(r: Reader, fd: Field, version: number, flexible: boolean): CoordinatorValue {
  const length = (compact: boolean, wide: boolean) => (compact ? r.uvarint() - 1 : wide ? r.int32() : r.int16());
  switch (fd.type) {
    case 'int8': return r.int8();
    case 'int16': return r.int16();
    case 'uint16': { r.need(2); const v = r.b.readUInt16BE(r.off); r.off += 2; return v; }
    case 'float64': { r.need(8); const v = r.b.readDoubleBE(r.off); r.off += 8; return new JavaDouble(v); }
    case 'int32': return r.int32();
    case 'int64': return r.int64();
    case 'bool': return r.int8() !== 0;
    case 'uuid': return new Uuid(Buffer.from(r.bytes(16)));
    case 'string': {
      const n = length(flexible, false);
      return n < 0 ? null : r.bytes(n).toString('utf8');
    }
    case 'bytes': {
      const n = length(flexible, true);
      return n < 0 ? null : Buffer.from(r.bytes(n));
    }
    case 'struct': {
      // A nullable struct has a byte in front: 1 when one follows, -1 for null (Kafka's message
      // generator; StreamsGroupMemberMetadataValue's userEndpoint), and 0 for null as a tagged
      // field (a broker's ConsumerGroupMemberMetadataValue carries its classicMemberMetadata so).
      if (inVersions(fd.nullable, version) && r.int8() <= 0) return null;
      return readStruct(r, fd.fields!, version, flexible);
    }
    default: {
      // An array: of structs, or of one scalar type.
      const n = length(flexible, true);
      if (n < 0) return null;
      const items: CoordinatorValue[] = [];
      const item: Field = { name: fd.name, type: fd.type.slice(2) as Scalar, versions: fd.versions };
      for (let i = 0; i < n; i++) items.push(fd.type === '[]struct' ? readStruct(r, fd.fields!, version, flexible) : readField(r, item, version, flexible));
      return items;
    }
  }
}

function readStruct(r: Reader, fields: Field[], version: number, flexible: boolean): CoordinatorStruct {
  const out: Array<[string, CoordinatorValue]> = [];
  const tagged = new Map<number, Field>();
  const written = new Set<number>();
  for (const fd of fields) {
    if (!inVersions(fd.versions, version)) continue;
    if (fd.tag !== undefined) {
      tagged.set(fd.tag, fd);
      out.push([fd.name, fd.default ?? null]);
      continue;
    }
    out.push([fd.name, readField(r, fd, version, flexible)]);
  }
  if (flexible) {
    const count = r.uvarint();
    for (let i = 0; i < count; i++) {
      const tag = r.uvarint();
      const size = r.uvarint();
      const fd = tagged.get(tag);
      written.add(tag);
      const body = new Reader(r.bytes(size));
      if (fd) out.find(([n]) => n === fd.name)![1] = readField(body, fd, version, true);
    }
  }
  // Tagged fields at their default are not printed (Kafka's JSON converters skip them).
  return new CoordinatorStruct(out.filter(([name, v]) => {
    const fd = tagged.size ? fields.find((x) => x.name === name && x.tag !== undefined) : undefined;
    if (!fd) return true;
    // A tagged struct is printed whenever it was written, null included (ConsumerGroupMemberMetadataValue's classicMemberMetadata).
    if (fd.type === 'struct') return written.has(fd.tag!);
    if (v instanceof Uuid) return !v.isZero();
    return v !== null && String(v) !== String(fd.default);
  }));
}

/** Reads a message of `schema` at `version` from the whole of `b`. */
export function readMessage(b: Buffer, schema: MessageSchema, version: number): CoordinatorStruct {
  const flexible = schema.flexibleFrom !== undefined && version >= schema.flexibleFrom;
  return readStruct(new Reader(b), schema.fields, version, flexible);
}

export function supportsVersion(schema: MessageSchema, version: number): boolean {
  return inVersions(schema.versions, version);
}
