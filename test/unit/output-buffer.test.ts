// OutputBuffer against a stdout that writes at once and reports a tick later (a file): every
// byte in order, and the written chunks reused rather than a new one per flush.
import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../src/format/output-buffer.js';
import type { IO } from '../../src/cli/io.js';

describe('OutputBuffer on a stdout that reports writes a tick later', () => {
  it('keeps every byte in order and reuses its chunks', async () => {
    const written: Buffer[] = [];
    const chunks = new Set<ArrayBufferLike>();
    const io = {
      out(text: string | Buffer, done?: (err?: Error | null) => void) {
        const b = Buffer.from(text as Buffer);
        written.push(b);
        chunks.add((text as Buffer).buffer);
        process.nextTick(() => done?.());
      },
    } as unknown as IO;
    const out = new OutputBuffer(io, 4096);
    const line = (i: number) => Buffer.from(`record-${String(i).padStart(8, '0')}\n`);
    // 200 flushes of about 12 kB each, the caller never waiting otherwise (a consumer on a fast fetch).
    let n = 0;
    for (let f = 0; f < 200; f++) {
      for (let i = 0; i < 600; i++) out.push(line(n++));
      await out.flush();
    }
    await out.settled();
    const all = Buffer.concat(written).toString();
    expect(all).toBe(Array.from({ length: n }, (_, i) => line(i).toString()).join(''));
    expect(out.written).toBe(all.length);
    // 2.4 MB through 4 kB chunks: a few dozen at most, not one per chunk written (over 500).
    expect(chunks.size).toBeLessThan(40);
  });
});
