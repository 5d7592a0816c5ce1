// The compiled Avro reader and writer of the record path against avsc (the library that parses
// the schemas), and what avsc cannot do: longs beyond 2^53, exactly.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { AvroTextReader, AvroWriter, markBigIntegers, quadPlain } from '../../src/registry/formats/avro-fast.js';
import { avroCodec, javaDouble } from '../../src/registry/formats/avro.js';

const require = createRequire(import.meta.url);
const avsc = require('avsc') as typeof import('avsc');

const SCHEMA = {
  type: 'record',
  name: 'R',
  namespace: 'n',
  fields: [
    { name: 'i', type: 'int' },
    { name: 'l', type: 'long' },
    { name: 'f', type: 'float' },
    { name: 'd', type: 'double' },
    { name: 's', type: 'string' },
    { name: 'b', type: 'bytes' },
    { name: 'u', type: ['null', 'string', { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'int' }] }] },
    { name: 'a', type: { type: 'array', items: 'long' } },
    { name: 'm', type: { type: 'map', values: 'boolean' } },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
    { name: 'x', type: { type: 'fixed', name: 'F', size: 2 } },
    { name: 'next', type: ['null', 'R'] },
  ],
};
const VALUE = {
  i: -5,
  l: 1234567890123,
  f: 0.1,
  d: 1e21,
  s: 'tab\there "q" é \u{1F600}',
  b: Buffer.from([0, 255, 65]),
  u: { x: 3 },
  a: [1, -2, 300],
  m: { yes: true, no: false },
  e: 'B',
  x: Buffer.from('hi'),
  next: { i: 1, l: 0, f: 0, d: 0.5, s: '', b: Buffer.alloc(0), u: null, a: [], m: {}, e: 'A', x: Buffer.from('ok'), next: null },
};

