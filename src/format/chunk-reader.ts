// Reads a file (or stdin redirected from one) in 1 MB chunks into one reused buffer: a chunk is
// valid only until the next one is asked for. fs.ReadStream allocates a new buffer per read,
// 1 GB of garbage for a 10M-line file, which lets peak memory grow with the input. Safe here
// because kfk produce copies what it keeps of a chunk (a record goes into its batch, a line
// spanning two chunks into the splitter's carry) before it asks for the next. The buffer is part
// of the slab that batch buffers come from (src/bytes.ts), made once with it; files are read one
// after another, and share it.
import { close, open, read } from 'node:fs';
import { slabAlloc } from '../bytes.js';

const CHUNK = 1 << 20;

let shared: Buffer | undefined;
let sharedInUse = false;

function openFile(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, 'r', (err, fd) => (err ? reject(err) : resolve(fd))));
}

function readInto(fd: number, buf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buf, 0, buf.length, null, (err, n) => (err ? reject(err) : resolve(n))));
}

export class FileChunks implements AsyncIterable<Buffer> {
  private stopped = false;

  /** `path`, or an open descriptor (not closed here: stdin). */
  constructor(private readonly source: string | number) {}

  /** Stops at the next chunk (Ctrl-C). */
  destroy(): void {
    this.stopped = true;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    const fd = typeof this.source === 'number' ? this.source : await openFile(this.source);
    const mine = !sharedInUse;
    if (mine) {
      sharedInUse = true;
      shared ??= slabAlloc(CHUNK);
    }
    const buf = (mine ? shared : undefined) ?? Buffer.allocUnsafe(CHUNK);
    try {
      while (!this.stopped) {
        const n = await readInto(fd, buf);
        if (n === 0) return;
        yield buf.subarray(0, n);
      }
    } finally {
      if (mine) sharedInUse = false;
      if (typeof this.source !== 'number') close(fd, () => undefined);
    }
  }
}
