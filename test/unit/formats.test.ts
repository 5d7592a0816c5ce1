import { describe, expect, it } from 'vitest';
import { LineSplitter, parseLine, readerOptions } from '../../src/format/line-reader.js';
import { recordFromJson, recordToJson } from '../../src/format/record-json.js';
import { formatRecordText, textFormat, type TextRecord } from '../../src/format/record-text.js';

const props = (o: Record<string, string>) => new Map(Object.entries(o));
const noWarn = () => undefined;
const str = (b: Buffer | null) => (b === null ? null : b.toString());

describe('LineSplitter', () => {
  it('splits across chunks, drops CR before LF, keeps a last line without LF, keeps empty lines', () => {
    const lines: string[] = [];
    const s = new LineSplitter();
    for (const c of ['a\r\nb', 'c\n\nd', 'e']) s.push(Buffer.from(c), (l) => lines.push(l.toString()));
    s.end((l) => lines.push(l.toString()));
    expect(lines).toEqual(['a', 'bc', '', 'de']);
  });
  it('a line spread over several chunks, and a CR in one chunk with its LF in the next', () => {
    const lines: string[] = [];
    const s = new LineSplitter();
    for (const c of ['lo', 'ng', ' li', 'ne\r', '\nx\n', '\r', '\n']) s.push(Buffer.from(c), (l) => lines.push(l.toString()));
    s.end((l) => lines.push(l.toString()));
    expect(lines).toEqual(['long line', 'x', '']);
  });
  it('passes invalid UTF-8 through byte for byte', () => {
    const lines: Buffer[] = [];
    const s = new LineSplitter();
    s.push(Buffer.from([0xff, 0xfe, 0x0a, 0xc3]), (l) => lines.push(Buffer.from(l)));
    s.end((l) => lines.push(Buffer.from(l)));
    expect(lines).toEqual([Buffer.from([0xff, 0xfe]), Buffer.from([0xc3])]);
  });
});

describe('reader properties (Kafka LineMessageReader)', () => {
  it('parse.key with the default TAB separator', () => {
    const o = readerOptions(props({ 'parse.key': 'true' }), noWarn);
    const r = parseLine(Buffer.from('k1\tv\t1'), 1, o);
    expect([str(r.key), str(r.value)]).toEqual(['k1', 'v\t1']);
  });
  it('headers, key and null.marker together', () => {
    const o = readerOptions(props({ 'parse.key': 'true', 'key.separator': ':', 'parse.headers': 'true', 'headers.delimiter': '|', 'null.marker': 'NULL' }), noWarn);
    const r = parseLine(Buffer.from('h1:a,h2:NULL|NULL:NULL'), 1, o);
    expect(str(r.key)).toBeNull();
    expect(r.value).toBeNull();
    expect(r.headers!.map(([k, v]) => [k, str(v)])).toEqual([['h1', 'a'], ['h2', null]]);
  });
  it("fails like Kafka when the key separator is missing, unless ignore.error", () => {
    const o = readerOptions(props({ 'parse.key': 'true' }), noWarn);
    expect(() => parseLine(Buffer.from('novalue'), 7, o)).toThrowError("No key separator found on line number 7: 'novalue'");
    const lax = readerOptions(props({ 'parse.key': 'true', 'ignore.error': 'true' }), noWarn);
    const r = parseLine(Buffer.from('novalue'), 7, lax);
    expect([r.key, str(r.value)]).toEqual([null, 'novalue']);
  });
  it('rejects a header pair without its separator', () => {
    const o = readerOptions(props({ 'parse.headers': 'true' }), noWarn);
    expect(() => parseLine(Buffer.from('h1\tv'), 2, o)).toThrowError("No header key separator found in pair 'h1' on line number 2");
  });
  it('warns about unknown reader properties', () => {
    const warnings: string[] = [];
    readerOptions(props({ 'parse.kee': 'true' }), (w) => warnings.push(w));
    expect(warnings).toEqual(["unknown reader property 'parse.kee' ignored"]);
  });
});

