// The record path's pure parts: varints, CRC-32C, and encode -> decode round trips of RecordBatch v2.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compress, decompress } from '../../src/kafka/records/codecs.js';
import { crc32c } from '../../src/kafka/records/crc.js';
import { decodeRecordSet, type DecodedRecord } from '../../src/kafka/records/decoder.js';
import { BatchBuilder, NO_PRODUCER, writeInt64, type BatchIdentity, type OutRecord } from '../../src/kafka/records/encoder.js';
import { readVarint, varintSize, writeVarint } from '../../src/kafka/records/varint.js';

function varintRoundTrip(n: number, hex: string): void {
  const buf = Buffer.alloc(10);
  const end = writeVarint(buf, 0, n);
  expect(buf.subarray(0, end).toString('hex')).toBe(hex);
  expect(varintSize(n)).toBe(end);
  const pos = { off: 0 };
  expect(readVarint(buf, pos)).toBe(n);
  expect(pos.off).toBe(end);
}

describe('varint (zigzag)', () => {
  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ])('%i encodes as %s and back', varintRoundTrip);
});

describe('varint (zigzag) past 32 bits: timestamp deltas are varlongs', () => {
  // expected bytes from a 64-bit zigzag encoder (Kafka's ByteUtils.writeVarlong)
  it.each([
    [-65, '8101'],
    [8191, 'fe7f'],
    [8192, '808001'],
    [-8193, '818001'],
    [2147483648, '8080808010'],
    [-2147483649, '8180808010'],
    [3_000_000_000, '80f882ad16'],
    [-3_000_000_000, 'fff782ad16'],
    [2 ** 40, '808080808040'],
    [-(2 ** 40), 'ffffffffff3f'],
    // the largest whose zigzag form is still exact in a double
    [2 ** 52 - 1, 'feffffffffffff0f'],
    [-(2 ** 52), 'ffffffffffffff0f'],
  ])('%i encodes as %s and back', varintRoundTrip);

  it('consecutive varints are read back in place', () => {
    const values = [0, -1, 63, 64, -64, -65, 2147483647, -2147483648, 3_000_000_000, -5000];
    const buf = Buffer.alloc(100);
    let off = 0;
    for (const v of values) off = writeVarint(buf, off, v);
    expect(off).toBe(values.reduce((n, v) => n + varintSize(v), 0));
    const pos = { off: 0 };
    expect(values.map(() => readVarint(buf, pos))).toEqual(values);
    expect(pos.off).toBe(off);
  });
});

describe('CRC-32C', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xc1d04330],
    ['123456789', 0xe3069283],
    ['The quick brown fox jumps over the lazy dog', 0x22620404],
  ])('crc32c(%j)', (text, expected) => {
    expect(crc32c(Buffer.from(text)) >>> 0).toBe(expected);
  });
  it('32 zero bytes (RFC 3720 vector)', () => {
    expect(crc32c(Buffer.alloc(32)) >>> 0).toBe(0x8a9136aa);
  });
});

