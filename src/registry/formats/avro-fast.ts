// Avro on the record path without an object per record: a schema (parsed by avsc) compiled once
// into closures that read the binary encoding straight into JSON text, and closures that write a
// parsed JSON document straight into a reused buffer. Longs are exact over their whole 64-bit
// range (a BigInt only for values beyond 2^49, a number for the rest).
import { javaDouble } from './avro-numbers.js';
import { grown, TextOut } from './text-out.js';

type AvroType = import('avsc').Type;
interface TypeInfo {
  typeName: string;
  name?: string;
  fields?: Array<{ name: string; type: AvroType; defaultValue(): unknown }>;
  itemsType?: AvroType;
  valuesType?: AvroType;
  types?: AvroType[];
  symbols?: string[];
  size?: number;
}
const info = (t: AvroType) => t as unknown as TypeInfo;

/**
 * How decoded values are written: Avro's JSON encoding as Confluent's console consumer prints it,
 * or as JSON values for -o json (numbers as JavaScript writes them, NaN and the infinities null).
 * Unions are wrapped in both ({"type": value}), as avsc's toString wrote them before.
 */
export type TextMode = 'avro' | 'plain';

class Truncated extends Error {
  constructor() {
    super('truncated buffer');
  }
}

/** A union branch's name in Avro's JSON encoding: a named type's full name, else the type's name. */
function branchName(t: AvroType): string {
  const i = info(t);
  return i.name ?? i.typeName;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');

/**
 * Whether the four bytes of `w` are all printable ASCII (0x20 to 0x7f) other than the quote and
 * the backslash: bytes a JSON string holds as they are. Bit tricks over the four at once (each
 * test is exact for "some byte is"; a borrow can only add a hit above a byte that is one).
 */
export function quadPlain(w: number): boolean {
  const q = w ^ 0x22222222;
  const bs = w ^ 0x5c5c5c5c;
  return ((((w - 0x20202020) & ~w) | w | ((q - 0x01010101) & ~q) | ((bs - 0x01010101) & ~bs)) & 0x80808080) === 0;
}

/**
 * How many bytes from `k` (short of `lim`) are plain, four at a time, each four copied from
 * `from` to `to` at `o` as they are read: a multiple of four.
 */
function copyPlainQuads(from: DataView, k: number, lim: number, to: DataView, o: number): number {
  let n = 0;
  for (; k + n + 4 <= lim; n += 4) {
    const w = from.getUint32(k + n, true);
    if (!quadPlain(w)) break;
    to.setUint32(o + n, w, true);
  }
  return n;
}

/** A DataView over the last buffer asked about, made again only when the buffer changes. */
class ViewOf {
  private of_: Uint8Array | null = null;
  private view: DataView | null = null;
  of(b: Uint8Array): DataView {
    if (b !== this.of_) {
      this.of_ = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.length);
    }
    return this.view!;
  }
}

const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');

/**
 * Reads one Avro value at a time from `buf[pos, end)` and writes it as JSON text into a reused
 * buffer: strings that need no escaping are copied byte for byte, with no string made.
 */
export class AvroTextReader extends TextOut {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private end = 0;
  /** DataViews over the input and the output, for the strings' four bytes at a time. */
  private readonly inView = new ViewOf();
  private readonly outView = new ViewOf();
  private readonly read: () => void;

  constructor(type: AvroType, mode: TextMode) {
    super();
    this.read = this.compile(type, mode, new Map());
  }

  /** Writes the value encoded in `buf[start, end)` to `out[0, at)`; throws on a truncated buffer or trailing bytes. */
  write(buf: Buffer, start: number, end: number): void {
    this.at = 0;
    this.decode(buf, start, end);
  }

  /**
   * write() into `dst` from `at` (a caller's output buffer, with room for the text as a rule):
   * the text's end there; or -1 when it outgrew `dst`, and then it is in `out[at, this.at)`.
   * Throws as write() does.
   */
  writeInto(dst: Buffer, at: number, buf: Buffer, start: number, end: number): number {
    const own = this.out;
    this.out = dst;
    this.at = at;
    try {
      this.decode(buf, start, end);
      return this.out === dst ? this.at : -1;
    } finally {
      // A grown buffer (it holds dst's bytes before `at` too) is kept as this reader's own.
      if (this.out === dst) this.out = own;
    }
  }

