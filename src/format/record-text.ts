// Records as Kafka's console consumer prints them (its DefaultMessageFormatter): optional
// timestamp, partition, offset, delivery count, leader epoch, headers and key, then the value,
// joined by key.separator and ended by line.separator. Formatter properties: print.timestamp,
// print.key, print.offset, print.partition, print.delivery, print.epoch, print.headers,
// print.value, key.separator, line.separator, headers.separator, null.literal, and the
// key/value/headers deserializers of ./deserializers.ts.
import type { DecodedRecord } from '../kafka/records/decoder.js';
import { formatterDeserializer, type FormatterDeserializer } from './deserializers.js';

export interface TextFormat {
  timestamp: boolean;
  key: boolean;
  offset: boolean;
  partition: boolean;
  delivery: boolean;
  epoch: boolean;
  headers: boolean;
  value: boolean;
  keySeparator: Buffer;
  lineSeparator: Buffer;
  headersSeparator: Buffer;
  nullLiteral: Buffer;
  keyDeserializer?: FormatterDeserializer;
  valueDeserializer?: FormatterDeserializer;
  headersDeserializer?: FormatterDeserializer;
}

const FORMATTER_PROPERTIES = new Set([
  'print.timestamp', 'print.key', 'print.offset', 'print.partition', 'print.delivery', 'print.epoch', 'print.headers', 'print.value',
  'key.separator', 'line.separator', 'headers.separator', 'null.literal',
  'key.deserializer', 'value.deserializer', 'headers.deserializer',
  // Confluent's schema formatters (kfk consume --value-format ...)
  'print.schema.ids', 'schema.id.separator',
]);
/** Properties Kafka hands to a deserializer (`key.deserializer.encoding=...`): accepted, not warned about. */
const DESERIALIZER_CONFIG = /^(key|value|headers)\.deserializer\./;

export function textFormat(props: Map<string, string>, warn: (m: string) => void): TextFormat {
  for (const k of props.keys()) if (!FORMATTER_PROPERTIES.has(k) && !DESERIALIZER_CONFIG.test(k)) warn(`unknown formatter property '${k}' ignored`);
  const bool = (k: string, d: boolean) => (props.has(k) ? props.get(k)!.trim().toLowerCase() === 'true' : d);
  const deserializer = (k: string) => (props.has(k) ? formatterDeserializer(props.get(k)!, warn) : undefined);
  return {
    timestamp: bool('print.timestamp', false),
    key: bool('print.key', false),
    offset: bool('print.offset', false),
    partition: bool('print.partition', false),
    delivery: bool('print.delivery', false),
    epoch: bool('print.epoch', false),
    headers: bool('print.headers', false),
    value: bool('print.value', true),
    keySeparator: Buffer.from(props.get('key.separator') ?? '\t'),
    lineSeparator: Buffer.from(props.get('line.separator') ?? '\n'),
    headersSeparator: Buffer.from(props.get('headers.separator') ?? ','),
    nullLiteral: Buffer.from(props.get('null.literal') ?? 'null'),
    keyDeserializer: deserializer('key.deserializer'),
    valueDeserializer: deserializer('value.deserializer'),
    headersDeserializer: deserializer('headers.deserializer'),
  };
}

/** Only the value as it is, one per line: the default, and the fast path. */
export function isValueOnly(f: TextFormat): boolean {
  return f.value && !f.timestamp && !f.key && !f.offset && !f.partition && !f.delivery && !f.epoch && !f.headers && !f.valueDeserializer;
}

/** A record as Kafka's formatter prints it (the topic is not printed). */
export type TextRecord = Omit<DecodedRecord, 'topic'>;

const NOT_PRESENT = Buffer.from('NOT_PRESENT');

/**
 * Kafka's formatter passes null bytes through as null.literal, and hands null.literal to a
 * deserializer in place of a null.
 */
function bytes(b: Buffer | null, d: FormatterDeserializer | undefined, f: TextFormat): Buffer {
  const nonNull = b ?? f.nullLiteral;
  return d ? d(nonNull) : nonNull;
}

/**
 * `deliveryCount`: a share group's delivery count of the record, which Kafka's console share
 * consumer hands its formatter (print.delivery prints it); the plain console consumer has none.
 */
export function formatRecordText(r: TextRecord, f: TextFormat, deliveryCount?: number): Buffer[] {
  const parts: Buffer[] = [];
  const field = (b: Buffer) => {
    if (parts.length) parts.push(f.keySeparator);
    parts.push(b);
  };
  // A v2 record batch always has a timestamp type, so a missing timestamp prints as CreateTime:-1.
  if (f.timestamp) field(Buffer.from(`${r.timestampType === 1 ? 'LogAppendTime' : 'CreateTime'}:${r.timestamp}`));
  if (f.partition) field(Buffer.from(`Partition:${r.partition}`));
  if (f.offset) field(Buffer.from(`Offset:${r.offset}`));
  // Kafka's console consumer hands its formatter a copy of each record without the delivery
  // count or the leader epoch (checked against 4.4), so both always print NOT_PRESENT there.
  if (f.delivery) field(deliveryCount === undefined ? Buffer.concat([Buffer.from('Delivery:'), NOT_PRESENT]) : Buffer.from(`Delivery:${deliveryCount}`));
  if (f.epoch) field(Buffer.concat([Buffer.from('Epoch:'), NOT_PRESENT]));
  if (f.headers) {
    if (r.headers.length === 0) field(Buffer.from('NO_HEADERS'));
    else {
      const hs: Buffer[] = [];
      r.headers.forEach(([k, v], i) => {
        if (i) hs.push(f.headersSeparator);
        hs.push(Buffer.from(k + ':'), bytes(v, f.headersDeserializer, f));
      });
      field(Buffer.concat(hs));
    }
  }
  if (f.key) field(bytes(r.key, f.keyDeserializer, f));
  if (f.value) field(bytes(r.value, f.valueDeserializer, f));
  // With every field switched off, Kafka prints nothing at all for a record.
  if (parts.length) parts.push(f.lineSeparator);
  return parts;
}
