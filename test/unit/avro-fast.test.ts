// The compiled Avro reader and writer of the record path against avsc (the library that parses
// the schemas), and what avsc cannot do: longs beyond 2^53, exactly.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { AvroTextReader, AvroWriter, markBigIntegers } from '../../src/registry/formats/avro-fast.js';
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

  it('marks only integers of 16 digits or more outside strings', () => {
    expect(markBigIntegers('{"a": 12345678901234567, "b": "12345678901234567", "c": 1234567890123456.5, "d": [-12345678901234567]}')).toBe(
      '{"a": "\\u0000kfk-long:12345678901234567", "b": "12345678901234567", "c": 1234567890123456.5, "d": ["\\u0000kfk-long:-12345678901234567"]}',
    );
  });
});
