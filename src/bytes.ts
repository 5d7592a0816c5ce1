// Copying a range of one buffer into another, the cheap way for short ranges (a record's value).
//
// Between two parts of the slab below (produce's input chunks and its batch buffers), a copy is
// one copyWithin over the whole slab: no object at all per record. Otherwise a plain Uint8Array
// view over the source's ArrayBuffer, which is looked up once per source buffer: Buffer#subarray
// and Buffer#copy make a Buffer view per call and cost about twice as much; a byte-by-byte loop
// in JavaScript four times as much. A view is about 90 bytes of garbage per record, which over
// millions of records is what makes the heap grow.
let viewSource: Uint8Array | null = null;
let viewBuffer: ArrayBufferLike = new ArrayBuffer(0);
let viewOffset = 0;

/**
 * One region that produce's input chunks and batch buffers are carved from, made on first use;
 * its size follows the producer's memory bound (sizeSlab).
 */
let SLAB_BYTES = 24 * 1024 * 1024;
let slab: Buffer | null = null;
let slabUsed = 0;

/**
 * `size` bytes of the slab, for good: the caller keeps and reuses them (a buffer pool, the input
 * chunk). Undefined once the slab is used up; the caller then allocates as usual.
 */
export function slabAlloc(size: number): Buffer | undefined {
  if (size > SLAB_BYTES - slabUsed) return undefined;
  slab ??= Buffer.allocUnsafeSlow(SLAB_BYTES);
  const part = slab.subarray(slabUsed, slabUsed + size);
  slabUsed += size;
  return part;
}

/** Sets the slab's size; only before its first use. */
export function sizeSlab(bytes: number): void {
  if (slab === null) SLAB_BYTES = bytes;
}

/** Whether `b` is part of the slab. */
export function inSlab(b: Uint8Array): boolean {
  return slab !== null && b.buffer === slab.buffer;
}

/** Copies `src[start, start + length)` into `dst` at `at`. */
export function copyRange(src: Uint8Array, start: number, length: number, dst: Uint8Array, at: number): void {
  if (start === 0 && length === src.length) {
    dst.set(src, at);
    return;
  }
  if (slab !== null && src.buffer === slab.buffer && dst.buffer === slab.buffer) {
    const from = src.byteOffset + start;
    slab.copyWithin(dst.byteOffset + at, from, from + length);
    return;
  }
  if (src !== viewSource) {
    viewSource = src;
    viewBuffer = src.buffer;
    viewOffset = src.byteOffset;
  }
  dst.set(new Uint8Array(viewBuffer, viewOffset + start, length), at);
}
