// What each schema format gives the record path: bytes after the 5-byte header to JSON, and a
// JSON document to bytes. Each format lives in its own module, with its library loaded only when
// a record of that format is met.
export interface SchemaCodec {
  /** The value as Confluent's console consumers print it (Avro's JSON encoding, ...). */
  toText(b: Buffer, start: number): string;
  /** The value as a JSON value, for `-o json`. */
  toJson(b: Buffer, start: number): unknown;
  /** A JSON document (one input line) to the bytes after the header; throws with the reason. */
  encode(line: string): Buffer;
  /**
   * toText of `b[start, end)` as UTF-8 bytes, `out[from ?? 0, at)`, valid until the next call (the record
   * path: a value inside a fetch response, no string made).
   */
  textAt?(b: Buffer, start: number, end: number): TextBytes;
  /**
   * textAt written into `dst` from `at` where it fits: then the result's `out` is `dst` (the
   * text at `[from, at)` there); otherwise it is in a buffer of the codec's, as from textAt.
   */
  textInto?(b: Buffer, start: number, end: number, dst: Buffer, at: number): TextBytes;
  /** toJson as JSON text (exact where a JSON value would round, as longs beyond 2^53). */
  toJsonText?(b: Buffer, start: number): string;
  /**
   * The header and the encoded line in a buffer valid until the next call (`buf[0, end)`): no
   * Buffer per record. Throws with the reason.
   */
  encodeFramed?(header: Buffer, line: string): { buf: Buffer; end: number };
  /** The same straight from the line's bytes `b[start, end)` (the result, like its buffer, valid until the next call); undefined when this needs the string path. */
  encodeFramedAt?(header: Buffer, b: Buffer, start: number, end: number): { buf: Buffer; end: number } | undefined;
}

export interface TextBytes {
  out: Buffer;
  /** Where the text starts in `out` (0 when not given). */
  from?: number;
  at: number;
}

export interface NamedSchema {
  name: string;
  schema: string;
}

export class SchemaParseError extends Error {}

/** JSON.parse with the reason a user can act on. */
export function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    throw new Error(`not a JSON document: ${(err as Error).message}`);
  }
}
