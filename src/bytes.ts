// Copying a range of one buffer into another, the cheap way for short ranges (a record's value):
// a plain Uint8Array view over the source's ArrayBuffer, which is looked up once per source
// buffer. Buffer#subarray and Buffer#copy make a Buffer view per call and cost about twice as
// much; a byte-by-byte loop in JavaScript four times as much.
let viewSource: Uint8Array | null = null;
let viewBuffer: ArrayBufferLike = new ArrayBuffer(0);
let viewOffset = 0;

/** Copies `src[start, start + length)` into `dst` at `at`. */
export function copyRange(src: Uint8Array, start: number, length: number, dst: Uint8Array, at: number): void {
  if (start === 0 && length === src.length) {
    dst.set(src, at);
    return;
  }
  if (src !== viewSource) {
    viewSource = src;
    viewBuffer = src.buffer;
    viewOffset = src.byteOffset;
  }
  dst.set(new Uint8Array(viewBuffer, viewOffset + start, length), at);
}
