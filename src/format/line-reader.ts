// Input lines -> records, with the console producer's reader properties (Kafka's
// LineMessageReader): parse.key, key.separator, parse.headers, headers.delimiter,
// headers.separator, headers.key.separator, null.marker, ignore.error. Works on bytes, so a
// line that is not valid UTF-8 is sent exactly as it came.
import { KfkError, UsageError } from '../errors.js';

export interface ReaderOptions {
  parseKey: boolean;
  keySeparator: Buffer;
  parseHeaders: boolean;
  headersDelimiter: Buffer;
  headersSeparator: Buffer;
  headersKeySeparator: Buffer;
  nullMarker?: Buffer;
  ignoreError: boolean;
}

export interface ParsedLine {
  key: Buffer | null;
  value: Buffer | null;
  headers?: [string, Buffer | null][];
}

const READER_PROPERTIES = new Set([
  'parse.key', 'key.separator', 'parse.headers', 'headers.delimiter', 'headers.separator',
  'headers.key.separator', 'null.marker', 'ignore.error',
  // Confluent's console producers: a schema file's references (read by the Schema Registry encoder).
  'key.refs', 'value.refs',
]);

export function readerOptions(props: Map<string, string>, warn: (msg: string) => void): ReaderOptions {
  for (const k of props.keys()) if (!READER_PROPERTIES.has(k)) warn(`unknown reader property '${k}' ignored`);
  const bool = (k: string) => (props.get(k) ?? 'false').trim().toLowerCase() === 'true';
  const o: ReaderOptions = {
    parseKey: bool('parse.key'),
    keySeparator: Buffer.from(props.get('key.separator') ?? '\t'),
    parseHeaders: bool('parse.headers'),
    headersDelimiter: Buffer.from(props.get('headers.delimiter') ?? '\t'),
    headersSeparator: Buffer.from(props.get('headers.separator') ?? ','),
    headersKeySeparator: Buffer.from(props.get('headers.key.separator') ?? ':'),
    nullMarker: props.has('null.marker') ? Buffer.from(props.get('null.marker')!) : undefined,
    ignoreError: bool('ignore.error'),
  };
  for (const [name, sep] of [['key.separator', o.keySeparator], ['headers.delimiter', o.headersDelimiter], ['headers.separator', o.headersSeparator], ['headers.key.separator', o.headersKeySeparator]] as const) {
    if (sep.length === 0) throw new UsageError(`${name} must not be empty`);
  }
  if (o.nullMarker) {
    if (o.nullMarker.length === 0) throw new UsageError('null.marker must not be empty');
    if (o.parseKey && o.nullMarker.equals(o.keySeparator)) throw new UsageError('null.marker and key.separator must differ');
    if (o.parseHeaders && o.nullMarker.equals(o.headersDelimiter)) throw new UsageError('null.marker and headers.delimiter must differ');
  }
  return o;
}

/** True when lines are sent as they are: the fast path. */
export function isPlain(o: ReaderOptions): boolean {
  return !o.parseKey && !o.parseHeaders && !o.nullMarker;
}

/**
 * Whether lines parse to a key and a value only (parse.key, no headers, no null marker): then
 * the key and the value are two ranges of the line, split by keyRange() without a Buffer.
 */
export function isKeyOnly(o: ReaderOptions): boolean {
  return o.parseKey && !o.parseHeaders && !o.nullMarker;
}

/**
 * Where the first `sep` is in `buf[start, end)`, or -1. A byte loop: keys are short, and a
 * native indexOf would search past `end` (the rest of the chunk) when the line has no separator.
 */
export function findSeparator(buf: Uint8Array, sep: Uint8Array, start: number, end: number): number {
  const first = sep[0];
  const last = end - sep.length;
  outer: for (let i = start; i <= last; i++) {
    if (buf[i] !== first) continue;
    for (let j = 1; j < sep.length; j++) if (buf[i + j] !== sep[j]) continue outer;
    return i;
  }
  return -1;
}

const show = (b: Buffer) => b.toString('utf8');

function split(buf: Buffer, sep: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = buf.indexOf(sep, start); i !== -1; i = buf.indexOf(sep, start)) {
    parts.push(buf.subarray(start, i));
    start = i + sep.length;
  }
  parts.push(buf.subarray(start));
  return parts;
}