describe('Avro on the record path', () => {
  const plain = avsc.Type.forSchema(SCHEMA as import('avsc').Schema, { wrapUnions: 'never' });
  const wrapped = avsc.Type.forSchema(SCHEMA as import('avsc').Schema, { wrapUnions: true });

  it('reads what avsc writes as Avro\'s JSON encoding (unions wrapped) and as plain JSON', () => {
    const bytes = plain.toBuffer(VALUE);
    const text = new AvroTextReader(plain, 'avro').text(bytes, 0, bytes.length);
    expect(wrapped.fromString(text)).toEqual(wrapped.fromBuffer(bytes));
    expect(text).toContain('"f":0.10000000149011612,"d":1.0E21,');
    expect(text).toContain('"u":{"n.Inner":{"x":3}}');
    expect(text).toContain('"next":{"n.R":{"i":1,"l":0,"f":0.0,"d":0.5,');
    const json = JSON.parse(new AvroTextReader(plain, 'plain').text(bytes, 0, bytes.length)) as Record<string, unknown>;
    expect(json).toMatchObject({ i: -5, l: 1234567890123, u: { 'n.Inner': { x: 3 } }, s: VALUE.s, b: '\u0000\u00ffA', next: { 'n.R': { u: null, next: null } } });
  });

  it('writes what avsc reads, from plain JSON and from Avro\'s JSON encoding', () => {
    const w = new AvroWriter(plain);
    const header = Buffer.from([0, 0, 0, 0, 9]);
    const doc = { ...JSON.parse(wrapped.toString(wrapped.fromBuffer(plain.toBuffer(VALUE)))) };
    const end = w.encode(header, doc);
    expect(end).toBeGreaterThan(5);
    expect(w.buffer.subarray(0, 5)).toEqual(header);
    expect(plain.fromBuffer(w.buffer.subarray(5, end))).toEqual(plain.fromBuffer(plain.toBuffer(VALUE)));
    expect(w.encode(header, { ...doc, i: 'no' })).toBe(-1);
    expect(w.encode(header, { ...doc, i: 2 ** 31 })).toBe(-1);
  });

  it('writes into a caller\'s buffer where the text fits, and says where it is when it does not', () => {
    const bytes = plain.toBuffer(VALUE);
    const r = new AvroTextReader(plain, 'avro');
    const expected = r.text(bytes, 0, bytes.length);
    const dst = Buffer.alloc(4096, 0x2a);
    const end = r.writeInto(dst, 100, bytes, 0, bytes.length);
    expect(dst.toString('utf8', 100, end)).toBe(expected);
    expect(dst.toString('utf8', 0, 100)).toBe('*'.repeat(100));
    // Too small: the text is in the reader's buffer, after a copy of what dst held before it.
    const small = Buffer.alloc(120, 0x2b);
    expect(r.writeInto(small, 100, bytes, 0, bytes.length)).toBe(-1);
    expect(r.out.toString('utf8', 100, r.at)).toBe(expected);
    expect(small.toString('utf8', 0, 100)).toBe('+'.repeat(100));
    // The reader goes on as before, and a bad body still throws.
    expect(r.text(bytes, 0, bytes.length)).toBe(expected);
    expect(() => r.writeInto(dst, 0, bytes, 0, bytes.length - 1)).toThrow('truncated buffer');
    expect(r.text(bytes, 0, bytes.length)).toBe(expected);
  });

  it('a truncated body or trailing bytes are errors', () => {
    const bytes = plain.toBuffer(VALUE);
    const r = new AvroTextReader(plain, 'avro');
    expect(() => r.text(bytes, 0, bytes.length - 1)).toThrow('truncated buffer');
    expect(() => r.text(Buffer.concat([bytes, Buffer.from([0])]), 0, bytes.length + 1)).toThrow('trailing data (1 bytes)');
  });

  it('longs beyond 2^53 both ways, exactly (JSON.parse would round them)', () => {
    const t = avsc.Type.forSchema({ type: 'record', name: 'L', fields: [{ name: 'v', type: 'long' }, { name: 'd', type: 'double' }] });
    const codec = avroCodec(JSON.stringify(t.schema()), []);
    for (const v of ['9223372036854775807', '-9223372036854775808', '9007199254740993', '-9007199254740993', '1152921504606846977']) {
      const bytes = codec.encode(`{"v": ${v}, "d": 12345678901234567890}`);
      expect(codec.toText(bytes, 0)).toBe(`{"v":${v},"d":1.2345678901234567E19}`);
      expect(codec.toJsonText!(bytes, 0)).toBe(`{"v":${v},"d":12345678901234567000}`);
    }
    expect(() => codec.encode('{"v": 9223372036854775808, "d": 1}')).toThrow('does not match the Avro schema');
    // The zig-zag varint of 2^63-1: ten bytes, as Java's BinaryEncoder writes it.
    expect(codec.encode('{"v": 9223372036854775807, "d": 0}').subarray(0, 10).toString('hex')).toBe('feffffffffffffffff01');
  });

  it('NaN and the infinities as Confluent\'s console consumer prints them (Jackson quotes them)', () => {
    const t = avsc.Type.forSchema({ type: 'array', items: 'double' });
    const bytes = t.toBuffer([NaN, Infinity, -Infinity, 1e-7, -1, -2.5, 3]);
    expect(new AvroTextReader(t, 'avro').text(bytes, 0, bytes.length)).toBe('["NaN","Infinity","-Infinity",1.0E-7,-1.0,-2.5,3.0]');
    expect(new AvroTextReader(t, 'plain').text(bytes, 0, bytes.length)).toBe('[null,null,null,1e-7,-1,-2.5,3]');
  });

  it('every double as Java\'s Double.toString (javaDouble) writes it', () => {
    const t = avsc.Type.forSchema({ type: 'array', items: 'double' });
    const vals = [0, -0, 1, -1, 1e7, -1e7, 9999999, 0.001, -0.001, 0.0009, 123.456, 2 ** 53, -(2 ** 60), 5e-324, 1.7976931348623157e308];
    for (let k = 0; k < 2000; k++) vals.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 30 - 10), Math.round((Math.random() - 0.5) * 1e8));
    const bytes = t.toBuffer(vals);
    expect(new AvroTextReader(t, 'avro').text(bytes, 0, bytes.length)).toBe(`[${vals.map(javaDouble).join(',')}]`);
  });

  it('integers of every length as String() writes them', () => {
    const t = avsc.Type.forSchema({ type: 'array', items: 'long' });
    const vals = [0, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32, 2 ** 49, -(2 ** 49)];
    for (let d = 1; d <= 15; d++) vals.push(10 ** d - 1, 10 ** d, 10 ** d + 1, -(10 ** d), Math.floor(Math.random() * 10 ** d));
    const bytes = t.toBuffer(vals);
    expect(new AvroTextReader(t, 'plain').text(bytes, 0, bytes.length)).toBe(JSON.stringify(vals));
  });

  it('tells four plain string bytes from any other four, byte for byte', () => {
    const plain = (c: number) => c >= 0x20 && c <= 0x7f && c !== 0x22 && c !== 0x5c;
    const edges = [0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0x81, 0xa2, 0xdc, 0xff];
    const words: number[][] = [];
    for (const a of edges) for (const b of edges) for (const c of [0x20, 0x61, 0x22]) for (const d of edges) words.push([a, b, c, d], [d, c, b, a]);
    for (let k = 0; k < 100000; k++) words.push(Array.from({ length: 4 }, () => (Math.random() < 0.8 ? 0x20 + Math.floor(Math.random() * 0x60) : Math.floor(Math.random() * 256))));
    for (const bytes of words) {
      const w = Buffer.from(bytes).readUInt32LE(0);
      expect(quadPlain(w), bytes.join(',')).toBe(bytes.every(plain));
    }
  });

  it('short decimals as String() and Java write them, the fast way included', () => {
    const t = avsc.Type.forSchema({ type: 'array', items: 'double' });
    const vals = [0.5, -0.5, 0.125, 124.875, 0.001, 0.005, -0.0012, 0.1, 0.2, 0.3, 1.15, 2.675, 1.005, 9999999.5, 9999999.99999999, 123.45678901, 0.00100000001, 1234567.1234567];
    for (let k = 0; k < 20000; k++) {
      const frac = Math.floor(Math.random() * 10);
      const m = Math.floor(Math.random() * 10 ** Math.floor(Math.random() * 15));
      const v = (Math.random() < 0.3 ? -m : m) / 10 ** frac;
      if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7 && !Number.isInteger(v)) vals.push(v);
    }
    for (let k = 0; k < 2000; k++) vals.push(k / 8, k / 100 + 0.001, (Math.random() - 0.5) * 1e4);
    const bytes = t.toBuffer(vals);
    expect(new AvroTextReader(t, 'avro').text(bytes, 0, bytes.length)).toBe(`[${vals.map(javaDouble).join(',')}]`);
    expect(new AvroTextReader(t, 'plain').text(bytes, 0, bytes.length)).toBe(JSON.stringify(vals));
  });

  it('marks only integers of 16 digits or more outside strings', () => {
    expect(markBigIntegers('{"a": 12345678901234567, "b": "12345678901234567", "c": 1234567890123456.5, "d": [-12345678901234567]}')).toBe(
      '{"a": "\\u0000kfk-long:12345678901234567", "b": "12345678901234567", "c": 1234567890123456.5, "d": ["\\u0000kfk-long:-12345678901234567"]}',
    );
  });
});