describe('RecordBatch v2 round trip', () => {
  const records: OutRecord[] = [
    { key: null, value: Buffer.from('plain'), headers: [] },
    { key: Buffer.from('k'), value: null, headers: [] },
    { key: Buffer.from('ключ 🔑'), value: Buffer.from('значение ✓'), headers: [['h1', Buffer.from('v1')], ['h1', null], ['ü', Buffer.from([0, 255])]] },
    { key: Buffer.from([0xff, 0xfe, 0x00]), value: Buffer.alloc(3000, 7), headers: [], timestamp: 1_700_000_000_123 },
    { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [] },
  ];
  const shape = (r: OutRecord | DecodedRecord) => ({
    key: r.key === null ? null : r.key.toString('hex'),
    value: r.value === null ? null : r.value.toString('hex'),
    headers: (r.headers ?? []).map(([k, v]) => [k, v === null ? null : v.toString('hex')]),
  });

  it.each([0, 1, 2, 3, 4])('codec %i: decode(encode(records)) is the same records, with offsets and timestamps', async (compression) => {
    const b = new BatchBuilder(1 << 20);
    const now = 1_700_000_000_000;
    for (const r of records) expect(b.tryAppend(r, now)).toBe(true);
    const batch = await b.build({ ...NO_PRODUCER, compression });
    const base = 42;
    batch.writeInt32BE(0, 0);
    batch.writeInt32BE(base, 4); // the broker assigns the base offset
    const { records: out } = await decodeRecordSet(batch, { topic: 't', partition: 0, fromOffset: base, readCommitted: false, abortedTransactions: null, verifyCrc: true });
    expect(out.map(shape)).toEqual(records.map(shape));
    expect(out.map((r) => r.offset)).toEqual([42, 43, 44, 45, 46]);
    expect(out.map((r) => r.timestamp)).toEqual([now, now, now, 1_700_000_000_123, now]);
  });

  it('a corrupted batch fails the CRC check', async () => {
    const b = new BatchBuilder(1 << 20);
    b.tryAppend({ key: null, value: Buffer.from('x'), headers: [] }, 1);
    const batch = Buffer.from(await b.build(NO_PRODUCER));
    batch[batch.length - 1] ^= 0xff;
    await expect(decodeRecordSet(batch, { topic: 't', partition: 0, fromOffset: 0, readCommitted: false, abortedTransactions: null, verifyCrc: true })).rejects.toThrow();
  });

  it('a batch closes by bytes: a record that does not fit is refused, the first always fits', () => {
    const b = new BatchBuilder(1024);
    expect(b.tryAppend({ key: null, value: Buffer.alloc(4000), headers: [] }, 1)).toBe(true);
    expect(b.tryAppend({ key: null, value: Buffer.alloc(10), headers: [] }, 1)).toBe(false);
  });
});

describe('LZ4 frames', () => {
  // As Kafka's Java client writes them: 64 kB independent blocks, no checksums; one that does not
  // shrink is stored as it is (the size's high bit). Read back by the library's frame decoder here,
  // by Kafka's broker and console consumer in test/e2e/produce.test.ts.
  const text = Buffer.from(Array.from({ length: 4000 }, (_, i) => `line ${i} ${'abc'.repeat(10)}\n`).join(''));
  const noise = randomBytes(150 * 1024);
  it.each([
    ['one short block', Buffer.from('hello, hello, hello')],
    ['two 64 kB blocks exactly', text.subarray(0, 128 * 1024)],
    ['compressible text over three blocks', text],
    ['random bytes, stored as they are', noise],
    ['text then random bytes', Buffer.concat([text.subarray(0, 100_000), noise])],
  ])('%s: decodes to the same bytes', async (_name, data) => {
    const frame = await compress(3, data);
    expect(frame.subarray(0, 7).toString('hex')).toBe('04224d18604082');
    expect(frame.subarray(-4).toString('hex')).toBe('00000000');
    expect(Buffer.compare(await decompress(3, frame), data)).toBe(0);
  });
  it('a block that does not shrink is stored, with the high bit of its size set', async () => {
    const frame = await compress(3, noise.subarray(0, 1000));
    expect(frame.readUInt32LE(7)).toBe((0x80000000 | 1000) >>> 0);
    expect(Buffer.compare(frame.subarray(11, 1011), noise.subarray(0, 1000))).toBe(0);
    expect(frame.length).toBe(7 + 4 + 1000 + 4);
  });
});

