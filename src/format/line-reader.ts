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
  let headersPart: Buffer | null = null;
  if (o.parseHeaders) {
    const i = rest.indexOf(o.headersDelimiter);
    if (i === -1) {
      if (!o.ignoreError) throw new KfkError(`No headers delimiter found on line number ${lineNumber}: '${show(line)}'`);
    } else {
      headersPart = rest.subarray(0, i);
      rest = rest.subarray(i + o.headersDelimiter.length);
    }
  }
  let key: Buffer | null = null;
  if (o.parseKey) {
    const i = rest.indexOf(o.keySeparator);
    if (i === -1) {
      if (!o.ignoreError) throw new KfkError(`No key separator found on line number ${lineNumber}: '${show(line)}'`);
    } else {
      key = rest.subarray(0, i);
      rest = rest.subarray(i + o.keySeparator.length);
    }
  }
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
 * without copying: each line is a view into the chunk it came in, or into a joined buffer
 * when a line spans chunks. A final line without LF is a line too.
 */
export class LineSplitter {
  private carry: Buffer | null = null;

  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    const buf = chunk;
    let start = 0;
    if (this.carry) {
      // Only the line that spans the two chunks is joined: no copy of the whole chunk.
      const nl = buf.indexOf(10);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, buf]);
        return;
      }
      const joined = Buffer.concat([this.carry, buf.subarray(0, nl)]);
      this.carry = null;
      onLine(joined.length && joined[joined.length - 1] === 13 ? joined.subarray(0, joined.length - 1) : joined);
      start = nl + 1;
    }
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      onLine(buf.subarray(start, end));
      start = nl + 1;
    }
    if (start < buf.length) this.carry = Buffer.from(buf.subarray(start));
  }

  end(onLine: (line: Buffer) => void): void {
    if (this.carry && this.carry.length > 0) {
      const c = this.carry;
      onLine(c[c.length - 1] === 13 ? c.subarray(0, c.length - 1) : c);
    }
    this.carry = null;
  }
}