describe('Avro from the input line\'s bytes (encodeText)', () => {
  const SIMPLE = {
    type: 'record',
    name: 'User',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'n', type: 'int' },
      { name: 'name', type: 'string' },
      { name: 'score', type: 'double' },
      { name: 'f', type: 'float' },
      { name: 'active', type: 'boolean' },
      { name: 'note', type: ['null', 'string'] },
      { name: 'kind', type: { type: 'enum', name: 'K', symbols: ['A', 'B'] } },
      { name: 'inner', type: ['null', { type: 'record', name: 'In', fields: [{ name: 'x', type: 'int' }] }] },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ],
  };
  const type = avsc.Type.forSchema(SIMPLE as import('avsc').Schema, { wrapUnions: 'never' });
  const header = Buffer.from([0, 0, 0, 0, 7]);
  const viaObject = (line: string): string | undefined => {
    const w = new AvroWriter(type);
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      return undefined;
    }
    const end = w.encode(header, doc);
    return end < 0 ? undefined : w.buffer.toString('hex', 0, end);
  };
  const viaText = (line: string): string | undefined => {
    const w = new AvroWriter(type);
    const b = Buffer.from(`xx${line}yy`);
    const end = w.encodeText(header, b, 2, b.length - 2);
    return end < 0 ? undefined : w.buffer.toString('hex', 0, end);
  };
  const base = '{"id": 12, "n": -3, "name": "ann", "score": 1.5, "f": 0.1, "active": true, "note": null, "kind": "B", "inner": null, "at": 1700000000000}';

  it('writes the common document straight from its bytes, the same bytes as from JSON.parse', () => {
    const lines = [
      base,
      base.replace(/ /g, ''),
      `  ${base.replace(/, /g, ' ,\t')}  `,
      base.replace('"note": null', '"note": "x"').replace('"inner": null', '"inner": {"x": 5}'),
      base.replace('"note": null', '"note": {"string": "wrapped"}').replace('"inner": null', '"inner": {"In": {"x": -1}}'),
      base.replace('"score": 1.5', '"score": -2.5e-3').replace('"f": 0.1', '"f": 3E10'),
      base.replace('"id": 12', '"id": -999999999999999').replace('"n": -3', '"n": 2147483647'),
      base.replace('"id": 12', '"id": 0').replace('"score": 1.5', '"score": 0'),
      // Lengths of one, two and three varint bytes.
      base.replace('"name": "ann"', `"name": "${'a'.repeat(63)}"`),
      base.replace('"name": "ann"', `"name": "${'b'.repeat(64)}"`).replace('"note": null', `"note": "${'c'.repeat(300)}"`),
      base.replace('"name": "ann"', `"name": "${'d'.repeat(20000)}"`),
      base.replace('"name": "ann"', '"name": ""'),
    ];
    for (const line of lines) {
      expect(viaText(line), line).toBeDefined();
      expect(viaText(line), line).toBe(viaObject(line));
    }
  });

  it('strings of every length and make, four bytes at a time or not: the same bytes as from JSON.parse', () => {
    const chars = ['a', 'Z', ' ', '~', '\x7f', '"', '\\', '\t', '\n', 'é', '\u{1F600}', '/', '0'];
    for (let k = 0; k < 3000; k++) {
      const len = Math.floor(Math.random() * 90);
      let str = '';
      for (let i = 0; i < len; i++) str += Math.random() < 0.97 ? String.fromCharCode(0x20 + Math.floor(Math.random() * 0x5f)) : chars[Math.floor(Math.random() * chars.length)];
      const line = base.replace('"name": "ann"', () => `"name": ${JSON.stringify(str)}`);
      const fast = viaText(line);
      if (fast !== undefined) expect(fast, line).toBe(viaObject(line));
      if (/^[\x20-\x7f]*$/.test(str) && !/["\\]/.test(str)) expect(fast, line).toBeDefined();
    }
  });

  it('reads decimals as Number() does: the same double for each of many written forms', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const forms: string[] = ['0', '-0', '0.0', '-0.5', '1.5', '0.1', '0.2', '0.3', '123456789012345', '1234567890.12345', '0.000001', '9007199254740993', '1e-7', '12.5E3', '-3.000000000000001'];
    for (let k = 0; k < 3000; k++) {
      const digits = String(Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 15))));
      const at = Math.floor(rand() * (digits.length + 1));
      forms.push(`${rand() < 0.3 ? '-' : ''}${at === 0 ? '0' : digits.slice(0, at)}${at < digits.length ? `.${digits.slice(at)}` : ''}`);
    }
    for (const f of forms) {
      const line = base.replace('"score": 1.5', `"score": ${f}`).replace('"f": 0.1', `"f": ${f}`);
      expect(viaText(line), f).toBe(viaObject(line));
    }
  });

  it('leaves every other document to JSON.parse: never different bytes, never a wrong value', () => {
    const others = [
      base.replace('"id": 12, "n": -3', '"n": -3, "id": 12'), // another order
      base.replace('"name": "ann"', '"name": "a\\"n"'), // an escape
      base.replace('"name": "ann"', '"name": "änn"'), // not ASCII
      base.replace('"id": 12', '"id": 1.0'), // a long written as a double
      base.replace('"id": 12', '"id": 12345678901234567'), // 17 digits
      base.replace('"n": -3', '"n": 2147483648'), // out of int range
      base.replace('"id": 12', '"id": 012'), // not JSON
      base.replace('"kind": "B"', '"kind": "C"'), // no such symbol
      base.replace('}', ', "extra": 1}'), // an extra field
      base.replace(', "at": 1700000000000', ''), // a missing field
      `${base} x`, // trailing text
      base.replace('"active": true', '"active": tru'), // broken
      base.replace('"score": 1.5', '"score": 1.'),
      base.replace('"score": 1.5', '"score": -'),
      base.replace('"score": 1.5', '"score": 01.5'),
      base.replace('"score": 1.5', '"score": .5'),
      base.replace('"id": 12', '"id": -'),
      base.replace('"id": 12', '"id": 1e3'),
      base.replace('"id": 12', '"id": -012'),
    ];
    for (const line of others) {
      const t = viaText(line);
      if (t !== undefined) expect(t, line).toBe(viaObject(line));
    }
    expect(others.filter((l) => viaText(l) === undefined).length).toBe(others.length);
  });
});
