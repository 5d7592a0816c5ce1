// RecordBatch v2 (magic 2), encoded in place: one buffer per batch, record lengths computed up
// front, varints written directly, no Buffer per record. The batch header is filled in when the
// batch closes; compression covers the records section; CRC-32C covers attributes..end.
import { compress } from './codecs.js';
import { crc32c } from './crc.js';
import { copyRange, inSlab, slabAlloc, slabArena } from '../../bytes.js';
import { varintSize, writeVarint } from './varint.js';

export const BATCH_HEADER_SIZE = 61;
const ATTR_OFFSET = 21;
const CRC_OFFSET = 17;

export interface OutRecord {
  key: Buffer | null;
  /** When set, the key is `key[keyStart, keyEnd)`: a part of a line of an input chunk, no view made. */
  keyStart?: number;
  keyEnd?: number;
  value: Buffer | null;
  /** When set, the value is `value[valueStart, valueEnd)`: a line of an input chunk, no view made. */
  valueStart?: number;
  valueEnd?: number;
  headers?: [string, Buffer | null][];
  timestamp?: number;
}

export interface BatchIdentity {
  compression: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  transactional: boolean;
}

export const NO_PRODUCER: BatchIdentity = { compression: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, transactional: false };

function headerSize(headers: [string, Buffer | null][] | undefined): number {
  if (!headers) return varintSize(0);
  let size = varintSize(headers.length);
  for (const [k, v] of headers) {
    const kl = Buffer.byteLength(k);
    size += varintSize(kl) + kl + (v === null ? varintSize(-1) : varintSize(v.length) + v.length);
  }
  return size;
}

/**
 * Full-size batch buffers (headroom + largest batch) kept for reuse once a batch is acknowledged,
 * so bulk input does not allocate (and leave for the collector) a new megabyte per batch.
 */
export class BatchBufferPool {
  private readonly free: Buffer[] = [];
  /** Smaller buffers (a batch's first sizes as it grows), by size: kept too, within a byte bound. */
  private readonly smaller = new Map<number, Buffer[]>();
  constructor(
    readonly size: number,
    private readonly keep = 8,
  ) {}
  take(): Buffer {
    return this.free.pop() ?? slabArena()?.alloc(this.size) ?? slabAlloc(this.size) ?? Buffer.allocUnsafe(this.size);
  }
  takeFree(): Buffer | undefined {
    return this.free.pop() ?? slabArena()?.alloc(this.size);
  }
  /** A buffer of at least `size` bytes: from the slab's arena, else a kept one, else a new one. */
  takeSized(size: number): Buffer {
    if (size === this.size) return this.take();
    return slabArena()?.alloc(size) ?? this.smaller.get(size)?.pop() ?? Buffer.allocUnsafe(size);
  }
  give(buf: Buffer): void {
    if (slabArena()?.give(buf)) return;
    // Slab buffers are always kept: their bytes are not given back to the slab.
    if (buf.length === this.size) {
      if (this.free.length < this.keep || inSlab(buf)) this.free.push(buf);
      return;
    }
    // Without this, every batch that closed before it grew to full size (keyed records over many
    // partitions) would leave its buffer to the collector, and external memory would pile up.
    let list = this.smaller.get(buf.length);
    if (!list) {
      if (this.smaller.size >= 4) return;
      this.smaller.set(buf.length, (list = []));
    }
    if ((list.length + 1) * buf.length <= this.keep * this.size) list.push(buf);
  }
}

export class BatchBuilder {
  private buf: Buffer;
  /** Set once built compressed: `buf` holds the compressed batch, no longer the plain records. */
  private packed = false;
  /** Free bytes kept in front of the batch, for the request that carries it to be framed in place. */
  readonly headroom: number;
  private off: number;
  count = 0;
  private baseTimestamp = 0;
  private maxTimestamp = 0;
  /** When the first record went in (for linger). */
  openedAt = 0;
  readonly maxBytes: number;

