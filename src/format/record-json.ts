// One record as one JSON line: what `kfk consume -o json` prints and `kfk produce --format json`
// reads. Lossless: bytes that are not valid UTF-8 (or any bytes, with --encoding base64|hex)
// are written in that encoding and marked, so that nothing is corrupted silently. A null key
// or value (tombstone) stays null. Headers are an object, or a list of [key, value] pairs when a
// key repeats.
import { isUtf8 } from 'node:buffer';
import { KfkError } from '../errors.js';
import type { DecodedRecord } from '../kafka/records/decoder.js';

export type BinaryEncoding = 'utf8' | 'base64' | 'hex';

/** A record as kfk prints it: the one record shape (records/decoder.ts). */
export type JsonRecordIn = DecodedRecord;

function encodeBytes(b: Buffer, enc: BinaryEncoding): { text: string; enc: BinaryEncoding } {
  if (enc === 'utf8') return isUtf8(b) ? { text: b.toString('utf8'), enc } : { text: b.toString('base64'), enc: 'base64' };
  return { text: b.toString(enc), enc };
}

/** `deliveryCount`: a share group's delivery count of the record (a share consumer's records only). */
export function recordToJson(r: JsonRecordIn, encoding: BinaryEncoding, deliveryCount?: number): string {
  const out: Record<string, unknown> = {
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: r.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
  };
  if (deliveryCount !== undefined) out.deliveryCount = deliveryCount;
  return JSON.stringify(withPayload(out, r, encoding));
}

/**
 * A record as `kfk produce --format json` input (key, value, headers, timestamp, and the
 * partition when one is given): what --failed-records writes for a later rerun.
 */
export function recordToInputJson(r: Omit<JsonRecordIn, 'topic' | 'offset' | 'timestampType' | 'partition'> & { partition?: number }): string {
  const out: Record<string, unknown> = {};
  if (r.partition !== undefined) out.partition = r.partition;
  out.timestamp = r.timestamp;
  return JSON.stringify(withPayload(out, r, 'utf8'));
}

function withPayload(out: Record<string, unknown>, r: Pick<JsonRecordIn, 'key' | 'value' | 'headers'>, encoding: BinaryEncoding): Record<string, unknown> {
  if (r.key === null) out.key = null;
  else {
    const k = encodeBytes(r.key, encoding);
    out.key = k.text;
    if (k.enc !== 'utf8') out.keyEncoding = k.enc;
  }
  if (r.value === null) out.value = null;
  else {
    const v = encodeBytes(r.value, encoding);
    out.value = v.text;
    if (v.enc !== 'utf8') out.valueEncoding = v.enc;
  }
  let headerEnc: BinaryEncoding = encoding;
  if (encoding === 'utf8' && r.headers.some(([, v]) => v !== null && !isUtf8(v))) headerEnc = 'base64';
  const pairs = r.headers.map(([k, v]) => [k, v === null ? null : v.toString(headerEnc)] as const);
  const unique = new Set(pairs.map(([k]) => k)).size === pairs.length;
  out.headers = unique ? Object.fromEntries(pairs) : pairs;
  if (headerEnc !== 'utf8' && pairs.length) out.headersEncoding = headerEnc;
  return out;
}

export interface JsonRecordOut {
  key: Buffer | null;
  value: Buffer | null;
  headers?: [string, Buffer | null][];
  partition?: number;
  timestamp?: number;
}

function decodeField(v: unknown, enc: unknown, field: string, line: number): Buffer | null {
  if (v === null || v === undefined) return null;
  const e = enc ?? 'utf8';
  if (e !== 'utf8' && e !== 'base64' && e !== 'hex') throw new KfkError(`line ${line}: ${field}Encoding must be utf8, base64 or hex`);
  if (typeof v !== 'string') {
    // A JSON value that is not a string (number, object) is sent as its JSON text.
    if (e !== 'utf8') throw new KfkError(`line ${line}: ${field} must be a string when ${field}Encoding is ${e}`);
    return Buffer.from(JSON.stringify(v));
  }
  if (e === 'hex' && !/^(?:[0-9a-fA-F]{2})*$/.test(v)) throw new KfkError(`line ${line}: ${field} is not valid hex`);
  if (e === 'base64' && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) throw new KfkError(`line ${line}: ${field} is not valid base64`);
  return Buffer.from(v, e);
}

export function recordFromJson(text: string, line: number): JsonRecordOut {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    throw new KfkError(`line ${line}: invalid JSON: ${(err as Error).message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new KfkError(`line ${line}: expected a JSON object`);
  const o = obj as Record<string, unknown>;
  const rec: JsonRecordOut = {
    key: decodeField(o.key, o.keyEncoding, 'key', line),
    value: decodeField(o.value, o.valueEncoding, 'value', line),
  };
  if (o.partition !== undefined && o.partition !== null) {
    if (!Number.isInteger(o.partition) || (o.partition as number) < 0) throw new KfkError(`line ${line}: partition must be a non-negative integer`);
    rec.partition = o.partition as number;
  }
  if (o.timestamp !== undefined && o.timestamp !== null) {
    const ts = typeof o.timestamp === 'string' ? Date.parse(o.timestamp) : o.timestamp;
    if (typeof ts !== 'number' || !Number.isFinite(ts)) throw new KfkError(`line ${line}: timestamp must be epoch milliseconds or an ISO 8601 string`);
    rec.timestamp = ts;
  }
  if (o.headers !== undefined && o.headers !== null) {
    const enc = o.headersEncoding;
    const entries: [string, unknown][] = Array.isArray(o.headers)
      ? (o.headers as unknown[]).map((p, i) => {
          if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string') throw new KfkError(`line ${line}: headers[${i}] must be a [key, value] pair`);
          return [p[0], p[1]];
        })
      : typeof o.headers === 'object'
        ? Object.entries(o.headers as Record<string, unknown>)
        : (() => {
            throw new KfkError(`line ${line}: headers must be an object or a list of [key, value] pairs`);
          })();
    rec.headers = entries.map(([k, v]) => [k, decodeField(v, enc, 'headers', line)]);
  }
  return rec;
}