  private decode(buf: Buffer, start: number, end: number): void {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.read();
    if (this.pos > end) throw new Truncated();
    if (this.pos < end) throw new Error(`trailing data (${end - this.pos} bytes)`);
  }

  /** The same, as a string. */
  text(buf: Buffer, start: number, end: number): string {
    this.write(buf, start, end);
    return this.out.toString('utf8', 0, this.at);
  }

  /** A JSON string of UTF-8 bytes `buf[s, e)`: copied as they are when nothing needs escaping. */
  private putUtf8(s: number, e: number): void {
    const b = this.buf;
    this.room(e - s + 2);
    const o = this.out;
    const start = this.at;
    let at = start;
    o[at++] = 0x22;
    // Four bytes at a time while they are plain, then one at a time.
    let k = s;
    if (e - s >= 8) {
      const n = copyPlainQuads(this.inView.of(b), k, e, this.outView.of(o), at);
      k += n;
      at += n;
    }
    for (; k < e; k++) {
      const c = b[k];
      // Printable ASCII but the quote and the backslash; the rest the slow way.
      if (c < 0x20 || c > 0x7f || c === 0x22 || c === 0x5c) {
        this.at = start;
        this.putString(JSON.stringify(b.toString('utf8', s, e)));
        return;
      }
      o[at++] = c;
    }
    o[at++] = 0x22;
    this.at = at;
  }

  /** A double (or a float widened to one) in the mode's notation. */
  private putDouble(v: number, mode: TextMode): void {
    if (Number.isInteger(v) && v >= 0 && v < 1e7 && !Object.is(v, -0)) {
      this.putInteger(v);
      if (mode === 'avro') this.put(POINT_ZERO);
      return;
    }
    const a = Math.abs(v);
    // Within [0.001, 1e7) JavaScript and Java write a non-integer the same way.
    if (a >= 1e-3 && a < 1e7 && !Number.isInteger(v)) {
      if (!this.putShortDecimal(v)) this.putAscii(String(v));
    } else this.putAscii(mode === 'avro' ? javaDouble(v) : Number.isFinite(v) ? String(v) : 'null');
  }

  /**
   * A non-integer of magnitude in [0.001, 1e7) as String() writes it, when up to 8 fraction digits
   * do: the first k for which v * 10^k is an integer m with m / 10^k === v (one correctly rounded
   * division of exact numbers, so m * 10^-k reads back as v), its trailing zeros dropped. Below
   * 1e7 a double's neighbours are less than 10^-8 apart, so no other decimal of k fraction digits
   * reads back as v: this is the shortest one, String()'s. False (nothing written) otherwise.
   */
  private putShortDecimal(v: number): boolean {
    for (let k = 1; k <= 8; k++) {
      const m = v * POW10[k];
      if (!Number.isInteger(m) || m / POW10[k] !== v) continue;
      let digits = m < 0 ? -m : m;
      let frac = k;
      while (digits % 10 === 0) {
        digits /= 10;
        frac--;
      }
      // digits: the significant digits, the last `frac` of them after the point.
      if (v < 0) this.putByte(0x2d);
      const start = this.at;
      this.putInteger(digits);
      const len = this.at - start;
      if (len > frac) {
        this.room(1);
        const o = this.out;
        for (let p = this.at; p > this.at - frac; p--) o[p] = o[p - 1];
        o[this.at - frac] = 0x2e;
        this.at++;
      } else {
        // "0." and the zeros before the digits.
        const shift = frac - len + 2;
        this.room(shift);
        const o = this.out;
        for (let p = this.at - 1; p >= start; p--) o[p + shift] = o[p];
        o[start] = 0x30;
        o[start + 1] = 0x2e;
        for (let p = start + 2; p < start + shift; p++) o[p] = 0x30;
        this.at += shift;
      }
      return true;
    }
    return false;
  }