  constructor(
    maxBytes: number,
    headroom = 0,
    private readonly pool?: BatchBufferPool,
    /** Starts with a full-size buffer when the pool has one free (bulk input that fills batches). */
    startFull = true,
    /** Otherwise the size of its first buffer, headroom included; it doubles as records come. */
    firstBytes = 64 * 1024,
  ) {
    this.maxBytes = maxBytes;
    this.headroom = headroom;
    this.off = headroom + BATCH_HEADER_SIZE;
    // A free full-size buffer when there is one (steady bulk input allocates nothing), else a
    // small one that grows: a partition that gets a few records does not hold a megabyte.
    const pooled = startFull && pool && pool.size === headroom + maxBytes ? pool.takeFree() : undefined;
    // 64 kB with the headroom by default: one block of the slab's arena.
    const first = Math.min(headroom + maxBytes, firstBytes);
    this.buf = pooled ?? (pool ? pool.takeSized(first) : Buffer.allocUnsafe(first));
  }

  /** The bytes its buffer holds for records (what it costs in memory, beyond the headroom). */
  get capacity(): number {
    return this.buf.length - this.headroom;
  }

  get sizeInBytes(): number {
    return this.off - this.headroom;
  }

  /** Adds a record; false when it does not fit (the batch is then full). A first record always fits. */
  tryAppend(r: OutRecord, now: number): boolean {
    const ts = r.timestamp ?? now;
    if (this.count === 0) {
      this.baseTimestamp = ts;
      this.maxTimestamp = ts;
      this.openedAt = now;
    }
    const tsDelta = ts - this.baseTimestamp;
    const keyStart = r.keyStart ?? 0;
    const keyLen = r.key === null ? -1 : (r.keyEnd ?? r.key.length) - keyStart;
    const valStart = r.valueStart ?? 0;
    const valLen = r.value === null ? -1 : (r.valueEnd ?? r.value.length) - valStart;
    const body =
      1 +
      varintSize(tsDelta) +
      varintSize(this.count) +
      varintSize(keyLen) +
      Math.max(keyLen, 0) +
      varintSize(valLen) +
      Math.max(valLen, 0) +
      headerSize(r.headers);
    const total = varintSize(body) + body;
    if (this.off + total > this.buf.length) {
      const room = this.headroom;
      if (this.count > 0 && this.off - room + total > this.maxBytes) return false;
      // Grows twice over, up to a full-size buffer from the pool: a batch that closes early
      // (keyed records over many partitions, the memory bound reached) holds little more than it uses.
      const need = this.off + total;
      const size = Math.max(need, Math.min(this.buf.length * 2, room + this.maxBytes));
      const grown = this.pool ? this.pool.takeSized(size) : Buffer.allocUnsafe(size);
      this.buf.copy(grown, 0, 0, this.off);
      // The smaller buffer goes back to the pool: nothing else refers to it.
      this.pool?.give(this.buf);
      this.buf = grown;
    }
    const b = this.buf;
    let o = writeVarint(b, this.off, body);
    b[o++] = 0;
    o = writeVarint(b, o, tsDelta);
    o = writeVarint(b, o, this.count);
    o = writeVarint(b, o, keyLen);
    // TypedArray.set: for short keys and values much cheaper than Buffer.copy's checks.
    if (keyLen > 0) {
      copyRange(r.key!, keyStart, keyLen, b, o);
      o += keyLen;
    }
    o = writeVarint(b, o, valLen);
    if (valLen > 0) {
      copyRange(r.value!, valStart, valLen, b, o);
      o += valLen;
    }
    if (!r.headers) o = writeVarint(b, o, 0);
    else {
      o = writeVarint(b, o, r.headers.length);
      for (const [k, v] of r.headers) {
        const kl = Buffer.byteLength(k);
        o = writeVarint(b, o, kl);
        o += b.write(k, o, 'utf8');
        if (v === null) o = writeVarint(b, o, -1);
        else {
          o = writeVarint(b, o, v.length);
          o += v.copy(b, o);
        }
      }
    }
    this.off = o;
    this.count++;
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
    return true;
  }