describe('JSON records', () => {
  const rec = {
    topic: 't', partition: 2, offset: 9, timestamp: 1700000000000, timestampType: 0 as const,
    key: Buffer.from('k'), value: Buffer.from('{"a":1}'), headers: [['h', Buffer.from('x')]] as [string, Buffer | null][],
  };
  it('prints one object per record', () => {
    expect(recordToJson(rec, 'utf8')).toBe(
      '{"topic":"t","partition":2,"offset":9,"timestamp":1700000000000,"timestampType":"CreateTime","key":"k","value":"{\\"a\\":1}","headers":{"h":"x"}}',
    );
  });
  it('keeps null key and tombstones as null, and marks invalid UTF-8 as base64 instead of corrupting it', () => {
    const bin = Buffer.from([0xff, 0x00, 0x41]);
    const j = JSON.parse(recordToJson({ ...rec, key: null, value: bin, headers: [] }, 'utf8'));
    expect(j).toMatchObject({ key: null, value: '/wBB', valueEncoding: 'base64', headers: {} });
    expect(JSON.parse(recordToJson({ ...rec, value: null }, 'utf8')).value).toBeNull();
  });
  it('round-trips through the producer side, also in hex and with repeated header keys', () => {
    const r2 = { ...rec, value: Buffer.from([0, 1, 255]), headers: [['h', Buffer.from('1')], ['h', null]] as [string, Buffer | null][] };
    for (const enc of ['utf8', 'base64', 'hex'] as const) {
      const back = recordFromJson(recordToJson(r2, enc), 1);
      expect(back.key).toEqual(r2.key);
      expect(back.value).toEqual(r2.value);
      expect(back.headers).toEqual(r2.headers);
      expect(back.timestamp).toBe(r2.timestamp);
      expect(back.partition).toBe(2);
    }
  });
  it('reports malformed input with the line number', () => {
    expect(() => recordFromJson('{"value": "x"', 4)).toThrowError(/^line 4: invalid JSON/);
    expect(() => recordFromJson('[1]', 5)).toThrowError('line 5: expected a JSON object');
    expect(() => recordFromJson('{"value":"zz","valueEncoding":"hex"}', 6)).toThrowError('line 6: value is not valid hex');
  });
});