  /** A zig-zag varint long, exact: a number up to 2^49, a BigInt beyond. */
  private long(): number | bigint {
    const b = this.buf;
    let n = 0;
    let mul = 1;
    let byte: number;
    do {
      if (this.pos >= this.end) throw new Truncated();
      byte = b[this.pos++];
      n += (byte & 0x7f) * mul;
      mul *= 128;
    } while (byte & 0x80 && mul < 2 ** 49);
    if (!(byte & 0x80)) return n % 2 ? -(n + 1) / 2 : n / 2;
    let big = BigInt(n);
    let shift = 49n;
    do {
      if (this.pos >= this.end) throw new Truncated();
      if (shift > 63n) throw new Error('bad varint (more than 10 bytes)');
      byte = b[this.pos++];
      big |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while (byte & 0x80);
    big = BigInt.asUintN(64, big);
    return (big >> 1n) ^ -(big & 1n);
  }

  private count(): number {
    const n = this.long();
    if (typeof n !== 'number') throw new Error('bad block count');
    return n;
  }

  /** A length-prefixed run of bytes: its start (its end is this.pos). */
  private bytes(): number {
    const len = this.count();
    if (len < 0) throw new Error(`negative length ${len}`);
    const start = this.pos;
    if (start + len > this.end) throw new Truncated();
    this.pos += len;
    return start;
  }

  private compile(t: AvroType, mode: TextMode, done: Map<AvroType, () => void>): () => void {
    const have = done.get(t);
    if (have) return have;
    // Named types may refer to themselves: the slot is filled before the body is compiled.
    let body: () => void = () => {
      throw new Error('unreachable');
    };
    done.set(t, () => body());
    body = this.compileBody(t, mode, done);
    done.set(t, body);
    return body;
  }

  private compileBody(t: AvroType, mode: TextMode, done: Map<AvroType, () => void>): () => void {
    const i = info(t);
    if (i.typeName.startsWith('logical:')) return this.compile((t as unknown as { underlyingType: AvroType }).underlyingType, mode, done);
    switch (i.typeName) {
      case 'null':
        return () => this.put(NULL);
      case 'boolean':
        return () => {
          if (this.pos >= this.end) throw new Truncated();
          this.put(this.buf[this.pos++] ? TRUE : FALSE);
        };
      case 'int':
      case 'long':
        return () => {
          const n = this.long();
          if (typeof n === 'number') this.putInteger(n);
          else this.putString(String(n));
        };
      case 'float':
        return () => {
          if (this.pos + 4 > this.end) throw new Truncated();
          const v = this.buf.readFloatLE(this.pos);
          this.pos += 4;
          // Avro's JsonEncoder writes a float widened to a double (f + 0d).
          this.putDouble(v, mode);
        };
      case 'double':
        return () => {
          if (this.pos + 8 > this.end) throw new Truncated();
          const b = this.buf;
          if (!LITTLE_ENDIAN) {
            this.putDouble(b.readDoubleLE(this.pos), mode);
            this.pos += 8;
            return;
          }
          let p = this.pos;
          for (let k = 0; k < 8; k++) F64_BYTES[k] = b[p++];
          this.pos = p;
          this.putDouble(F64[0], mode);
        };
      case 'string':
        return () => {
          const s = this.bytes();
          this.putUtf8(s, this.pos);
        };
      case 'bytes':
        return () => {
          const s = this.bytes();
          this.putString(JSON.stringify(this.buf.toString('latin1', s, this.pos)));
        };
      case 'fixed': {
        const size = i.size!;
        return () => {
          if (this.pos + size > this.end) throw new Truncated();
          this.pos += size;
          this.putString(JSON.stringify(this.buf.toString('latin1', this.pos - size, this.pos)));
        };
      }
      case 'enum': {
        const symbols = i.symbols!.map((s) => Buffer.from(JSON.stringify(s)));
        return () => {
          const n = this.long();
          const s = typeof n === 'number' ? symbols[n] : undefined;
          if (s === undefined) throw new Error(`invalid enum index ${n}`);
          this.put(s);
        };
      }
      case 'record':
      case 'error': {
        const fields = i.fields!.map((f, k) => ({ prefix: Buffer.from(`${k ? ',' : '{'}${JSON.stringify(f.name)}:`), read: this.compile(f.type, mode, done) }));
        if (fields.length === 0) return () => this.put(EMPTY_OBJECT);
        return () => {
          for (let k = 0; k < fields.length; k++) {
            this.put(fields[k].prefix);
            fields[k].read();
          }
          this.putByte(0x7d);
        };
      }
      case 'array': {
        const item = this.compile(i.itemsType!, mode, done);
        return () => this.blocks(0x5b, 0x5d, item);
      }
      case 'map': {
        const value = this.compile(i.valuesType!, mode, done);
        return () =>
          this.blocks(0x7b, 0x7d, () => {
            const s = this.bytes();
            this.putUtf8(s, this.pos);
            this.putByte(0x3a);
            value();
          });
      }
      default: {
        if (!i.typeName.startsWith('union')) throw new Error(`unsupported Avro type ${i.typeName}`);
        const branches = i.types!.map((b) => {
          const read = this.compile(b, mode, done);
          if (info(b).typeName === 'null') return read;
          const prefix = Buffer.from(`{${JSON.stringify(branchName(b))}:`);
          return () => {
            this.put(prefix);
            read();
            this.putByte(0x7d);
          };
        });
        return () => {
          const n = this.long();
          const read = typeof n === 'number' ? branches[n] : undefined;
          if (read === undefined) throw new Error(`invalid union index ${n}`);
          read();
        };
      }
    }
  }

  /** Avro's blocks of an array or map: counts (a negative one followed by its size in bytes) up to a 0. */
  private blocks(open: number, close: number, item: () => void): void {
    this.putByte(open);
    let first = true;
    for (;;) {
      let n = this.count();
      if (n === 0) break;
      if (n < 0) {
        n = -n;
        this.count();
      }
      if (n > this.end - this.pos + 1_000_000) throw new Truncated();
      for (let k = 0; k < n; k++) {
        if (!first) this.putByte(0x2c);
        first = false;
        item();
      }
    }
    this.putByte(close);
  }
}

const POINT_ZERO = ascii('.0');
// Doubles read through a typed array, whose byte order is the platform's: Avro's is little-endian.
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
/** 10^0 .. 10^22: each exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const EMPTY_OBJECT = ascii('{}');

/**
 * The mark a long beyond 2^53 carries through JSON.parse (which would round it): such integers in
 * an input line are turned into strings "\u0000kfk-long:<digits>" first (bigLongs).
 */
const BIG = '\u0000kfk-long:';
const BIG_SOURCE = '"\\u0000kfk-long:';

/** An input line with its integers of 16 digits or more (outside strings) marked, so they parse exactly. */
export function markBigIntegers(line: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < line.length && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
      const next = line.charCodeAt(j);
      // Only integers: a fraction or an exponent stays a double.
      if (j - i >= 16 && next !== 0x2e && next !== 0x65 && next !== 0x45) {
        out += `${line.slice(last, i)}${BIG_SOURCE}${line.slice(i, j)}"`;
        last = j;
      }
      i = j - 1;
    }
  }
  return last ? out + line.slice(last) : line;
}

