// Batches built with room in front of them, values given as slices of an input chunk, reused
// buffers, and Produce requests framed in place: the bytes must be the same as without these.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeRecordSet } from '../../src/kafka/records/decoder.js';
import { BatchBufferPool, BatchBuilder, NO_PRODUCER } from '../../src/kafka/records/encoder.js';
import { produceRequest } from '../../src/kafka/protocol/produce.js';
import { LineSplitter } from '../../src/format/line-reader.js';
import { inSlab, SlabArena, slabAlloc } from '../../src/bytes.js';

const require = createRequire(import.meta.url);
const frame = require('../../src/kafka/wire/kafkajs-request.cjs') as (a: {
  correlationId: number;
  clientId: string | null;
  request: { apiKey: number; apiVersion: number; encode: () => Promise<unknown> };
}) => Promise<{ buffer: Buffer; chunks?: Buffer[]; size(): number }>;
/** The bytes a framed request puts on the socket: its one buffer, or its pieces in order. */
const onWire = (f: { buffer: Buffer; chunks?: Buffer[] }) => (f.chunks ? Buffer.concat(f.chunks) : f.buffer);

const decode = async (batch: Buffer) =>
  (await decodeRecordSet(batch, { topic: 't', partition: 0, fromOffset: 0, readCommitted: false, abortedTransactions: null, verifyCrc: true })).records.map((r) => [
    r.key?.toString() ?? null,
    r.value?.toString() ?? null,
  ]);

async function built(headroom: number, pool?: BatchBufferPool, inSlab = false): Promise<Buffer> {
  const b = new BatchBuilder(200_000, headroom, pool);
  const text = Buffer.from('alpha\nbeta\n\ngamma-' + 'x'.repeat(300) + '\n');
  // As produce reads input: into a chunk of the slab its batch buffers come from.
  const chunk = inSlab ? slabAlloc(text.length)! : text;
  if (inSlab) text.copy(chunk);
  const s = new LineSplitter();
  s.feed(chunk);
  const rec = { key: Buffer.from('k'), value: null as Buffer | null, valueStart: 0, valueEnd: 0 };
  while (s.next()) {
    rec.value = s.lineBuf;
    rec.valueStart = s.lineStart;
    rec.valueEnd = s.lineEnd;
    expect(b.tryAppend(rec, 1_700_000_000_000)).toBe(true);
  }
  // grows past its first 64 kB buffer (from the pool when there is one)
  for (let i = 0; i < 1000; i++) b.tryAppend({ key: null, value: Buffer.alloc(100, 97 + (i % 26)) }, 1_700_000_000_000);
  return b.build(NO_PRODUCER);
}

