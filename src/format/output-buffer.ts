// Collects small writes into large ones for stdout and waits when the pipe is full, so a fast
// consumer neither floods memory nor makes one write call per record. Bytes are copied into
// 256 kB chunks, which are reused once stdout has written them (writes to a pipe complete later,
// in the event loop): printing a million records allocates a few chunks, not a million views,
// and keeps no fetch response alive.
import type { IO } from '../cli/io.js';
import { copyRange } from '../bytes.js';

/**
 * Written chunks kept for reuse: what one flush puts out. Output is flushed after each fetched
 * set, and a set (up to 1 MB of one partition's records, as kfk fetches them) fills about five;
 * a chunk not kept becomes garbage that lasts until a full collection.
 */
const SPARE_CHUNKS = 8;

export class OutputBuffer {
  private chunk: Buffer;
  private used = 0;
  private ready: Buffer[] = [];
  private readySize = 0;
  private spare: Buffer[] = [];
  /** Bytes taken so far, bytes handed to stdout, and bytes stdout reported written (a prefix: none after a failed write). */
  private taken = 0;
  private handed = 0;
  private confirmed = 0;
  private failed = false;
  private pending = 0;
  private settledWaiters: Array<() => void> = [];
  /** Nothing sealed yet: the first chunk is written as soon as it is full. */
  private early = true;
  /** stdout's wait for a drain after that first write, for the next flush to wait for. */
  private drained: Promise<void> | undefined;

  /**
   * The first chunk is smaller (`first` bytes) and goes to stdout as soon as it is full, not at
   * the end of the first fetched set: the first records are on screen while the rest of the set
   * (up to 1 MB) is decoded, by code that runs for the first time and is not compiled yet.
   */
  constructor(
    private readonly io: IO,
    private readonly limit = 256 * 1024,
    first = 16 * 1024,
  ) {
    this.chunk = Buffer.allocUnsafe(Math.min(first, limit));
  }

  push(b: Uint8Array): void {
    this.write(b, 0, b.length);
  }

  /** Copies `src[start, end)`. */
  write(src: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (len <= 0) return;
    if (this.used + len > this.chunk.length) {
      this.seal();
      if (len > this.chunk.length) this.chunk = Buffer.allocUnsafe(len);
    }
    copyRange(src, start, len, this.chunk, this.used);
    this.used += len;
    this.taken += len;
  }

  /**
   * The current chunk, with at least `n` bytes free from `writeAt`: for a writer that puts its
   * bytes there itself, then says how many with `wrote` (no copy from a buffer of its own).
   */
  reserve(n: number): Buffer {
    if (this.used + n > this.chunk.length) {
      this.seal();
      if (n > this.chunk.length) this.chunk = Buffer.allocUnsafe(n);
    }
    return this.chunk;
  }

  /** Where in the reserved chunk the next bytes go. */
  get writeAt(): number {
    return this.used;
  }

  /** Takes the `n` bytes written into the reserved chunk from `writeAt`. */
  wrote(n: number): void {
    this.used += n;
    this.taken += n;
  }

  /** Copies a string as UTF-8. */
  writeString(s: string): void {
    const max = s.length * 3;
    if (this.used + max > this.chunk.length) {
      this.seal();
      if (max > this.chunk.length) this.chunk = Buffer.allocUnsafe(max);
    }
    const len = this.chunk.write(s, this.used, 'utf8');
    this.used += len;
    this.taken += len;
  }

  /** Bytes taken so far: where the output of what is pushed next starts. */
  get position(): number {
    return this.taken;
  }

  /** How many bytes stdout has reported written, in order, up to its first failed write (a closed pipe). */
  get written(): number {
    return this.confirmed;
  }

  /** Resolves once stdout has reported on every write handed to it (written, or failed). */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  get full(): boolean {
    return this.readySize + this.used >= this.limit;
  }

  private seal(): void {
    if (this.used === 0) return;
    const part = this.chunk.subarray(0, this.used);
    this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(this.limit);
    this.used = 0;
    if (this.early) {
      this.early = false;
      this.drained = this.hand(part) ?? undefined;
      return;
    }
    this.ready.push(part);
    this.readySize += part.length;
  }

  /** Hands one part to stdout; a promise while stdout is to drain. */
  private hand(part: Buffer): Promise<void> | void {
    const ours = part.buffer.byteLength === this.limit;
    const end = (this.handed += part.length);
    this.pending++;
    return this.io.out(part, (err) => {
      if (err) this.failed = true;
      else if (!this.failed) this.confirmed = end;
      if (ours && this.spare.length < SPARE_CHUNKS) this.spare.push(Buffer.from(part.buffer, part.byteOffset, this.limit));
      if (--this.pending === 0) for (const w of this.settledWaiters.splice(0)) w();
    });
  }

  async flush(): Promise<void> {
    this.seal();
    if (this.drained) {
      const drained = this.drained;
      this.drained = undefined;
      await drained;
    }
    const ready = this.ready;
    this.ready = [];
    this.readySize = 0;
    for (const part of ready) {
      const waiting = this.hand(part);
      if (waiting) await waiting;
      // stdout on a file writes at once but reports it in a later tick, which a consumer that
      // never waits would not reach before the next flush: without this, every chunk would be a
      // new one (and 10 MB more peak RSS writing 2M records to a file).
      else if (this.pending > 2) await new Promise<void>((resolve) => process.nextTick(resolve));
    }
  }
}
