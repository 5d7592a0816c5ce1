// The Kafka deserializers the console consumer's formatter properties name
// (key.deserializer, value.deserializer, headers.deserializer): each turns a record's bytes into
// the text Java's toString() of the deserialized object gives.
import { KfkError } from '../errors.js';

/** Bytes in (the formatter's null.literal in place of a null), printed bytes out. */
export type FormatterDeserializer = (b: Buffer) => Buffer;

const PKG = 'org.apache.kafka.common.serialization.';

function fixedSize(name: string, size: number, read: (b: Buffer) => string): FormatterDeserializer {
  return (b) => {
    if (b.length !== size) throw new KfkError(`Size of data received by ${name} is not ${size}`);
    return Buffer.from(read(b));
  };
}

/** Kafka's Bytes.toString: printable ASCII as it is, every other byte (and a backslash) as \xHH. */
function escapedBytes(b: Buffer): Buffer {
  let s = '';
  for (const c of b) s += c >= 0x20 && c <= 0x7e && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
  return Buffer.from(s);
}

const DESERIALIZERS: Record<string, FormatterDeserializer> = {
  StringDeserializer: (b) => Buffer.from(b.toString('utf8')),
  ShortDeserializer: fixedSize('ShortDeserializer', 2, (b) => String(b.readInt16BE(0))),
  IntegerDeserializer: fixedSize('IntegerDeserializer', 4, (b) => String(b.readInt32BE(0))),
  LongDeserializer: fixedSize('LongDeserializer', 8, (b) => b.readBigInt64BE(0).toString()),
  BytesDeserializer: escapedBytes,
};

export const SUPPORTED_DESERIALIZERS = Object.keys(DESERIALIZERS).map((n) => PKG + n);

/** The deserializer of a class name; undefined (bytes as they are, with a warning) for one kfk does not have. */
export function formatterDeserializer(className: string, warn: (m: string) => void): FormatterDeserializer | undefined {
  const name = className.trim();
  const d = name.startsWith(PKG) ? DESERIALIZERS[name.slice(PKG.length)] : undefined;
  if (!d) warn(`deserializer '${name}' is not supported (supported: ${SUPPORTED_DESERIALIZERS.join(', ')}): bytes are printed as they are`);
  return d;
}
