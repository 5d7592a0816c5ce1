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

  it('writes its first chunk as soon as it is full, before the set is flushed, and the next flush waits for stdout', async () => {
    const written: Buffer[] = [];
    let drain: (() => void) | undefined;
    const io = {
      out(text: string | Buffer, done?: (err?: Error | null) => void) {
        written.push(Buffer.from(text as Buffer));
        process.nextTick(() => done?.());
        // The first write fills the pipe: stdout asks to wait for a drain.
        if (written.length === 1) return new Promise<void>((resolve) => (drain = resolve));
      },
    } as unknown as IO;
    const out = new OutputBuffer(io, 4096, 1024);
    const line = (i: number) => Buffer.from(`record-${String(i).padStart(8, '0')}\n`);
    let n = 0;
    while (n * 16 <= 1024) out.push(line(n++));
    // 1024 bytes hold 64 lines: the 65th sealed the first chunk, which went out at once.
    expect(written.map((b) => b.toString())).toEqual([Array.from({ length: 64 }, (_, i) => line(i).toString()).join('')]);
    for (let i = 0; i < 600; i++) out.push(line(n++));
    let flushed = false;
    const flushing = out.flush().then(() => (flushed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(flushed).toBe(false);
    expect(written).toHaveLength(1);
    drain!();
    await flushing;
    await out.settled();
    const all = Buffer.concat(written).toString();
    expect(all).toBe(Array.from({ length: n }, (_, i) => line(i).toString()).join(''));
    expect(out.written).toBe(all.length);
  });
});
