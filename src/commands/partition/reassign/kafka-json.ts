// How Kafka's tools read a JSON file (org.apache.kafka.server.util.Json and its DecodeJson), so
// that a bad reassignment file fails with the tool's words: Jackson's readTree takes the first
// JSON value and ignores what follows it; the fields are checked by type, with Kafka's messages.
import { KfkError } from '../../../errors.js';

const LOCATION = 'Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)';
const VALUE_KINDS = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** A parsed JSON value, or undefined for no value at all (Jackson's MissingNode). */
export type Json = unknown;

/** Where the first JSON value of `text` ends (strings, objects and arrays kept whole), or -1. */
function firstValueEnd(text: string, start: number): number {
  const c = text[start];
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      } else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  if (c === '"') {
    let i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return i < text.length ? i + 1 : -1;
  }
  const m = /^[^\s,\]}{[]+/.exec(text.slice(start));
  return start + (m ? m[0].length : 0);
}

/** `line: L, column: C` of an offset, 1-based, as Jackson counts. */
function location(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `[${LOCATION}; line: ${before.length}, column: ${before[before.length - 1].length + 1}]`;
}

/**
 * Json.tryParseFull: the first value of the text. An empty text, and what does not start as a
 * JSON value, fail with the tool's line; other syntax errors with `fallback`.
 */
export function parseKafkaJson(text: string, fallback: string): Json {
  if (text === '') throw new KfkError("The input string shouldn't be empty\n at [Source: UNKNOWN; byte offset: #UNKNOWN]");
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const c = text[start];
  if (!/[{["\-0-9]/.test(c)) {
    const word = /^[\p{L}_$][\p{L}\p{N}_$]*/u.exec(text.slice(start));
    // null, true and false are values; any other word is an unrecognized token.
    if (word && !['null', 'true', 'false'].includes(word[0])) throw new KfkError(`Unrecognized token '${word[0]}': was expecting ${VALUE_KINDS}\n at ${location(text, start)}`);
    if (!word) throw new KfkError(`Unexpected character ('${c}' (code ${c.codePointAt(0)})): expected a valid value ${VALUE_KINDS}\n at ${location(text, start)}`);
  }
  const end = firstValueEnd(text, start);
  try {
    if (end < 0) throw new Error('unterminated');
    return JSON.parse(text.slice(start, end)) as Json;
  } catch {
    throw new KfkError(fallback);
  }
}

/** Jackson's JsonNode#toString: compact JSON, nothing for a missing value. */
const nodeText = (v: Json) => (v === undefined ? '' : JSON.stringify(v));
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JsonValue#asJsonObject. */
export function asObject(v: Json): Record<string, Json> {
  if (!isObject(v)) throw new KfkError(`Expected JSON object, received ${nodeText(v)}`);
  return v;
}

/** JsonValue#asJsonArray. */
export function asArray(v: Json): Json[] {
  if (!Array.isArray(v)) throw new KfkError(`Expected JSON array, received ${nodeText(v)}`);
  return v;
}

/** JsonObject#apply: a field that must be there. */
export function field(o: Record<string, Json>, name: string): Json {
  if (!Object.hasOwn(o, name)) throw new KfkError(`No such field exists: \`${name}\``);
  return o[name];
}

const mismatch = (type: string, v: Json) => new KfkError(`Expected \`${type}\` value, received ${nodeText(v)}`);

/** DecodeJson.DecodeInteger: a 32-bit int. */
export function toInt(v: Json): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
  throw mismatch('Integer', v);
}

/** DecodeJson.DecodeString. */
export function toStr(v: Json): string {
  if (typeof v === 'string') return v;
  throw mismatch('String', v);
}

/** DecodeJson.decodeList. */
export function toList<T>(v: Json, each: (x: Json) => T): T[] {
  if (!Array.isArray(v)) throw mismatch('JSON array', v);
  return v.map(each);
}
