// Protobuf wire bytes straight to the JSON text the parse path prints (protobufjs' decode and
// toObject, then the JSON mapping of ./protobuf.ts), with no message object per record: fields
// in their declared order, fields at their defaults included (their text taken from protobufjs
// itself), 64-bit integers as strings, enums by name, bytes in base64, nested messages,
// repeated fields (packed or not), maps with string keys, Timestamp and Duration as strings.
// Whatever this does not handle the same way for sure (a singular field given twice, which
// protobufjs merges or replaces; two members of a oneof; a wire type other than the field's;
// map keys JavaScript would reorder or merge; invalid UTF-8; Any; groups; ...) returns false,
// and the record takes the parse path, so the output is the same for every record.
type Pb = typeof import('protobufjs');
type PbType = import('protobufjs').Type;
type PbField = import('protobufjs').Field;
import { isIndexKey } from './json-canonical.js';
import { TextOut } from './text-out.js';

/** Thrown inside, caught in write(): this record takes the parse path. */
const FALLBACK = new Error('protobuf: the parse path');
const MAX_DEPTH = 32;
const MAX_MAP_KEYS = 32;

const Kind = {
  Int32: 0, Uint32: 1, Sint32: 2, Fixed32: 3, Sfixed32: 4, Int64: 5, Uint64: 6, Sint64: 7, Fixed64: 8, Sfixed64: 9, Double: 10, Float: 11, Bool: 12, String: 13, Bytes: 14, Enum: 15, Message: 16,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const KINDS: Record<string, Kind> = {
  int32: Kind.Int32, uint32: Kind.Uint32, sint32: Kind.Sint32, fixed32: Kind.Fixed32, sfixed32: Kind.Sfixed32,
  int64: Kind.Int64, uint64: Kind.Uint64, sint64: Kind.Sint64, fixed64: Kind.Fixed64, sfixed64: Kind.Sfixed64,
  double: Kind.Double, float: Kind.Float, bool: Kind.Bool, string: Kind.String, bytes: Kind.Bytes,
};

function wireOf(k: Kind): number {
  if (k === Kind.Fixed64 || k === Kind.Sfixed64 || k === Kind.Double) return 1;
  if (k === Kind.Fixed32 || k === Kind.Sfixed32 || k === Kind.Float) return 5;
  if (k === Kind.String || k === Kind.Bytes || k === Kind.Message) return 2;
  return 0;
}

/** What a value of a field (or a map's value) is. */
interface ValuePlan {
  kind: Kind;
  /** Enum names as JSON text by number (a number not there prints as the number). */
  enumNames?: Map<number, Buffer>;
  /** A closed (proto2) enum: a number it does not name takes the parse path. */
  closed?: boolean;
  message?: PbType;
}

interface FieldPlan extends ValuePlan {
  id: number;
  /** `"jsonName":` */
  key: Buffer;
  wire: number;
  repeated: boolean;
  packable: boolean;
  map: boolean;
  /** A map's value; null: a map whose keys are not strings (entries take the parse path). */
  mapValue?: ValuePlan | null;
  /** The text printed when absent, or null: left out when absent. */
  absent: Buffer | null;
  required: boolean;
  /** Its oneof's index among the message's oneofs, or -1. */
  oneof: number;
}

interface MessagePlan {
  special: 'timestamp' | 'duration' | undefined;
  fields: FieldPlan[];
  byId: Map<number, number>;
  oneofs: number;
  /** Per depth: where each field was seen (pass 1), -1 when not. */
  seen: Int32Array[];
  oneofSeen: Uint8Array[];
}

const B = (s: string) => Buffer.from(s);
const NULL_TEXT = { NaN: B('"NaN"'), Infinity: B('"Infinity"'), '-Infinity': B('"-Infinity"') };
const B64 = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const TWO32 = 4294967296;

export class ProtoTextWriter extends TextOut {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private plans = new Map<PbType, MessagePlan | null>();
  // Map keys of the maps being written (nested ones above): [start, end) pairs.
  private keys = new Int32Array(2 * MAX_MAP_KEYS * MAX_DEPTH);
  private keyTop = 0;
  // The last varint read as two 32-bit halves.
  private lo = 0;
  private hi = 0;

  /**
   * @param pb protobufjs
   * @param defaults a message type's JSON (as the parse path prints it) with every field absent
   * @param jsonName a field's JSON key (as the parse path names it)
   */
  constructor(
    private readonly pb: Pb,
    private readonly defaults: (t: PbType) => Record<string, unknown>,
    private readonly jsonName: (f: PbField) => string,
  ) {
    super();
  }

  /** Writes the JSON text of the `type` message in `b[start, end)` to `out[0, at)`; false: take the parse path. */
  write(type: PbType, b: Buffer, start: number, end: number): boolean {
    this.buf = b;
    this.at = 0;
    this.keyTop = 0;
    try {
      const plan = this.plan(type);
      if (!plan) return false;
      this.message(plan, start, end, 0);
      return true;
    } catch (err) {
      if (err === FALLBACK) return false;
      throw err;
    }
  }

  private plan(type: PbType): MessagePlan | null {
    if (this.plans.has(type)) return this.plans.get(type)!;
    this.plans.set(type, null); // recursion: filled in below
    const p = this.makePlan(type);
    this.plans.set(type, p);
    return p;
  }

  private makePlan(type: PbType): MessagePlan | null {
    const pb = this.pb;
    const name = type.fullName;
    const special = name === '.google.protobuf.Timestamp' ? 'timestamp' : name === '.google.protobuf.Duration' ? 'duration' : undefined;
    if (name === '.google.protobuf.Any') return null;
    let defaults: Record<string, unknown>;
    try {
      defaults = special ? {} : this.defaults(type);
    } catch {
      return null;
    }
    const fields: FieldPlan[] = [];
    const byId = new Map<number, number>();
    const oneofNames: string[] = [];
    const keys = new Set<string>();
    for (const f of type.fieldsArray) {
      f.resolve();
      if (f.delimited) return null;
      const key = this.jsonName(f);
      // Keys JavaScript would order first or merge, or that would set a prototype.
      if (keys.has(key) || /^(0|[1-9]\d*)$/.test(key) || key === '__proto__') return null;
      keys.add(key);
      const value = (t: string, resolved: unknown): ValuePlan | null => {
        if (resolved instanceof pb.Enum) {
          const names = new Map<number, Buffer>();
          for (const [n, id] of Object.entries(resolved.values)) if (resolved.valuesById[id] === n) names.set(id, B(JSON.stringify(n)));
          const features = (resolved as unknown as { _features?: { enum_type?: string } })._features;
          return { kind: Kind.Enum, enumNames: names, closed: features?.enum_type === 'CLOSED' };
        }
        if (resolved instanceof pb.Type) return { kind: Kind.Message, message: resolved };
        const k = KINDS[t];
        return k === undefined ? null : { kind: k };
      };
      const v = value(f.type, f.resolvedType);
      if (!v) return null;
      // A map whose keys are not strings (JavaScript orders integer keys first; 64-bit ones
      // protobufjs keeps as hashes): "{}" when empty, else the parse.
      const mapValue = f.map ? ((f as unknown as { keyType: string }).keyType === 'string' ? v : null) : undefined;
      const partOf = f.partOf;
      let oneof = -1;
      if (partOf) {
        oneof = oneofNames.indexOf(partOf.name);
        if (oneof < 0) oneof = oneofNames.push(partOf.name) - 1;
      }
      const plain = !f.repeated && !f.map;
      const d = defaults[key];
      fields.push({
        ...v,
        id: f.id,
        key: B(`${JSON.stringify(key)}:`),
        wire: f.map ? 2 : wireOf(v.kind),
        repeated: f.repeated && !f.map,
        packable: f.repeated && !f.map && v.kind !== Kind.String && v.kind !== Kind.Bytes && v.kind !== Kind.Message,
        map: f.map,
        mapValue,
        absent: plain ? (d === undefined || d === null ? null : B(JSON.stringify(d))) : null,
        required: f.required,
        oneof,
      });
      byId.set(f.id, fields.length - 1);
    }
    return { special, fields, byId, oneofs: oneofNames.length, seen: [], oneofSeen: [] };
  }

  // --- output

  /** A double as JSON.stringify writes it (NaN and the infinities as strings, as toObject's json option gives them). */
  private double(v: number): void {
    if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) this.putInteger(v === 0 ? 0 : v);
    else if (Number.isFinite(v)) this.putAscii(String(v));
    else this.put(NULL_TEXT[String(v) as keyof typeof NULL_TEXT]);
  }

  /** A 64-bit integer of two halves, as a JSON string of its decimal digits. */
  private long(lo: number, hi: number, signed: boolean): void {
    this.putByte(0x22);
    const h = signed ? hi | 0 : hi >>> 0;
    const v = h * TWO32 + (lo >>> 0);
    if (Number.isSafeInteger(v)) this.putInteger(v);
    else {
      const u = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
      this.putAscii((signed ? BigInt.asIntN(64, u) : u).toString());
    }
    this.putByte(0x22);
  }

  /** UTF-8 bytes `buf[s, e)` as a JSON string; invalid UTF-8 takes the parse path. */
  private string(s: number, e: number): void {
    const b = this.buf;
    let plain = true;
    for (let i = s; i < e; ) {
      const c = b[i];
      if (c < 0x80) {
        if (c < 0x20 || c === 0x22 || c === 0x5c) plain = false;
        i++;
      } else if (c >= 0xc2 && c <= 0xdf) {
        if (i + 1 >= e || (b[i + 1] & 0xc0) !== 0x80) throw FALLBACK;
        i += 2;
      } else if (c >= 0xe0 && c <= 0xef) {
        if (i + 2 >= e) throw FALLBACK;
        const c1 = b[i + 1];
        if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) throw FALLBACK;
        i += 3;
      } else if (c >= 0xf0 && c <= 0xf4) {
        if (i + 3 >= e) throw FALLBACK;
        const c1 = b[i + 1];
        if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80 || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) throw FALLBACK;
        i += 4;
      } else throw FALLBACK;
    }
    if (!plain) {
      const text = JSON.stringify(b.toString('utf8', s, e));
      this.room(text.length * 3);
      this.at += this.out.write(text, this.at, 'utf8');
      return;
    }
    this.room(e - s + 2);
    const o = this.out;
    let at = this.at;
    o[at++] = 0x22;
    for (let i = s; i < e; i++) o[at++] = b[i];
    o[at++] = 0x22;
    this.at = at;
  }

  /** Bytes `buf[s, e)` in base64 (with padding), as a JSON string. */
  private base64(s: number, e: number): void {
    const b = this.buf;
    this.room(Math.ceil((e - s) / 3) * 4 + 2);
    const o = this.out;
    let at = this.at;
    o[at++] = 0x22;
    let i = s;
    for (; i + 2 < e; i += 3) {
      const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
      o[at++] = B64[n >>> 18];
      o[at++] = B64[(n >>> 12) & 63];
      o[at++] = B64[(n >>> 6) & 63];
      o[at++] = B64[n & 63];
    }
    if (i < e) {
      const n = (b[i] << 16) | (i + 1 < e ? b[i + 1] << 8 : 0);
      o[at++] = B64[n >>> 18];
      o[at++] = B64[(n >>> 12) & 63];
      o[at++] = i + 1 < e ? B64[(n >>> 6) & 63] : 0x3d;
      o[at++] = 0x3d;
    }
    o[at++] = 0x22;
    this.at = at;
  }

  // --- input

  /** A varint into lo/hi (at most 10 bytes). */
  private varint(end: number): void {
    const b = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let byte: number;
    let shift = 0;
    for (; shift < 28; shift += 7) {
      if (pos >= end) throw FALLBACK;
      byte = b[pos++];
      lo |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    // The fifth byte: 4 bits of lo, 3 of hi.
    if (pos >= end) throw FALLBACK;
    byte = b[pos++];
    lo |= (byte & 0x0f) << 28;
    hi = (byte & 0x7f) >>> 4;
    if (byte >= 0x80) {
      for (shift = 3; ; shift += 7) {
        if (pos >= end || shift > 31 + 7) throw FALLBACK;
        byte = b[pos++];
        if (shift < 32) hi |= (byte & 0x7f) << shift;
        if (byte < 0x80) break;
      }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** Where the next `n` bytes (a fixed-size value) start, taken; past `end`: the parse path. */
  private fixed(n: number, end: number): number {
    const p = this.pos;
    if (p + n > end) throw FALLBACK;
    this.pos = p + n;
    return p;
  }

  /** Skips a value of wire type `wt` at pos; groups and unknown wire types take the parse path. */
  private skip(wt: number, end: number): void {
    if (wt === 0) this.varint(end);
    else if (wt === 1) this.pos += 8;
    else if (wt === 5) this.pos += 4;
    else if (wt === 2) {
      this.varint(end);
      if (this.hi !== 0) throw FALLBACK;
      this.pos += this.lo;
    } else throw FALLBACK;
    if (this.pos > end) throw FALLBACK;
  }

  /** The wire type of the next record of field `id` at or after pos, pos after its tag (other fields' records skipped); -1 at `end`. */
  private nextOf(id: number, end: number): number {
    while (this.pos < end) {
      this.varint(end);
      const wt = this.lo & 7;
      if (this.lo >>> 3 === id) return wt;
      this.skip(wt, end);
    }
    return -1;
  }

  /** The length of a length-delimited value at pos: its end (pos is its start). */
  private delimited(end: number): number {
    this.varint(end);
    const e = this.pos + this.lo;
    if (this.hi !== 0 || e > end) throw FALLBACK;
    return e;
  }

  /** One value of kind `v` at pos (wire type already checked), written out; pos after it. */
  private value(v: ValuePlan, end: number, depth: number): void {
    const b = this.buf;
    switch (v.kind) {
      case Kind.Int32:
        this.varint(end);
        this.putInteger(this.lo | 0);
        return;
      case Kind.Uint32:
        this.varint(end);
        this.putInteger(this.lo);
        return;
      case Kind.Sint32:
        this.varint(end);
        this.putInteger(((this.lo >>> 1) ^ -(this.lo & 1)) | 0);
        return;
      case Kind.Bool:
        this.varint(end);
        this.putAscii(this.lo !== 0 ? 'true' : 'false');
        return;
      case Kind.Enum: {
        this.varint(end);
        const n = this.lo | 0;
        const name = v.enumNames!.get(n);
        if (name) this.put(name);
        else if (v.closed) throw FALLBACK;
        else this.putInteger(n);
        return;
      }
      case Kind.Int64:
        this.varint(end);
        this.long(this.lo, this.hi, true);
        return;
      case Kind.Uint64:
        this.varint(end);
        this.long(this.lo, this.hi, false);
        return;
      case Kind.Sint64: {
        this.varint(end);
        // zig-zag: (u >>> 1) ^ -(u & 1) over 64 bits
        const neg = this.lo & 1;
        let lo = ((this.lo >>> 1) | (this.hi << 31)) >>> 0;
        let hi = this.hi >>> 1;
        if (neg) {
          lo = ~lo >>> 0;
          hi = ~hi >>> 0;
        }
        this.long(lo, hi, true);
        return;
      }
      case Kind.Fixed32:
      case Kind.Sfixed32:
      case Kind.Float:
      case Kind.Fixed64:
      case Kind.Sfixed64:
      case Kind.Double: {
        // Fixed-size: 8 bytes for wire type 1 (fixed64, sfixed64, double), else 4.
        const k = v.kind;
        const p = this.fixed(wireOf(k) === 1 ? 8 : 4, end);
        if (k === Kind.Fixed32) this.putInteger(b.readUInt32LE(p));
        else if (k === Kind.Sfixed32) this.putInteger(b.readInt32LE(p));
        else if (k === Kind.Float) this.double(b.readFloatLE(p));
        else if (k === Kind.Double) this.double(b.readDoubleLE(p));
        else this.long(b.readUInt32LE(p), b.readUInt32LE(p + 4), k === Kind.Sfixed64);
        return;
      }
      case Kind.String:
      case Kind.Bytes: {
        const e = this.delimited(end);
        if (v.kind === Kind.String) this.string(this.pos, e);
        else this.base64(this.pos, e);
        this.pos = e;
        return;
      }
      case Kind.Message: {
        const e = this.delimited(end);
        const plan = this.plan(v.message!);
        if (!plan) throw FALLBACK;
        this.message(plan, this.pos, e, depth + 1);
        this.pos = e;
        return;
      }
    }
  }

  private message(plan: MessagePlan, start: number, end: number, depth: number): void {
    if (depth >= MAX_DEPTH) throw FALLBACK;
    if (plan.special) {
      this.wellKnown(plan.special, start, end);
      return;
    }
    const fields = plan.fields;
    const seen = (plan.seen[depth] ??= new Int32Array(fields.length));
    const oneofSeen = (plan.oneofSeen[depth] ??= new Uint8Array(plan.oneofs));
    seen.fill(-1);
    oneofSeen.fill(0);
    // Pass 1: where each field is; what this does not handle like protobufjs for sure, the parse.
    this.pos = start;
    while (this.pos < end) {
      const tagAt = this.pos;
      this.varint(end);
      if (this.hi !== 0) throw FALLBACK;
      const id = this.lo >>> 3;
      const wt = this.lo & 7;
      if (id === 0) throw FALLBACK;
      const valueAt = this.pos;
      this.skip(wt, end);
      const i = plan.byId.get(id);
      if (i === undefined) continue; // an unknown field: protobufjs skips it too
      const f = fields[i];
      if (f.repeated || f.map) {
        if (wt !== f.wire && !(f.packable && wt === 2)) throw FALLBACK;
        if (seen[i] < 0) seen[i] = tagAt;
        continue;
      }
      if (wt !== f.wire || seen[i] >= 0) throw FALLBACK;
      seen[i] = valueAt;
      if (f.oneof >= 0) {
        if (oneofSeen[f.oneof]) throw FALLBACK;
        oneofSeen[f.oneof] = 1;
      }
    }
    if (this.pos !== end) throw FALLBACK;
    // Pass 2: the fields in their declared order.
    this.putByte(0x7b);
    let first = true;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const at = seen[i];
      if (f.repeated || f.map) {
        if (!first) this.putByte(0x2c);
        first = false;
        this.put(f.key);
        if (f.map) this.mapEntries(f, at, end, depth);
        else this.repeated(f, at, end, depth);
        continue;
      }
      if (at < 0) {
        if (f.required) throw FALLBACK;
        if (f.absent === null) continue;
        if (!first) this.putByte(0x2c);
        first = false;
        this.put(f.key);
        this.put(f.absent);
        continue;
      }
      if (!first) this.putByte(0x2c);
      first = false;
      this.put(f.key);
      this.pos = at;
      this.value(f, end, depth);
    }
    this.putByte(0x7d);
  }

  /** A repeated field's elements, from its first tag at `from` (or none when -1), in wire order. */
  private repeated(f: FieldPlan, from: number, end: number, depth: number): void {
    this.putByte(0x5b);
    let first = true;
    this.pos = from < 0 ? end : from;
    for (let wt = this.nextOf(f.id, end); wt >= 0; wt = this.nextOf(f.id, end)) {
      if (wt === 2 && f.packable) {
        const e = this.delimited(end);
        while (this.pos < e) {
          if (!first) this.putByte(0x2c);
          first = false;
          this.value(f, e, depth);
        }
        if (this.pos !== e) throw FALLBACK;
        continue;
      }
      if (!first) this.putByte(0x2c);
      first = false;
      this.value(f, end, depth);
    }
    this.putByte(0x5d);
  }

  /** A map<string, V>'s entries in wire order; a repeated key, or one JavaScript orders first, takes the parse. */
  private mapEntries(f: FieldPlan, from: number, end: number, depth: number): void {
    this.putByte(0x7b);
    const base = this.keyTop;
    let first = true;
    this.pos = from < 0 ? end : from;
    const b = this.buf;
    while (this.nextOf(f.id, end) >= 0) {
      const v = f.mapValue;
      if (!v) throw FALLBACK;
      const e = this.delimited(end);
      // The entry: key (1, a string) then value (2), each once, nothing else.
      this.varint(e);
      if (this.lo !== 0x0a) throw FALLBACK;
      const ke = this.delimited(e);
      const ks = this.pos;
      // protobufjs keeps "__proto__" as a property JSON.stringify leaves out.
      if (isIndexKey(b, ks, ke) || isProtoKey(b, ks, ke)) throw FALLBACK;
      for (let k = base; k < this.keyTop; k += 2) if (sameBytes(b, this.keys[k], this.keys[k + 1], ks, ke)) throw FALLBACK;
      if (this.keyTop - base >= 2 * MAX_MAP_KEYS) throw FALLBACK;
      this.keys[this.keyTop++] = ks;
      this.keys[this.keyTop++] = ke;
      this.pos = ke;
      this.varint(e);
      if (this.lo !== ((2 << 3) | wireOf(v.kind))) throw FALLBACK;
      if (!first) this.putByte(0x2c);
      first = false;
      this.string(ks, ke);
      this.putByte(0x3a);
      this.value(v, e, depth);
      if (this.pos !== e) throw FALLBACK;
    }
    this.keyTop = base;
    this.putByte(0x7d);
  }

  /** Timestamp as RFC 3339 (UTC, fraction in groups of 3 digits), Duration as "<seconds>[.<fraction>]s". */
  private wellKnown(kind: 'timestamp' | 'duration', start: number, end: number): void {
    let sLo = 0;
    let sHi = 0;
    let nanos = 0;
    let seenS = false;
    let seenN = false;
    this.pos = start;
    while (this.pos < end) {
      this.varint(end);
      const id = this.lo >>> 3;
      const wt = this.lo & 7;
      if ((id === 1 || id === 2) && wt === 0) {
        this.varint(end);
        if (id === 1) {
          if (seenS) throw FALLBACK;
          seenS = true;
          sLo = this.lo;
          sHi = this.hi;
        } else {
          if (seenN) throw FALLBACK;
          seenN = true;
          nanos = this.lo | 0;
        }
      } else if (id === 1 || id === 2) throw FALLBACK;
      else this.skip(wt, end);
    }
    if (this.pos !== end) throw FALLBACK;
    const seconds = (sHi | 0) * TWO32 + sLo;
    if (kind === 'duration') {
      this.putByte(0x22);
      if (!Number.isSafeInteger(seconds)) throw FALLBACK;
      this.putInteger(seconds);
      if (nanos !== 0) {
        this.putByte(0x2e);
        this.fraction(Math.abs(nanos));
      }
      this.putAscii('s"');
      return;
    }
    // Years 1 to 9999, nanos in range: what Date#toISOString writes with four-digit years.
    if (seconds < -62135596800 || seconds > 253402300799 || nanos < 0 || nanos > 999999999) throw FALLBACK;
    const days = Math.floor(seconds / 86400);
    let rest = seconds - days * 86400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const hour = Math.floor(rest / 3600);
    rest -= hour * 3600;
    const minute = Math.floor(rest / 60);
    const second = rest - minute * 60;
    this.putByte(0x22);
    this.padded(year, 4);
    this.padded(month, 2, 0x2d); // -
    this.padded(day, 2, 0x2d); // -
    this.padded(hour, 2, 0x54); // T
    this.padded(minute, 2, 0x3a); // :
    this.padded(second, 2, 0x3a); // :
    if (nanos !== 0) {
      this.putByte(0x2e);
      this.fraction(nanos);
    }
    this.putAscii('Z"');
  }

  /** `n` as `width` digits with leading zeros, after the byte `before` when one is given. */
  private padded(n: number, width: number, before = -1): void {
    if (before >= 0) this.putByte(before);
    this.room(width);
    for (let i = width - 1; i >= 0; i--) {
      this.out[this.at + i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at += width;
  }

  /** Nanoseconds as 9 digits less trailing groups of "000" (3, 6 or 9 digits). */
  private fraction(nanos: number): void {
    let width = 9;
    while (width > 3 && nanos % 1000 === 0) {
      nanos /= 1000;
      width -= 3;
    }
    // A value with all 9 digits kept can exceed 9 digits only when out of range (checked for timestamps).
    if (nanos >= 10 ** width) throw FALLBACK;
    this.padded(nanos, width);
  }
}

const PROTO_KEY = Buffer.from('__proto__');
function isProtoKey(b: Buffer, start: number, end: number): boolean {
  return end - start === PROTO_KEY.length && b.compare(PROTO_KEY, 0, PROTO_KEY.length, start, end) === 0;
}

function sameBytes(b: Buffer, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (b[s1 + i] !== b[s2 + i]) return false;
  return true;
}
