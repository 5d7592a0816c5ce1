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
