// Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian integer, then the
// encoded value; for Protobuf the message indexes (zig-zag varints) come first.
export const MAGIC = 0;
export const HEADER_SIZE = 5;

/** The schema id of a framed record, or undefined when the bytes are not framed. */
export function framedSchemaId(b: Buffer | null): number | undefined {
  if (!b || b.length < HEADER_SIZE || b[0] !== MAGIC) return undefined;
  return b.readInt32BE(1);
}

export function frameHeader(id: number): Buffer {
  const h = Buffer.alloc(HEADER_SIZE);
  h[0] = MAGIC;
  h.writeInt32BE(id, 1);
  return h;
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function writeVarint(out: number[], n: number): void {
  let v = zigzag(n);
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Protobuf message indexes as Confluent writes them: [0] as one 0 byte, else count then indexes. */
export function encodeMessageIndexes(indexes: number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0]);
  const out: number[] = [];
  writeVarint(out, indexes.length);
  for (const i of indexes) writeVarint(out, i);
  return Buffer.from(out);
}

/** Reads message indexes at `pos`; returns them and the position after them. */
export function decodeMessageIndexes(b: Buffer, pos: number): { indexes: number[]; next: number } {
  const read = (): number => {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      if (pos >= b.length) throw new Error('truncated Protobuf message indexes');
      const byte = b[pos++];
      v += (byte & 0x7f) * mul;
      if (!(byte & 0x80)) return v % 2 ? -(v + 1) / 2 : v / 2;
      mul *= 128;
    }
    throw new Error('bad Protobuf message indexes');
  };
  const count = read();
  if (count === 0) return { indexes: [0], next: pos };
  if (count < 0 || count > 100) throw new Error(`bad Protobuf message index count ${count}`);
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) indexes.push(read());
  return { indexes, next: pos };
}
