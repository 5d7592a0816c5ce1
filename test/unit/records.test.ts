// The record path's pure parts: varints, CRC-32C, and encode -> decode round trips of RecordBatch v2.
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../src/kafka/records/crc.js';
import { decodeRecordSet, type DecodedRecord } from '../../src/kafka/records/decoder.js';
import { BatchBuilder, NO_PRODUCER, type OutRecord } from '../../src/kafka/records/encoder.js';
import { readVarint, varintSize, writeVarint } from '../../src/kafka/records/varint.js';

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
  ])('%i encodes as %s and back', (n, hex) => {
    const buf = Buffer.alloc(10);
    const end = writeVarint(buf, 0, n);
    expect(buf.subarray(0, end).toString('hex')).toBe(hex);
    expect(varintSize(n)).toBe(end);
    const pos = { off: 0 };
    expect(readVarint(buf, pos)).toBe(n);
    expect(pos.off).toBe(end);
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