/** Bytes of a varint of a non-negative safe integer. */
function varintBytes(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Whether every character is one byte of ISO-8859-1 (Avro's JSON encoding of bytes and fixed). */
function isLatin1(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0xff) return false;
  return true;
}

const bigOf = (v: unknown): bigint | undefined => (typeof v === 'string' && v.startsWith(BIG) ? BigInt(v.slice(BIG.length)) : undefined);
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/** Writes parsed JSON documents in Avro's binary encoding into one reused buffer. */
export class AvroWriter {
  private buf: Buffer = Buffer.allocUnsafe(64 * 1024);
  private pos = 0;
  private readonly write: (v: unknown) => boolean;
  /** The last encode met an integer beyond 2^53 that JSON.parse rounded (see markBigIntegers). */
  inexact = false;

  constructor(type: AvroType) {
    this.write = this.compile(type, new Map());
    this.writeText = this.compileText(type, new Map());
  }

  // The input line being read by encodeText: src[at, lim).
  private src: Buffer = Buffer.alloc(0);
  private at = 0;
  private lim = 0;
  // The number being read (integerDigits): its sign, digit count and digits' value.
  private negative = false;
  private digits = 0;
  private mantissa = 0;
  private readonly writeText: () => boolean;
  /** DataViews over the input and the output, for the strings' four bytes at a time. */
  private readonly srcView = new ViewOf();
  private readonly bufView = new ViewOf();

  /**
   * Writes `header` then the JSON document in `src[start, end)` straight from its bytes, with no
   * string or object made: for the common document (fields in the schema's order, ASCII strings
   * without escapes, no arrays or maps). Returns the end of the bytes in `buffer`, or -1 for any
   * other document, which the caller then encodes from JSON.parse (same bytes, or the reason).
   */
  encodeText(header: Buffer, src: Buffer, start: number, end: number): number {
    this.pos = 0;
    this.room(header.length);
    header.copy(this.buf, 0);
    this.pos = header.length;
    this.src = src;
    this.at = start;
    this.lim = end;
    this.ws();
    if (!this.writeText()) return -1;
    this.ws();
    return this.at === this.lim ? this.pos : -1;
  }

  private ws(): void {
    const s = this.src;
    while (this.at < this.lim) {
      const c = s[this.at];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.at++;
    }
  }

  /** Takes `lit` (a keyword, or a quoted field name) when it comes next. */
  private take(lit: Buffer): boolean {
    const s = this.src;
    const n = lit.length;
    if (this.at + n > this.lim) return false;
    for (let k = 0; k < n; k++) if (s[this.at + k] !== lit[k]) return false;
    this.at += n;
    return true;
  }

  private takeByte(c: number): boolean {
    this.ws();
    if (this.at < this.lim && this.src[this.at] === c) {
      this.at++;
      this.ws();
      return true;
    }
    return false;
  }

  /** A JSON string of printable ASCII without escapes: its content's end (the quotes taken), or -1. */
  private asciiString(): number {
    const s = this.src;
    if (this.at >= this.lim || s[this.at] !== 0x22) return -1;
    let k = this.at + 1;
    while (k < this.lim) {
      const c = s[k];
      if (c === 0x22) {
        this.at = k + 1;
        return k;
      }
      if (c === 0x5c || c < 0x20 || c >= 0x80) return -1;
      k++;
    }
    return -1;
  }

  /** A JSON number's end (strict JSON grammar), or -1. */
  private numberEnd(): number {
    const s = this.src;
    let k = this.at;
    if (k < this.lim && s[k] === 0x2d) k++;
    if (k >= this.lim) return -1;
    if (s[k] === 0x30) k++;
    else if (s[k] >= 0x31 && s[k] <= 0x39) while (k < this.lim && s[k] >= 0x30 && s[k] <= 0x39) k++;
    else return -1;
    const c = k < this.lim ? s[k] : 0;
    if (c === 0x2e || c === 0x65 || c === 0x45) {
      if (c === 0x2e) {
        k++;
        const d = k;
        while (k < this.lim && s[k] >= 0x30 && s[k] <= 0x39) k++;
        if (k === d) return -1;
      }
      if (k < this.lim && (s[k] === 0x65 || s[k] === 0x45)) {
        k++;
        if (k < this.lim && (s[k] === 0x2b || s[k] === 0x2d)) k++;
        const d = k;
        while (k < this.lim && s[k] >= 0x30 && s[k] <= 0x39) k++;
        if (k === d) return -1;
      }
    }
    return k;
  }

  /**
   * The JSON number at `at`, taken, as Number() reads it; NaN (nothing taken) where there is none.
   * Up to 15 digits and no exponent: digits / 10^fraction digits, one correctly rounded division
   * of two exact doubles (so the same double), in the pass that checks the grammar; otherwise
   * Number() over its text.
   */
  private number(): number {
    const s = this.src;
    const lim = this.lim;
    let k = this.integerDigits();
    if (k < 0) return Number.NaN;
    let digits = this.digits;
    let scale = 0;
    if (k < lim && s[k] === 0x2e) {
      const point = k + 1;
      k = this.moreDigits(point);
      scale = k - point;
      if (scale === 0) return Number.NaN;
      digits += scale;
    }
    const m = this.mantissa;
    if (digits > 15 || (k < lim && (s[k] === 0x65 || s[k] === 0x45))) {
      const end = this.numberEnd();
      if (end < 0) return Number.NaN;
      const n = Number(s.toString('latin1', this.at, end));
      this.at = end;
      return n;
    }
    this.at = k;
    const v = scale === 0 ? m : m / POW10[scale];
    return this.negative ? -v : v;
  }

  /**
   * A JSON number's sign and integer digits from `at` (nothing taken): their end, or -1 where
   * there are none or a leading zero; `negative`, `digits` (their count) and `mantissa` (their
   * value) set.
   */
  private integerDigits(): number {
    const s = this.src;
    let k = this.at;
    this.negative = k < this.lim && s[k] === 0x2d;
    if (this.negative) k++;
    this.mantissa = 0;
    const end = this.moreDigits(k);
    this.digits = end - k;
    return this.digits === 0 || (this.digits > 1 && s[k] === 0x30) ? -1 : end;
  }

  /** The end of the digits from `k`; `mantissa` goes on with their value. */
  private moreDigits(k: number): number {
    const s = this.src;
    const lim = this.lim;
    let m = this.mantissa;
    for (; k < lim; k++) {
      const d = s[k] - 0x30;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
    }
    this.mantissa = m;
    return k;
  }

  private compileText(t: AvroType, done: Map<AvroType, () => boolean>): () => boolean {
    const have = done.get(t);
    if (have) return have;
    let body: () => boolean = () => false;
    done.set(t, () => body());
    body = this.compileTextBody(t, done);
    done.set(t, body);
    return body;
  }

  private compileTextBody(t: AvroType, done: Map<AvroType, () => boolean>): () => boolean {
    const i = info(t);
    if (i.typeName.startsWith('logical:')) return this.compileText((t as unknown as { underlyingType: AvroType }).underlyingType, done);
    switch (i.typeName) {
      case 'null':
        return () => this.take(NULL);
      case 'boolean':
        return () => {
          const v = this.take(TRUE) ? 1 : this.take(FALSE) ? 0 : -1;
          if (v < 0) return false;
          this.room(1);
          this.buf[this.pos++] = v;
          return true;
        };
      case 'int':
      case 'long': {
        const int = i.typeName === 'int';
        return () => {
          // One pass over JSON's integer grammar; up to 15 digits (exact as a number), else the slow way (exact to 64 bits).
          const s = this.src;
          const k = this.integerDigits();
          if (k < 0 || this.digits > 15) return false;
          if (k < this.lim && (s[k] === 0x2e || s[k] === 0x65 || s[k] === 0x45)) return false;
          const v = this.negative ? -this.mantissa : this.mantissa;
          if (int && (v < -0x80000000 || v > 0x7fffffff)) return false;
          this.at = k;
          this.varint(v);
          return true;
        };
      }
      case 'float':
      case 'double': {
        const size = i.typeName === 'float' ? 4 : 8;
        return () => {
          const n = this.number();
          if (Number.isNaN(n)) return false;
          this.room(size);
          if (size === 4) this.buf.writeFloatLE(n, this.pos);
          else {
            F64[0] = n;
            const out = this.buf;
            const o = this.pos;
            if (LITTLE_ENDIAN) for (let k = 0; k < 8; k++) out[o + k] = F64_BYTES[k];
            else for (let k = 0; k < 8; k++) out[o + k] = F64_BYTES[7 - k];
          }
          this.pos += size;
          return true;
        };
      }
      case 'string':
        return () => {
          // One pass: each byte is checked and copied, after one byte kept for the length (one
          // byte up to 63 bytes; a longer string moves up for its longer length).
          const s = this.src;
          if (this.at >= this.lim || s[this.at] !== 0x22) return false;
          this.room(this.lim - this.at + 10);
          const out = this.buf;
          const start = this.pos;
          let o = start + 1;
          let k = this.at + 1;
          const lim = this.lim;
          // Four bytes at a time while they are plain (the closing quote is not), then one at a time.
          if (k + 8 <= lim) {
            const n = copyPlainQuads(this.srcView.of(s), k, lim, this.bufView.of(out), o);
            k += n;
            o += n;
          }
          for (;;) {
            if (k >= lim) return false;
            const c = s[k];
            if (c === 0x22) break;
            if (c === 0x5c || c < 0x20 || c >= 0x80) return false;
            out[o++] = c;
            k++;
          }
          const n = o - start - 1;
          if (n < 64) out[start] = n * 2;
          else {
            const need = varintBytes(n * 2);
            out.copyWithin(start + need, start + 1, o);
            this.varint(n);
            o = start + need + n;
          }
          this.pos = o;
          this.at = k + 1;
          return true;
        };
      case 'enum': {
        const index = new Map(i.symbols!.map((sym, k) => [sym, k]));
        return () => {
          const from = this.at + 1;
          const end = this.asciiString();
          const k = end < 0 ? undefined : index.get(this.src.toString('latin1', from, end));
          if (k === undefined) return false;
          this.varint(k);
          return true;
        };
      }
      case 'record':
      case 'error': {
        // Fields in the schema's order only; any other order (or a missing or extra field) the slow way.
        const fields = i.fields!.map((f) => ({ key: ascii(JSON.stringify(f.name)), write: this.compileText(f.type, done) }));
        if (fields.some((f) => !/^"[\x20-\x7e]*"$/.test(f.key.toString('latin1')) || f.key.includes(0x5c))) return () => false;
        return () => {
          if (!this.takeByte(0x7b)) return false;
          for (let k = 0; k < fields.length; k++) {
            if (k > 0 && !this.takeByte(0x2c)) return false;
            if (!this.take(fields[k].key) || !this.takeByte(0x3a) || !fields[k].write()) return false;
          }
          return this.takeByte(0x7d);
        };
      }
      default: {
        if (!i.typeName.startsWith('union')) return () => false;
        const branches = i.types!.map((b) => this.compileText(b, done));
        const byName = new Map(i.types!.map((b, k) => [branchName(b), k]));
        return () => {
          const at = this.at;
          const pos = this.pos;
          // Plain JSON: the first branch the value fits (as the object writer tries them) ...
          for (let k = 0; k < branches.length; k++) {
            this.varint(k);
            if (branches[k]()) return true;
            this.at = at;
            this.pos = pos;
          }
          // ... or Avro's JSON encoding: {"branch name": value}.
          if (this.takeByte(0x7b)) {
            const from = this.at + 1;
            const end = this.asciiString();
            const k = end < 0 ? undefined : byName.get(this.src.toString('latin1', from, end));
            if (k !== undefined && this.takeByte(0x3a)) {
              this.varint(k);
              if (branches[k]() && this.takeByte(0x7d)) return true;
            }
          }
          this.at = at;
          this.pos = pos;
          return false;
        };
      }
    }
  }

  /**
   * Writes `header` then the value; returns the end of the bytes in `buffer`, or -1 when the value
   * does not match the schema (the caller finds the reason the slow way). Valid until the next call.
   */
  encode(header: Buffer, v: unknown): number {
    this.inexact = false;
    this.pos = 0;
    this.room(header.length);
    header.copy(this.buf, 0);
    this.pos = header.length;
    return this.write(v) ? this.pos : -1;
  }

  get buffer(): Buffer {
    return this.buf;
  }

  private room(n: number): void {
    if (this.pos + n > this.buf.length) this.buf = grown(this.buf, this.pos, n);
  }

  private varint(n: number): void {
    // zig-zag of a safe integer, 7 bits at a time
    let v = n >= 0 ? n * 2 : -n * 2 - 1;
    this.room(10);
    if (v < 0x80) {
      this.buf[this.pos++] = v;
      return;
    }
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  private bigVarint(n: bigint): void {
    let v = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
    this.room(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  private str(s: string, encoding: 'utf8' | 'latin1'): void {
    if (encoding === 'utf8') {
      const n = s.length;
      if (n < 64) {
        // Short ASCII (the common case): byte for byte after a one-byte length.
        this.room(n + 1);
        const o = this.buf;
        let at = this.pos + 1;
        let k = 0;
        for (; k < n; k++) {
          const c = s.charCodeAt(k);
          if (c >= 0x80) break;
          o[at++] = c;
        }
        if (k === n) {
          o[this.pos] = n * 2;
          this.pos = at;
          return;
        }
      }
      // The bytes first, after room for the length as if they were ASCII; moved if they were not.
      const guess = varintBytes(n * 2);
      this.room(n * 3 + 10);
      const at = this.pos;
      const len = this.buf.write(s, at + guess, 'utf8');
      const need = varintBytes(len * 2);
      if (need !== guess) this.buf.copyWithin(at + need, at + guess, at + guess + len);
      this.varint(len);
      this.pos += len;
      return;
    }
    const len = encoding === 'latin1' ? s.length : Buffer.byteLength(s, 'utf8');
    this.varint(len);
    this.room(len);
    this.pos += this.buf.write(s, this.pos, len, encoding);
  }

  private compile(t: AvroType, done: Map<AvroType, (v: unknown) => boolean>): (v: unknown) => boolean {
    const have = done.get(t);
    if (have) return have;
    let body: (v: unknown) => boolean = () => false;
    done.set(t, (v) => body(v));
    body = this.compileBody(t, done);
    done.set(t, body);
    return body;
  }

  private compileBody(t: AvroType, done: Map<AvroType, (v: unknown) => boolean>): (v: unknown) => boolean {
    const i = info(t);
    if (i.typeName.startsWith('logical:')) return this.compile((t as unknown as { underlyingType: AvroType }).underlyingType, done);
    switch (i.typeName) {
      case 'null':
        return (v) => v === null;
      case 'boolean':
        return (v) => {
          if (typeof v !== 'boolean') return false;
          this.room(1);
          this.buf[this.pos++] = v ? 1 : 0;
          return true;
        };
      case 'int':
        return (v) => {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) return false;
          this.varint(v);
          return true;
        };
      case 'long':
        return (v) => {
          if (typeof v === 'number') {
            if (!Number.isSafeInteger(v)) {
              // Beyond 2^53 JSON.parse rounded it: the caller parses the line again, exactly.
              if (Number.isInteger(v)) this.inexact = true;
              return false;
            }
            this.varint(v);
            return true;
          }
          const big = bigOf(v);
          if (big === undefined || big < MIN_LONG || big > MAX_LONG) return false;
          this.bigVarint(big);
          return true;
        };
      case 'float':
      case 'double': {
        const size = i.typeName === 'float' ? 4 : 8;
        return (v) => {
          const n = typeof v === 'number' ? v : bigOf(v) !== undefined ? Number((v as string).slice(BIG.length)) : undefined;
          if (n === undefined) return false;
          this.room(size);
          if (size === 4) this.buf.writeFloatLE(n, this.pos);
          else this.buf.writeDoubleLE(n, this.pos);
          this.pos += size;
          return true;
        };
      }
      case 'string':
        return (v) => {
          if (typeof v !== 'string' || v.startsWith(BIG)) return false;
          this.str(v, 'utf8');
          return true;
        };
      case 'bytes':
        // Avro's JSON encoding: one character per byte (ISO-8859-1).
        return (v) => {
          if (typeof v !== 'string' || v.startsWith(BIG) || !isLatin1(v)) return false;
          this.str(v, 'latin1');
          return true;
        };
      case 'fixed': {
        const size = i.size!;
        return (v) => {
          if (typeof v !== 'string' || v.length !== size || !isLatin1(v)) return false;
          this.room(size);
          this.pos += this.buf.write(v, this.pos, size, 'latin1');
          return true;
        };
      }
      case 'enum': {
        const index = new Map(i.symbols!.map((s, k) => [s, k]));
        return (v) => {
          const k = typeof v === 'string' ? index.get(v) : undefined;
          if (k === undefined) return false;
          this.varint(k);
          return true;
        };
      }
      case 'record':
      case 'error': {
        const fields = i.fields!.map((f) => ({ name: f.name, write: this.compile(f.type, done) }));
        return (v) => {
          if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
          const o = v as Record<string, unknown>;
          for (let k = 0; k < fields.length; k++) {
            const f = fields[k];
            // A missing field (with a default, perhaps) is left to avsc.
            if (!fields[k].write(o[f.name])) return false;
          }
          return true;
        };
      }
      case 'array': {
        const item = this.compile(i.itemsType!, done);
        return (v) => {
          if (!Array.isArray(v)) return false;
          if (v.length) {
            this.varint(v.length);
            for (const x of v) if (!item(x)) return false;
          }
          this.varint(0);
          return true;
        };
      }
      case 'map': {
        const value = this.compile(i.valuesType!, done);
        return (v) => {
          if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
          const keys = Object.keys(v);
          if (keys.length) {
            this.varint(keys.length);
            for (const k of keys) {
              this.str(k, 'utf8');
              if (!value((v as Record<string, unknown>)[k])) return false;
            }
          }
          this.varint(0);
          return true;
        };
      }
      default: {
        if (!i.typeName.startsWith('union')) throw new Error(`unsupported Avro type ${i.typeName}`);
        const branches = i.types!.map((b) => this.compile(b, done));
        const byName = new Map(i.types!.map((b, k) => [branchName(b), k]));
        return (v) => {
          const start = this.pos;
          // Plain JSON: the first branch the value fits ...
          for (let k = 0; k < branches.length; k++) {
            this.varint(k);
            if (branches[k](v)) return true;
            this.pos = start;
          }
          // ... or Avro's JSON encoding: {"branch name": value}.
          if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
            const keys = Object.keys(v);
            const k = keys.length === 1 ? byName.get(keys[0]) : undefined;
            if (k !== undefined) {
              this.varint(k);
              if (branches[k]((v as Record<string, unknown>)[keys[0]])) return true;
              this.pos = start;
            }
          }
          return false;
        };
      }
    }
  }
}