describe('batch headroom, value slices and buffer reuse', () => {
  it('a batch with headroom is byte-identical to one without, and slices encode as values', async () => {
    const plain = await built(0);
    const roomy = await built(400, new BatchBufferPool(400 + 200_000));
    expect(roomy.equals(plain)).toBe(true);
    const records = await decode(plain);
    expect(records.slice(0, 4)).toEqual([
      ['k', 'alpha'],
      ['k', 'beta'],
      ['k', ''],
      ['k', 'gamma-' + 'x'.repeat(300)],
    ]);
    expect(records).toHaveLength(1004);
  });

  it('values copied within the slab (input chunk to pooled batch buffer) give the same bytes', async () => {
    const pool = new BatchBufferPool(400 + 200_000);
    const slabbed = await built(400, pool, true);
    expect(slabbed.equals(await built(0))).toBe(true);
    // the pool's buffers came from the slab, and are all kept for reuse, beyond its usual eight
    const taken = Array.from({ length: 10 }, () => pool.take());
    expect(taken.every((b) => inSlab(b))).toBe(true);
    taken.forEach((b) => pool.give(b));
    expect(Array.from({ length: 10 }, () => pool.takeFree()).every((b) => b !== undefined && inSlab(b))).toBe(true);
  });

  it('a recycled buffer carries the next batch correctly', async () => {
    const pool = new BatchBufferPool(400 + 200_000);
    const first = new BatchBuilder(200_000, 400, pool);
    for (let i = 0; i < 1000; i++) first.tryAppend({ key: null, value: Buffer.alloc(100, 122) }, 1);
    await first.build(NO_PRODUCER);
    first.recycle();
    const again = await built(400, pool);
    expect(again.equals(await built(0))).toBe(true);
  });

  it('a Produce request framed in place equals one framed by copying', async () => {
    const batch = await built(400);
    const copy = Buffer.from(batch);
    const encode = async (data: { batch: Buffer; headroom?: number }) =>
      onWire(
        await frame({
          correlationId: 7,
          clientId: 'kfk',
          request: produceRequest(8, null, -1, 30000, [{ topic: 'orders', partition: 3, ...data }]).request as never,
        }),
      );
    const inPlace = await encode({ batch, headroom: 400 });
    const copied = await encode({ batch: copy });
    expect(inPlace.equals(copied)).toBe(true);
    // framed in the batch's own memory: no copy of the batch
    expect(inPlace.buffer).toBe(batch.buffer);
    expect(copied.readInt32BE(0)).toBe(copied.length - 4);
    expect(copied.subarray(4, 12).toString('hex')).toBe('0000000800000007');
    expect(copied.subarray(12, 17).toString()).toBe('\u0000\u0003kfk');
  });

  it('too little headroom: the request is copied, same bytes', async () => {
    const batch = await built(400);
    const small = await frame({
      correlationId: 1,
      clientId: 'c'.repeat(500),
      request: produceRequest(8, null, -1, 30000, [{ topic: 'orders', partition: 0, batch, headroom: 400 }]).request as never,
    });
    const copied = await frame({
      correlationId: 1,
      clientId: 'c'.repeat(500),
      request: produceRequest(8, null, -1, 30000, [{ topic: 'orders', partition: 0, batch: Buffer.from(batch) }]).request as never,
    });
    expect(onWire(small).equals(onWire(copied))).toBe(true);
  });

  it('several batches: given to the socket as pieces, the batches not copied (a resent one copied), the same bytes as one buffer', async () => {
    const a = await built(400);
    const b = await built(400);
    const framed = await frame({
      correlationId: 9,
      clientId: 'kfk',
      request: produceRequest(8, null, -1, 30000, [
        { topic: 'orders', partition: 0, batch: a, headroom: 400 },
        { topic: 'orders', partition: 1, batch: b },
        { topic: 'audit', partition: 2, batch: a, headroom: 400 },
      ]).request as never,
    });
    expect(framed.chunks).toBeDefined();
    const chunks = framed.chunks!;
    // header, fields, a, fields, copy of b (no headroom: a resend), fields, a
    expect(chunks).toHaveLength(7);
    expect(chunks[2]).toBe(a);
    expect(chunks[4].buffer).not.toBe(b.buffer);
    expect(chunks[4].equals(b)).toBe(true);
    expect(chunks[6]).toBe(a);
    const bytes = onWire(framed);
    expect(framed.size()).toBe(bytes.length);
    expect(bytes.readInt32BE(0)).toBe(bytes.length - 4);
    // the same bytes as written field by field
    const str = (t: string) => Buffer.concat([Buffer.from([0, t.length]), Buffer.from(t)]);
    const int32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const expected = Buffer.concat([
      int32(bytes.length - 4),
      Buffer.from('0000000800000009', 'hex'),
      str('kfk'),
      Buffer.from('ffff', 'hex'), // no transactional id
      Buffer.from('ffff', 'hex'), // acks -1
      int32(30000),
      int32(2),
      str('orders'),
      int32(2),
      int32(0),
      int32(a.length),
      a,
      int32(1),
      int32(b.length),
      b,
      str('audit'),
      int32(1),
      int32(2),
      int32(a.length),
      a,
    ]);
    expect(bytes.equals(expected)).toBe(true);
  });
});

describe('LineSplitter as a cursor', () => {
  it('gives each line as a range of its chunk; a line across chunks is joined; CRLF and a last line without LF', () => {
    const s = new LineSplitter();
    const lines: string[] = [];
    for (const part of ['one\r\ntw', 'o\n', '\nthr', 'ee']) {
      s.feed(Buffer.from(part));
      while (s.next()) lines.push(s.lineBuf.toString('utf8', s.lineStart, s.lineEnd));
    }
    if (s.finish()) lines.push(s.line().toString());
    expect(lines).toEqual(['one', 'two', '', 'three']);
  });
});

