// The producer's parts, each alone: the sticky partitioner, the error table's actions, splitting.
import { describe, expect, it } from 'vitest';
import { StickyPartitioner } from '../../src/kafka/producer/partitioner.js';
import { produceErrorAction } from '../../src/kafka/producer/error-actions.js';
import { splitRecords } from '../../src/kafka/producer/split.js';
import { Tags } from '../../src/kafka/producer/tags.js';
import { murmur2, partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { findSeparator } from '../../src/format/line-reader.js';
import { ERRORS } from '../../src/kafka/wire/error-codes.js';
import type { DecodedRecord } from '../../src/kafka/records/decoder.js';

describe('StickyPartitioner', () => {
  it('starts at partition 0, moves round robin after a batch worth of bytes', () => {
    const p = new StickyPartitioner(() => true, 100);
    const t = p.topic('t', () => 3);
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      seen.push(t.sticky);
      p.sent(t, 40);
    }
    expect(seen).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 0, 0]);
  });
  it('skips partitions without a leader, and moves off one that loses its leader', () => {
    const down = new Set<number>([0]);
    const p = new StickyPartitioner((_, part) => !down.has(part), 100);
    const t = p.topic('t', () => 3);
    expect(t.sticky).toBe(1);
    down.add(1);
    p.offLeaderless();
    expect(t.sticky).toBe(2);
    down.add(2);
    p.moveOn('t', 2);
    expect(t.sticky).toBe(0); // none has a leader: the plain next one
  });
  it('a topic with no partitions does not exist', () => {
    expect(() => new StickyPartitioner(() => true, 100).topic('gone', () => 0)).toThrow("topic 'gone' does not exist");
  });
});

describe('produceErrorAction', () => {
  const one = { count: 1, idempotent: false };
  const many = { count: 5, idempotent: true };
  it.each([
    ['NONE', 0, one, 'delivered'],
    ['DUPLICATE_SEQUENCE_NUMBER (idempotent)', ERRORS.DUPLICATE_SEQUENCE_NUMBER.code, many, 'delivered'],
    ['DUPLICATE_SEQUENCE_NUMBER (not idempotent)', ERRORS.DUPLICATE_SEQUENCE_NUMBER.code, one, 'fail'],
    ['MESSAGE_TOO_LARGE, several records', ERRORS.MESSAGE_TOO_LARGE.code, many, 'split'],
    ['MESSAGE_TOO_LARGE, one record', ERRORS.MESSAGE_TOO_LARGE.code, one, 'fail'],
    ['PRODUCER_FENCED', ERRORS.PRODUCER_FENCED.code, many, 'fatal'],
    ['OUT_OF_ORDER_SEQUENCE_NUMBER (idempotent)', ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code, many, 'resequence'],
    ['NOT_LEADER_OR_FOLLOWER', ERRORS.NOT_LEADER_OR_FOLLOWER.code, one, 'retry-after-metadata'],
    ['NOT_ENOUGH_REPLICAS', ERRORS.NOT_ENOUGH_REPLICAS.code, one, 'retry'],
    ['TOPIC_AUTHORIZATION_FAILED', ERRORS.TOPIC_AUTHORIZATION_FAILED.code, one, 'fail'],
  ] as const)('%s -> %s', (_, code, batch, action) => {
    expect(produceErrorAction(code, batch)).toBe(action);
  });
});

describe('splitRecords', () => {
  const records = (n: number, size: number): DecodedRecord[] =>
    Array.from({ length: n }, (_, i) => ({ topic: 't', partition: 0, offset: i, timestamp: 1000 + i, timestampType: 0, key: null, value: Buffer.alloc(size, 97 + (i % 26)), headers: [] }));
  it('keeps the records in order, each part under the limit, each with its own lines', () => {
    const tags = new Tags();
    for (let line = 5; line < 25; line++) tags.add(line);
    const parts = splitRecords(records(20, 50), tags, 600);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.reduce((n, p) => n + p.builder.count, 0)).toBe(20);
    for (const p of parts) expect(p.builder.sizeInBytes).toBeLessThanOrEqual(600);
    expect(parts.flatMap((p) => p.tags.values(Infinity))).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
  });
  it('a record larger than the limit gets a batch of its own', () => {
    const parts = splitRecords([...records(1, 10), ...records(1, 900), ...records(1, 10)], new Tags(), 300);
    expect(parts.map((p) => p.builder.count)).toEqual([1, 1, 1]);
  });
});

describe('Tags', () => {
  it('keeps a run as two numbers and a broken run as a list', () => {
    const t = new Tags();
    for (const n of [1, 2, 3]) t.add(n);
    expect(t.list).toBeNull();
    t.add(7);
    expect(t.values(10)).toEqual([1, 2, 3, 7]);
    expect(t.values(2)).toEqual([1, 2]);
  });
});

describe('Tags for keyed records (not contiguous)', () => {
  it('keeps every tag in order past the typed array\'s first size', () => {
    const t = new Tags();
    const tags = Array.from({ length: 1000 }, (_, i) => 1 + i * 12);
    for (const n of tags) t.add(n);
    expect(t.values(Infinity)).toEqual(tags);
    expect(t.values(3)).toEqual([1, 13, 25]);
  });

  it('the list of a released batch carries a later batch\'s tags: no new typed array per batch', () => {
    const t = new Tags();
    for (let n = 1; n < 2000; n += 3) t.add(n);
    const list = t.list;
    t.release();
    expect(t.list).toBeNull();
    const next = new Tags();
    const tags = Array.from({ length: 600 }, (_, i) => 5 + i * 7);
    for (const n of tags) next.add(n);
    expect(next.list).toBe(list);
    expect(next.values(Infinity)).toEqual(tags);
  });
});

describe('murmur2 over a range, and the key separator in a line', () => {
  it('murmur2 of buf[start, end) is murmur2 of that slice, for every tail length', () => {
    const buf = Buffer.from('xx-some key bytes 0123456789-yy');
    for (let end = 3; end <= buf.length - 3; end++) {
      expect(murmur2(buf, 3, end)).toBe(murmur2(Buffer.from(buf.subarray(3, end))));
      expect(partitionForKey(buf, 12, 3, end)).toBe(partitionForKey(Buffer.from(buf.subarray(3, end)), 12));
    }
    // Kafka's own figure for a known key (Utils.murmur2("21") = -973932308).
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
  });

  it('findSeparator looks only inside the line', () => {
    const buf = Buffer.from('abc\tdef\nghi::jkl\tx');
    expect(findSeparator(buf, Buffer.from('\t'), 0, 7)).toBe(3);
    expect(findSeparator(buf, Buffer.from('::'), 8, 17)).toBe(11);
    // the separator after the line's end is not found
    expect(findSeparator(buf, Buffer.from('\t'), 8, 16)).toBe(-1);
    expect(findSeparator(buf, Buffer.from('::'), 8, 12)).toBe(-1);
  });
});