export function parseLine(line: Buffer, lineNumber: number, o: ReaderOptions): ParsedLine {
  let rest = line;
  /** The part of the rest before the first `sep` (the rest goes on after it); none where `sep` is missing, an error (Kafka's words) unless ignore.error. */
  const cut = (sep: Buffer, what: string): Buffer | null => {
    const i = rest.indexOf(sep);
    if (i === -1) {
      if (!o.ignoreError) throw new KfkError(`No ${what} found on line number ${lineNumber}: '${show(line)}'`);
      return null;
    }
    const head = rest.subarray(0, i);
    rest = rest.subarray(i + sep.length);
    return head;
  };
  const headersPart = o.parseHeaders ? cut(o.headersDelimiter, 'headers delimiter') : null;
  const key = o.parseKey ? cut(o.keySeparator, 'key separator') : null;
  const isNull = (b: Buffer) => o.nullMarker !== undefined && b.equals(o.nullMarker);
  const parsed: ParsedLine = { key: key && !isNull(key) ? key : null, value: isNull(rest) ? null : rest };
  if (headersPart && !isNull(headersPart)) {
    parsed.headers = split(headersPart, o.headersSeparator).map((pair) => {
      const i = pair.indexOf(o.headersKeySeparator);
      if (i === -1) {
        if (o.ignoreError) return [show(pair), null];
        throw new KfkError(`No header key separator found in pair '${show(pair)}' on line number ${lineNumber}`);
      }
      const k = pair.subarray(0, i);
      if (isNull(k)) throw new KfkError(`Header keys should not be equal to the null marker '${show(o.nullMarker!)}' as they can't be null`);
      const v = pair.subarray(i + o.headersKeySeparator.length);
      return [show(k), isNull(v) ? null : v];
    });
  }
  return parsed;
}

/**
 * Splits a byte stream into lines (LF, with a trailing CR dropped as Java's readLine does),
 * without copying. Used as a cursor: `feed(chunk)`, then `next()` until it returns false; each
 * line is `lineBuf[lineStart, lineEnd)` (no object per line), a view into the chunk it came in, or into a
 * joined buffer when a line spans chunks. After the input, `finish()` gives a final line without
 * LF. `push`/`end` are the same with a callback and a Buffer per line.
 */
export class LineSplitter {
  private carry: Buffer | null = null;
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  lineBuf: Buffer = this.chunk;
  lineStart = 0;
  lineEnd = 0;

  feed(chunk: Buffer): void {
    this.chunk = chunk;
    this.pos = 0;
  }

  /** Moves to the next complete line of the fed chunk; false when none is left in it. */
  next(): boolean {
    const buf = this.chunk;
    const from = this.pos;
    if (from >= buf.length) return false;
    const nl = buf.indexOf(10, from);
    if (nl === -1) {
      const rest = buf.subarray(from);
      // Only the line that spans chunks is copied, never the whole chunk.
      this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
      this.pos = buf.length;
      return false;
    }
    this.pos = nl + 1;
    if (this.carry) {
      const joined = nl > from ? Buffer.concat([this.carry, buf.subarray(from, nl)]) : this.carry;
      this.carry = null;
      this.set(joined, 0, joined.length);
    } else {
      this.set(buf, from, nl);
    }
    return true;
  }

  /** The last line when the input did not end with LF; false when there is none. */
  finish(): boolean {
    const c = this.carry;
    this.carry = null;
    if (!c || c.length === 0) return false;
    this.set(c, 0, c.length);
    return true;
  }

  /** The current line as a Buffer (a view, no copy). */
  line(): Buffer {
    return this.lineBuf.subarray(this.lineStart, this.lineEnd);
  }

  private set(buf: Buffer, start: number, end: number): void {
    this.lineBuf = buf;
    this.lineStart = start;
    this.lineEnd = end > start && buf[end - 1] === 13 ? end - 1 : end;
  }

  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    this.feed(chunk);
    while (this.next()) onLine(this.line());
  }

  end(onLine: (line: Buffer) => void): void {
    if (this.finish()) onLine(this.line());
  }
}
