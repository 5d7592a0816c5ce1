// Copying a range of one buffer into another, the cheap way for short ranges (a record's value).
//
// A plain Uint8Array view over the source's ArrayBuffer, which is looked up once per source
// buffer, handed to TypedArray#set: Buffer#subarray and Buffer#copy make a Buffer view per call
// and cost about twice as much; a byte-by-byte loop in JavaScript four times as much. A view is
// about 90 bytes of garbage per record, all of it dead at the next scavenge. Between two parts of
// the slab below (produce's input chunk and its batch buffers) one copyWithin over the whole slab
// would need no object, but it is a call into V8's C++ runtime: 100-130 ns more per record than
// the view (produce 1M x 100 B: 0.75 against 0.88 s of CPU, keyed 0.80-1.09 against 0.99-1.27 s),
// for 0-2 MB less peak RSS.
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

/**
 * Blocks of power-of-two sizes from one part of the slab, split and merged back as they are taken
 * and given back (a buddy allocator): the producer's batch buffers, of whatever size a batch grows
 * to, all come from the same bytes, and none is left for the garbage collector. (Node frees a
 * dropped Buffer's memory only at a collection, which comes late: keyed produce left tens of
 * megabytes of batch buffers waiting for one.)
 */
export class SlabArena {
  /**
   * Per size's exponent, the offsets of its free blocks. Plain arrays, and a typed array for the
   * blocks handed out: a Set or Map reallocates its table as it grows and shrinks, and with
   * batches opened and closed over hundreds of partitions those tables were most of what the
   * producer left to the collector.
   */
  private readonly free: number[][] = [];
  /** Per block of the smallest size, the exponent + 1 of the block handed out at its offset (0: none). */
  private readonly taken: Int8Array;
  private readonly maxShift: number;

  constructor(
    private readonly base: Buffer,
    private readonly minShift = 12,
  ) {
    this.maxShift = Math.floor(Math.log2(base.length));
    for (let k = 0; k <= this.maxShift; k++) this.free.push([]);
    this.free[this.maxShift].push(0);
    this.taken = new Int8Array((2 ** this.maxShift) / 2 ** minShift);
  }

  /** A block of at least `size` bytes (its length is the block's power of two), or undefined when none is free. */
  alloc(size: number): Buffer | undefined {
    let want = this.minShift;
    while (2 ** want < size) want++;
    if (want > this.maxShift) return undefined;
    // The lowest free block that is large enough, whatever its size: the memory in use stays
    // packed at the start of the arena, and pages past it are never touched (they count in RSS
    // only once written). The smallest large enough would do that only while blocks are of one
    // size: with a 2 MB block free at 12 MB and a 4 MB one at 4 MB, it would split the first.
    let off = Number.POSITIVE_INFINITY;
    let k = -1;
    let at = -1;
    for (let size = want; size <= this.maxShift; size++) {
      const list = this.free[size];
      for (let i = 0; i < list.length; i++) {
        if (list[i] < off) {
          off = list[i];
          k = size;
          at = i;
        }
      }
    }
    if (k < 0) return undefined;
    removeAt(this.free[k], at);
    // Split down to the size wanted: the upper halves stay free.
    while (k > want) {
      k--;
      this.free[k].push(off + 2 ** k);
    }
    this.taken[off / 2 ** this.minShift] = want + 1;
    return this.base.subarray(off, off + 2 ** want);
  }

  /** Takes back a block `alloc` gave; false for any other buffer. */
  give(buf: Uint8Array): boolean {
    if (buf.buffer !== this.base.buffer) return false;
    let off = buf.byteOffset - this.base.byteOffset;
    const slot = off / 2 ** this.minShift;
    if (!Number.isInteger(slot) || slot >= this.taken.length) return false;
    let k = this.taken[slot] - 1;
    if (k < 0 || buf.length !== 2 ** k) return false;
    this.taken[slot] = 0;
    // Merge with its buddy while the buddy is free too.
    while (k < this.maxShift) {
      const buddy = off ^ (2 ** k);
      const at = this.free[k].indexOf(buddy);
      if (at < 0) break;
      removeAt(this.free[k], at);
      off = Math.min(off, buddy);
      k++;
    }
    this.free[k].push(off);
    return true;
  }

  /** Bytes handed out and not given back. */
  get used(): number {
    let n = 0;
    for (const k of this.taken) if (k > 0) n += 2 ** (k - 1);
    return n;
  }
}

/** Removes `list[i]` (order does not matter): the last element takes its place. */
function removeAt(list: number[], i: number): void {
  const last = list.pop()!;
  if (i < list.length) list[i] = last;
}

let ARENA_BYTES = 0;
let arena: SlabArena | null | undefined;

/** Sets the size of the slab's arena (rounded down to a power of two; 0: none); only before its first use. */
export function sizeArena(bytes: number): void {
  if (arena === undefined) ARENA_BYTES = bytes > 0 ? 2 ** Math.floor(Math.log2(bytes)) : 0;
}

/** The slab's arena for batch buffers, carved on first use; null when there is none or no room for it. */
export function slabArena(): SlabArena | null {
  if (arena === undefined) {
    const region = ARENA_BYTES > 0 ? slabAlloc(ARENA_BYTES) : undefined;
    arena = region ? new SlabArena(region) : null;
  }
  return arena;
}

/** Whether `b` is part of the slab. */
export function inSlab(b: Uint8Array): boolean {
  return slab !== null && b.buffer === slab.buffer;
}

/** Copies `src[start, start + length)` into `dst` at `at`. */
export function copyRange(src: Uint8Array, start: number, length: number, dst: Uint8Array, at: number): void {
  // A key or a short value: byte by byte costs less than any call into a copy.
  if (length <= 16) {
    for (let k = 0; k < length; k++) dst[at + k] = src[start + k];
    return;
  }
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