describe('text records (Kafka DefaultMessageFormatter)', () => {
  const r = { partition: 0, offset: 0, timestamp: 1795560897089, timestampType: 0 as const, key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [['h1', Buffer.from('x')], ['h2', Buffer.from('y')]] as [string, Buffer | null][] };
  it('prints the value alone by default', () => {
    expect(Buffer.concat(formatRecordText(r, textFormat(new Map(), noWarn))).toString()).toBe('v1\n');
  });
  it('prints every field in Kafka order (checked against kafka-console-consumer 4.4)', () => {
    const f = textFormat(props({ 'print.timestamp': 'true', 'print.key': 'true', 'print.offset': 'true', 'print.partition': 'true', 'print.headers': 'true' }), noWarn);
    expect(Buffer.concat(formatRecordText(r, f)).toString()).toBe('CreateTime:1795560897089\tPartition:0\tOffset:0\th1:x,h2:y\tk1\tv1\n');
    const empty = { ...r, key: null, value: null, headers: [], offset: 1 };
    expect(Buffer.concat(formatRecordText(empty, f)).toString()).toBe('CreateTime:1795560897089\tPartition:0\tOffset:1\tNO_HEADERS\tnull\tnull\n');
  });
  it('honours separators and null.literal', () => {
    const f = textFormat(props({ 'print.key': 'true', 'key.separator': ' => ', 'line.separator': ';', 'null.literal': '<nil>' }), noWarn);
    expect(Buffer.concat(formatRecordText({ ...r, key: null }, f)).toString()).toBe('<nil> => v1;');
  });
  const text = (rec: TextRecord, o: Record<string, string>, warn: (m: string) => void = noWarn) => Buffer.concat(formatRecordText(rec, textFormat(props(o), warn))).toString();
  it('print.delivery and print.epoch print NOT_PRESENT, as the console consumer does', () => {
    expect(text(r, { 'print.delivery': 'true', 'print.epoch': 'true', 'print.value': 'false' })).toBe('Delivery:NOT_PRESENT\tEpoch:NOT_PRESENT\n');
    expect(text(r, { 'print.offset': 'true', 'print.epoch': 'true', 'print.headers': 'true' })).toBe('Offset:0\tEpoch:NOT_PRESENT\th1:x,h2:y\tv1\n');
  });
  it('a record without a timestamp prints CreateTime:-1 (a v2 batch always has a timestamp type)', () => {
    expect(text({ ...r, timestamp: -1 }, { 'print.timestamp': 'true' })).toBe('CreateTime:-1\tv1\n');
    expect(text({ ...r, timestampType: 1 }, { 'print.timestamp': 'TRUE ' })).toBe('LogAppendTime:1795560897089\tv1\n');
  });
  it('prints nothing for a record when every field is off, and ends the last field with line.separator', () => {
    expect(text(r, { 'print.value': 'false' })).toBe('');
    expect(text(r, { 'print.value': 'false', 'print.key': 'true', 'line.separator': '|' })).toBe('k1|');
  });
  it('deserializers: null.literal goes through them; Integer/Long/Short/Bytes print as Java prints them', () => {
    const n = { ...r, key: Buffer.from([0, 0, 1, 0]), value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]), headers: [['h', Buffer.from([0, 7])]] as [string, Buffer | null][] };
    expect(text(n, {
      'print.key': 'true', 'print.headers': 'true',
      'key.deserializer': 'org.apache.kafka.common.serialization.IntegerDeserializer',
      'value.deserializer': 'org.apache.kafka.common.serialization.LongDeserializer',
      'headers.deserializer': 'org.apache.kafka.common.serialization.ShortDeserializer',
    })).toBe('h:7\t256\t-2\n');
    expect(text({ ...r, value: Buffer.from('a\\b\x00~') }, { 'value.deserializer': 'org.apache.kafka.common.serialization.BytesDeserializer' })).toBe('a\\x5Cb\\x00~\n');
    expect(text({ ...r, value: null }, { 'value.deserializer': 'org.apache.kafka.common.serialization.StringDeserializer' })).toBe('null\n');
    expect(() => text({ ...r, value: null }, { 'value.deserializer': 'org.apache.kafka.common.serialization.LongDeserializer' })).toThrowError('Size of data received by LongDeserializer is not 8');
    const warnings: string[] = [];
    expect(text(r, { 'value.deserializer': 'com.example.Avro', 'value.deserializer.schema': 'x' }, (w) => warnings.push(w))).toBe('v1\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^deserializer 'com.example.Avro' is not supported/);
  });
});

import { formatterKind } from '../../src/format/formatters.js';
import { UsageError } from '../../src/errors.js';
describe('--formatter classes', () => {
  it('knows the 4.x names and the 3.x spellings; any other class is a usage error naming the known ones', () => {
    expect(formatterKind(undefined)).toBe('default');
    expect(formatterKind('org.apache.kafka.tools.consumer.NoOpMessageFormatter')).toBe('noop');
    expect(formatterKind('kafka.tools.LoggingMessageFormatter')).toBe('logging');
    expect(() => formatterKind('com.example.Mine')).toThrowError(/^unknown formatter 'com.example.Mine': known formatters are org.apache.kafka.tools.consumer.DefaultMessageFormatter, /);
    expect(() => formatterKind('x')).toThrowError(UsageError);
  });
});

