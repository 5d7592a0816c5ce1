// Zigzag varints (Kafka's record fields) written and read in place.

/** Bytes a zigzag varint of n takes (n may exceed 32 bits: timestamps deltas). */
export function varintSize(n: number): number {
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  let size = 1;
  while (z >= 128) {
    z = Math.floor(z / 128);
    size++;
  }
  return size;
}

/** Writes zigzag varint n at off; returns the new offset. */
export function writeVarint(buf: Buffer, off: number, n: number): number {
  if (n >= -0x40000000 && n < 0x40000000) {
    let z = (n << 1) ^ (n >> 31);
    while ((z & ~0x7f) !== 0) {
      buf[off++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    buf[off++] = z;
    return off;
  }
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  while (z >= 128) {
    buf[off++] = (z % 128) | 0x80;
    z = Math.floor(z / 128);
  }
  buf[off++] = z;
  return off;
}

/** Reads a zigzag varint at pos.off, advancing it. */
export function readVarint(buf: Buffer, pos: { off: number }): number {
  let off = pos.off;
  let b = buf[off++];
  if (b < 0x80) {
    pos.off = off;
    return (b >>> 1) ^ -(b & 1);
  }
  let z = b & 0x7f;
  let mul = 128;
  do {
    b = buf[off++];
    z += (b & 0x7f) * mul;
    mul *= 128;
  } while (b >= 0x80);
  pos.off = off;
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}