  /** Hands the buffer back to the pool: only once nothing refers to the batch any more. */
  recycle(): void {
    this.pool?.give(this.buf);
  }

  /**
   * A copy of the records as one uncompressed batch without producer identity: what the builder
   * holds, for decoding back (a batch to split, or records that were not delivered).
   */
  plainCopy(): Buffer {
    // Built compressed, the builder holds the batch as it was sent: a copy of it decodes the same.
    if (this.packed) return Buffer.from(this.buf.subarray(this.headroom, this.off));
    const section = this.buf.subarray(this.headroom + BATCH_HEADER_SIZE, this.off);
    const out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + section.length);
    section.copy(out, BATCH_HEADER_SIZE);
    writeBatchHeader(out, this.count, this.baseTimestamp, this.maxTimestamp, NO_PRODUCER);
    return out;
  }

  /**
   * The finished batch. The builder must not be appended to afterwards. The `headroom` bytes in
   * front of it (`out.buffer` before `out.byteOffset`) are free for the caller.
   */
  async build(id: BatchIdentity): Promise<Buffer> {
    let out: Buffer;
    const room = this.headroom;
    if (id.compression === 0) {
      out = this.buf.subarray(room, this.off);
    } else {
      const compressed = await compress(id.compression, this.buf.subarray(room + BATCH_HEADER_SIZE, this.off));
      // Into a buffer of the pool too (the codec's own result is left to the collector at once),
      // and the records' plain buffer goes back now: the compressed batch is what is kept.
      const end = room + BATCH_HEADER_SIZE + compressed.length;
      const packed = this.pool ? this.pool.takeSized(end) : Buffer.allocUnsafe(end);
      out = packed.subarray(room, end);
      compressed.copy(out, BATCH_HEADER_SIZE);
      this.pool?.give(this.buf);
      this.buf = packed;
      this.off = end;
      this.packed = true;
    }
    writeBatchHeader(out, this.count, this.baseTimestamp, this.maxTimestamp, id);
    return out;
  }
}

export function writeBatchHeader(out: Buffer, count: number, baseTimestamp: number, maxTimestamp: number, id: BatchIdentity): void {
  out.writeInt32BE(0, 0); // baseOffset (int64): the broker assigns it
  out.writeInt32BE(0, 4);
  out.writeInt32BE(out.length - 12, 8); // batchLength
  out.writeInt32BE(-1, 12); // partitionLeaderEpoch
  out.writeInt8(2, 16); // magic
  const attributes = (id.compression & 0x07) | (id.transactional ? 0x10 : 0);
  out.writeInt16BE(attributes, ATTR_OFFSET);
  out.writeInt32BE(count - 1, 23); // lastOffsetDelta
  writeInt64(out, baseTimestamp, 27);
  writeInt64(out, maxTimestamp, 35);
  writeInt64(out, id.producerId, 43);
  out.writeInt16BE(id.producerEpoch, 51);
  out.writeInt32BE(id.baseSequence, 53);
  out.writeInt32BE(count, 57);
  out.writeUInt32BE(crc32c(out.subarray(ATTR_OFFSET)), CRC_OFFSET);
}

/** Rewrites producer id/epoch/sequence of an already built batch (a resend after a new epoch). */
export function restampBatch(batch: Buffer, id: { producerId: number; producerEpoch: number; baseSequence: number }): void {
  writeInt64(batch, id.producerId, 43);
  batch.writeInt16BE(id.producerEpoch, 51);
  batch.writeInt32BE(id.baseSequence, 53);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTR_OFFSET)), CRC_OFFSET);
}

export function writeInt64(buf: Buffer, n: number, off: number): void {
  const hi = Math.floor(n / 0x100000000);
  buf.writeInt32BE(hi, off);
  buf.writeUInt32BE(n - hi * 0x100000000, off + 4);
}

export function readInt64(buf: Buffer, off: number): number {
  return buf.readInt32BE(off) * 0x100000000 + buf.readUInt32BE(off + 4);
}