import { parseTime } from '../../src/format/time.js';
describe('--from / --to times', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('accepts relative, ISO 8601, epoch ms and now', () => {
    expect(parseTime('-15m', '--from', now)).toBe(now - 15 * 60_000);
    expect(parseTime('-2h', '--from', now)).toBe(now - 7_200_000);
    expect(parseTime('2026-01-01T11:00:00Z', '--from', now)).toBe(now - 3_600_000);
    expect(parseTime('1700000000000', '--from', now)).toBe(1700000000000);
    expect(parseTime('now', '--to', now)).toBe(now);
  });
  it('rejects anything else with the flag named', () => {
    expect(() => parseTime('yesterday', '--from', now)).toThrowError("invalid --from 'yesterday'");
  });
});

import { formatCoordinatorRecord } from '../../src/format/coordinator-json.js';
describe('coordinator-record formatters (Kafka 4.4 JSON)', () => {
  const str16 = (s: string) => Buffer.concat([Buffer.from([0, s.length]), Buffer.from(s)]);
  const i16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
  const i32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  const i64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
  const offsetKey = Buffer.concat([i16(1), str16('g'), str16('t'), i32(3)]);
  it('an offset commit, v4 (flexible: compact string, tagged topicId) and v1 (expireTimestamp)', () => {
    const topicId = Buffer.alloc(16, 0xfb);
    const v4 = Buffer.concat([i16(4), i64(9007199254740993n), i32(-1), Buffer.from([2]), Buffer.from('m'), i64(5n), Buffer.from([1, 0, 16]), topicId]);
    expect(formatCoordinatorRecord('offsets', offsetKey, v4, 0)?.toString()).toBe(
      `{"key":{"type":1,"data":{"group":"g","topic":"t","partition":3}},"value":{"version":4,"data":{"offset":9007199254740993,"leaderEpoch":-1,"metadata":"m","commitTimestamp":5,"topicId":"${topicId.toString('base64url')}"}}}`,
    );
    const v1 = Buffer.concat([i16(1), i64(7n), str16('\u0001"'), i64(5n), i64(-1n)]);
    expect(formatCoordinatorRecord('offsets', offsetKey, v1, 0)?.toString()).toBe('{"key":{"type":1,"data":{"group":"g","topic":"t","partition":3}},"value":{"version":1,"data":{"offset":7,"metadata":"\\u0001\\"","commitTimestamp":5,"expireTimestamp":-1}}}');
    expect(formatCoordinatorRecord('offsets', offsetKey, null, 0)?.toString()).toBe('{"key":{"type":1,"data":{"group":"g","topic":"t","partition":3}},"value":null}');
  });
  it('prints nothing for a null key, another formatter\'s type or an unknown type; fails on an unknown value version', () => {
    expect(formatCoordinatorRecord('offsets', null, null, 0)).toBeUndefined();
    expect(formatCoordinatorRecord('group-metadata', offsetKey, null, 0)).toBeUndefined();
    expect(formatCoordinatorRecord('offsets', Buffer.concat([i16(99), str16('x')]), null, 0)).toBeUndefined();
    expect(() => formatCoordinatorRecord('offsets', offsetKey, i16(9), 42)).toThrowError('Could not read record at offset 42 due to: unknown version 9 of OffsetCommitValue');
  });
  it('group metadata v3: nullable strings, members with bytes as base64', () => {
    const member = Buffer.concat([str16('m1'), i16(-1), str16('c'), str16('/h'), i32(300), i32(45), i32(2), Buffer.from([1, 2]), i32(0)]);
    const v3 = Buffer.concat([i16(3), str16('consumer'), i32(1), str16('range'), i16(-1), i64(10n), i32(1), member]);
    expect(formatCoordinatorRecord('group-metadata', Buffer.concat([i16(2), str16('g')]), v3, 0)?.toString()).toBe(
      '{"key":{"type":2,"data":{"group":"g"}},"value":{"version":3,"data":{"protocolType":"consumer","generation":1,"protocol":"range","leader":null,"currentStateTimestamp":10,"members":[{"memberId":"m1","groupInstanceId":null,"clientId":"c","clientHost":"/h","rebalanceTimeout":300,"sessionTimeout":45,"subscription":"AQI=","assignment":""}]}}}',
    );
  });
});
