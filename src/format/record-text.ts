// Records as Kafka's console consumer prints them (its DefaultMessageFormatter): optional
// timestamp, partition, offset, headers and key, then the value, joined by key.separator and
// ended by line.separator. Formatter properties: print.timestamp, print.key, print.offset,
// print.partition, print.headers, print.value, key.separator, line.separator,
// headers.separator, null.literal.
import type { DecodedRecord } from '../kafka/records/decoder.js';
export interface TextFormat {
  timestamp: boolean;
  key: boolean;
  offset: boolean;
  partition: boolean;
  headers: boolean;
  value: boolean;
  keySeparator: Buffer;
  lineSeparator: Buffer;
  headersSeparator: Buffer;
  nullLiteral: Buffer;
}

const FORMATTER_PROPERTIES = new Set([
  'print.timestamp', 'print.key', 'print.offset', 'print.partition', 'print.headers', 'print.value',
  'key.separator', 'line.separator', 'headers.separator', 'null.literal',
  'key.deserializer', 'value.deserializer', 'headers.deserializer',
]);

export function textFormat(props: Map<string, string>, warn: (m: string) => void): TextFormat {
  for (const k of props.keys()) if (!FORMATTER_PROPERTIES.has(k)) warn(`unknown formatter property '${k}' ignored`);
  const bool = (k: string, d: boolean) => (props.has(k) ? props.get(k)!.trim().toLowerCase() === 'true' : d);
  return {
    timestamp: bool('print.timestamp', false),
    key: bool('print.key', false),
    offset: bool('print.offset', false),
    partition: bool('print.partition', false),
    headers: bool('print.headers', false),
    value: bool('print.value', true),
    keySeparator: Buffer.from(props.get('key.separator') ?? '\t'),
    lineSeparator: Buffer.from(props.get('line.separator') ?? '\n'),
    headersSeparator: Buffer.from(props.get('headers.separator') ?? ','),
    nullLiteral: Buffer.from(props.get('null.literal') ?? 'null'),
  };
}

/** Only the value, one per line: the default, and the fast path. */
export function isValueOnly(f: TextFormat): boolean {
  return f.value && !f.timestamp && !f.key && !f.offset && !f.partition && !f.headers;
}

/** A record as Kafka's formatter prints it (the topic is not printed). */
export type TextRecord = Omit<DecodedRecord, 'topic'>;

export function formatRecordText(r: TextRecord, f: TextFormat): Buffer[] {
  const parts: Buffer[] = [];
  const field = (b: Buffer) => {
    if (parts.length) parts.push(f.keySeparator);
    parts.push(b);
  };
  if (f.timestamp) field(Buffer.from(r.timestamp < 0 ? 'NO_TIMESTAMP' : `${r.timestampType === 1 ? 'LogAppendTime' : 'CreateTime'}:${r.timestamp}`));
  if (f.partition) field(Buffer.from(`Partition:${r.partition}`));
  if (f.offset) field(Buffer.from(`Offset:${r.offset}`));
  if (f.headers) {
    if (r.headers.length === 0) field(Buffer.from('NO_HEADERS'));
    else {
      const hs: Buffer[] = [];
      r.headers.forEach(([k, v], i) => {
        if (i) hs.push(f.headersSeparator);
        hs.push(Buffer.from(k + ':'), v ?? f.nullLiteral);
      });
      field(Buffer.concat(hs));
    }
  }
  if (f.key) field(r.key ?? f.nullLiteral);
  if (f.value) field(r.value ?? f.nullLiteral);
  parts.push(f.lineSeparator);
  return parts;
}