// Bytes written by Kafka's own Java client 4.4 (MemoryRecords.withRecords, no compression,
// partitionLeaderEpoch -1): kfk must write exactly these and read them back.
describe("RecordBatch v2 byte for byte as Kafka's Java client writes it", () => {
  const u = (s: string) => Buffer.from(s, 'utf8');
  const BASE = 1_700_000_000_000;
  const javaRecords: OutRecord[] = [
    { key: null, value: u('plain'), headers: [], timestamp: BASE },
    { key: u('k'), value: null, headers: [], timestamp: BASE + 3_000_000_000 },
    { key: u('ключ 🔑'), value: u('значение ✓'), headers: [['h1', u('v1')], ['h1', null], ['ü', Buffer.from([0, 255])]], timestamp: BASE - 5000 },
    { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [], timestamp: BASE + 1 },
  ];
  const javaBatch =
    '000000000000000000000089ffffffff021b2bc7190000000000030000018bcfe568000000018c82b5c600ffffffffffffffffffffffffffff0000000416000000010a706c61696e00160080f882ad1602026b010070008f4e041ad0bad0bbd18ed18720f09f949128d0b7d0bdd0b0d187d0b5d0bdd0b8d0b520e29c93060468310476310468310104c3bc0400ff0c000206000000';
  // transactional, producer id 4242, epoch 3, base sequence 17: k -> v
  const javaTxnBatch = '00000000000000000000003affffffff02fa3286890010000000000000018bcfe568000000018bcfe5680000000000000010920003000000110000000110000000026b027600';

  it('encodes headers, nulls, empty fields, unicode, binary, negative and 64-bit timestamp deltas as Kafka does', async () => {
    const b = new BatchBuilder(1 << 20);
    for (const r of javaRecords) expect(b.tryAppend(r, 0)).toBe(true);
    expect((await b.build(NO_PRODUCER)).toString('hex')).toBe(javaBatch);
  });

  it('encodes a transactional batch header as Kafka does', async () => {
    const b = new BatchBuilder(1 << 20);
    b.tryAppend({ key: u('k'), value: u('v'), headers: [], timestamp: BASE }, 0);
    const id: BatchIdentity = { compression: 0, producerId: 4242, producerEpoch: 3, baseSequence: 17, transactional: true };
    expect((await b.build(id)).toString('hex')).toBe(javaTxnBatch);
  });

  it("decodes Kafka's bytes to the same records, offsets and timestamps", async () => {
    const { records, nextOffset, batches } = await decodeRecordSet(Buffer.from(javaBatch, 'hex'), { topic: 't', partition: 0, fromOffset: 0, readCommitted: false, abortedTransactions: null, verifyCrc: true });
    expect({ nextOffset, batches }).toEqual({ nextOffset: 4, batches: 1 });
    expect(records.map((r) => [r.offset, r.timestamp, r.timestampType])).toEqual(javaRecords.map((r, i) => [i, r.timestamp, 0]));
    const hex = (b: Buffer | null) => (b === null ? null : b.toString('hex'));
    expect(records.map((r) => [hex(r.key), hex(r.value), r.headers.map(([k, v]) => [k, hex(v)])])).toEqual(
      javaRecords.map((r) => [hex(r.key), hex(r.value), (r.headers ?? []).map(([k, v]) => [k, hex(v)])]),
    );
  });
});