describe('response framing (kafkajs-socket.cjs)', () => {
  const { framer } = require('../../src/kafka/wire/kafkajs-socket.cjs') as {
    framer: (deliver: (frame: Buffer) => void, fail: (err: Error) => void) => (chunk: Buffer) => void;
  };
  const response = (n: number, fill: number) => {
    const b = Buffer.alloc(4 + n, fill);
    b.writeInt32BE(n, 0);
    return b;
  };
  const stream = Buffer.concat([response(10, 1), response(0, 2), response(70_000, 3), response(3, 4)]);

  it.each([1, 3, 4, 5, 7, 64, 65_536, stream.length])('gives each response whole, whatever the chunk size (%i), from a reused read buffer', (size) => {
    const frames: Buffer[] = [];
    const feed = framer((f) => frames.push(f), (err) => {
      throw err;
    });
    const readBuffer = Buffer.alloc(size);
    for (let off = 0; off < stream.length; off += size) {
      const n = stream.copy(readBuffer, 0, off, Math.min(off + size, stream.length));
      feed(readBuffer.subarray(0, n));
      readBuffer.fill(0xee); // what a reused buffer does to anything kept by reference
    }
    expect(frames.map((f) => f.length)).toEqual([14, 4, 70_004, 7]);
    expect(Buffer.concat(frames).equals(stream)).toBe(true);
  });

  it('a length that is not Kafka framing fails the connection instead of waiting for it', () => {
    const errors: string[] = [];
    const feed = framer(() => undefined, (err) => errors.push(err.message));
    feed(Buffer.from('HTTP/1.1 400 Bad Request\r\n'));
    expect(errors).toEqual(["the server does not speak Kafka's protocol (a response of 1213486160 bytes)"]);
  });
});

describe('SlabArena: batch buffers of any size from one region, none left to the garbage collector', () => {
  it('splits blocks to the size asked (a power of two, 4 kB at least), lowest address first', () => {
    const base = Buffer.alloc(64 * 1024);
    const a = new SlabArena(base);
    const x = a.alloc(5000)!;
    const y = a.alloc(4096)!;
    const z = a.alloc(20_000)!;
    expect([x.length, y.length, z.length]).toEqual([8192, 4096, 32768]);
    expect([x.byteOffset, y.byteOffset, z.byteOffset]).toEqual([0, 8192, 32768]);
    expect(x.buffer).toBe(base.buffer);
    expect(a.used).toBe(8192 + 4096 + 32768);
    // Full: no block of 32 kB is left.
    expect(a.alloc(20_000)).toBeUndefined();
    expect(a.alloc(100_000)).toBeUndefined();
  });

  it('merges a block with its free buddy when given back, up to the whole region', () => {
    const a = new SlabArena(Buffer.alloc(64 * 1024));
    const blocks = Array.from({ length: 16 }, () => a.alloc(4096)!);
    expect(a.alloc(4096)).toBeUndefined();
    for (const b of blocks.reverse()) expect(a.give(b)).toBe(true);
    expect(a.used).toBe(0);
    expect(a.alloc(64 * 1024)?.length).toBe(64 * 1024);
  });

  it('takes a block from the lowest free address, splitting a larger free block before using a smaller one higher up', () => {
    // Pages are touched (and count in RSS) only where blocks have been: the footprint stays low.
    const a = new SlabArena(Buffer.alloc(128 * 1024));
    const [first, , , , last] = [32, 32, 32, 16, 16].map((kb) => a.alloc(kb * 1024)!);
    expect([first.byteOffset, last.byteOffset]).toEqual([0, 112 * 1024]);
    a.give(first);
    a.give(last);
    // Free: 32 kB at 0 and 16 kB at 112 kB.
    expect(a.alloc(8 * 1024)!.byteOffset).toBe(0);
    expect(a.alloc(16 * 1024)!.byteOffset).toBe(16 * 1024);
    expect(a.alloc(16 * 1024)!.byteOffset).toBe(112 * 1024);
  });

  it('takes back only its own blocks, once', () => {
    const a = new SlabArena(Buffer.alloc(16 * 1024));
    const b = a.alloc(4096)!;
    expect(a.give(Buffer.alloc(4096))).toBe(false);
    expect(a.give(b.subarray(0, 100))).toBe(false);
    expect(a.give(b)).toBe(true);
    expect(a.give(b)).toBe(false);
  });
});