describe('transactions in a record set: control batches and aborted transactions', () => {
  const opts = { topic: 't', partition: 0, verifyCrc: true };
  const txn = (producerId: number): BatchIdentity => ({ compression: 0, producerId, producerEpoch: 0, baseSequence: 0, transactional: true });

  async function batch(baseOffset: number, values: string[], id: BatchIdentity, compression = 0): Promise<Buffer> {
    const b = new BatchBuilder(1 << 20);
    for (const v of values) b.tryAppend({ key: null, value: Buffer.from(v), headers: [] }, 1_700_000_000_000);
    const out = Buffer.from(await b.build({ ...id, compression }));
    writeInt64(out, baseOffset, 0);
    return out;
  }

  /** An end-transaction marker as the broker writes it: key (version 0, type), value (version 0, coordinator epoch). */
  async function marker(baseOffset: number, producerId: number, type: 0 | 1): Promise<Buffer> {
    const b = new BatchBuilder(1024);
    b.tryAppend({ key: Buffer.from([0, 0, 0, type]), value: Buffer.from([0, 0, 0, 0, 0, 0]), headers: [] }, 1_700_000_000_000);
    const out = Buffer.from(await b.build({ ...txn(producerId), baseSequence: -1 }));
    out.writeInt16BE(out.readInt16BE(21) | 0x20, 21); // control
    out.writeUInt32BE(crc32c(out.subarray(21)), 17);
    writeInt64(out, baseOffset, 0);
    return out;
  }

  // offset: 0 plain n0 | 1-2 P7 a1 a2 | 3 P9 c1 | 4 P7 a3 (lz4) | 5 P9 COMMIT | 6 P7 ABORT |
  //         7-8 P7 c2 c3 | 9 P7 COMMIT | 10-11 P9 a4 a5 (zstd) | 12 P9 ABORT
  async function recordSet(): Promise<Buffer> {
    return Buffer.concat([
      await batch(0, ['n0'], NO_PRODUCER),
      await batch(1, ['a1', 'a2'], txn(7)),
      await batch(3, ['c1'], txn(9)),
      await batch(4, ['a3'], txn(7), 3),
      await marker(5, 9, 1),
      await marker(6, 7, 0),
      await batch(7, ['c2', 'c3'], txn(7)),
      await marker(9, 7, 1),
      await batch(10, ['a4', 'a5'], txn(9), 4),
      await marker(12, 9, 0),
    ]);
  }
  const aborted = [
    { producerId: 9, firstOffset: 10 },
    { producerId: 7, firstOffset: 1 },
  ];
  const seen = (rs: DecodedRecord[]) => rs.map((r) => [r.offset, r.value!.toString()]);

  it('read_committed: aborted batches dropped, the same producer\'s later transaction kept, markers never shown', async () => {
    const r = await decodeRecordSet(await recordSet(), { ...opts, fromOffset: 0, readCommitted: true, abortedTransactions: aborted });
    expect(seen(r.records)).toEqual([[0, 'n0'], [3, 'c1'], [7, 'c2'], [8, 'c3']]);
    expect({ nextOffset: r.nextOffset, batches: r.batches }).toEqual({ nextOffset: 13, batches: 10 });
  });

  it('read_uncommitted: every data record, markers never shown', async () => {
    const r = await decodeRecordSet(await recordSet(), { ...opts, fromOffset: 0, readCommitted: false, abortedTransactions: aborted });
    expect(seen(r.records)).toEqual([[0, 'n0'], [1, 'a1'], [2, 'a2'], [3, 'c1'], [4, 'a3'], [7, 'c2'], [8, 'c3'], [10, 'a4'], [11, 'a5']]);
    expect(r.nextOffset).toBe(13);
  });

  it('a fetch from the middle of a batch drops the records before it', async () => {
    const set = await recordSet();
    const rc = await decodeRecordSet(set, { ...opts, fromOffset: 8, readCommitted: true, abortedTransactions: aborted });
    expect(seen(rc.records)).toEqual([[8, 'c3']]);
    const ru = await decodeRecordSet(set, { ...opts, fromOffset: 2, readCommitted: false, abortedTransactions: null });
    expect(seen(ru.records)[0]).toEqual([2, 'a2']);
  });

  it('a record set that ends in markers moves the next fetch offset past them', async () => {
    const set = Buffer.concat([await batch(0, ['x'], txn(5)), await marker(1, 5, 1)]);
    const r = await decodeRecordSet(set, { ...opts, fromOffset: 0, readCommitted: true, abortedTransactions: [] });
    expect(seen(r.records)).toEqual([[0, 'x']]);
    expect(r.nextOffset).toBe(2);
    const only = await decodeRecordSet(await marker(7, 5, 0), { ...opts, fromOffset: 7, readCommitted: false, abortedTransactions: null });
    expect({ records: only.records.length, nextOffset: only.nextOffset, batches: only.batches }).toEqual({ records: 0, nextOffset: 8, batches: 1 });
  });

  it('a partial batch at the end is left for the next fetch', async () => {
    const whole = await batch(0, ['a', 'b'], NO_PRODUCER);
    const next = await batch(2, ['c'], NO_PRODUCER);
    for (const cut of [1, 12, 20, next.length - 1]) {
      const r = await decodeRecordSet(Buffer.concat([whole, next.subarray(0, cut)]), { ...opts, fromOffset: 0, readCommitted: false, abortedTransactions: null });
      expect([seen(r.records), r.nextOffset, r.batches]).toEqual([[[0, 'a'], [1, 'b']], 2, 1]);
    }
  });
});
