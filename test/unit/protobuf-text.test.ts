// Protobuf values on the record path: the wire-to-JSON writer must print exactly what the parse
// path (protobufjs decode + toObject + the JSON mapping) prints, for every record: checked over
// many generated messages of every field kind, encoded packed and unpacked, merged, with unknown
// fields, and damaged.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { protobufCodec } from '../../src/registry/formats/protobuf.js';
import { ProtoTextWriter } from '../../src/registry/formats/protobuf-text.js';

const require = createRequire(import.meta.url);
const pb = require('protobufjs') as typeof import('protobufjs');

const SCHEMA = (packed: boolean) => `syntax = "proto3";
package t.v1;
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";

enum Color { COLOR_UNSPECIFIED = 0; RED = 1; GREEN = 2; BLUE = -3; }

message All {
  int32 i32 = 1; uint32 u32 = 2; sint32 s32 = 3; fixed32 f32 = 4; sfixed32 sf32 = 5;
  int64 i64 = 6; uint64 u64 = 7; sint64 s64 = 8; fixed64 f64 = 9; sfixed64 sf64 = 10;
  double dbl = 11; float flt = 12; bool flag = 13; string text = 14; bytes data = 15;
  Color color = 16;
  Inner inner = 17;
  repeated int32 r_i32 = 18${packed ? '' : ' [packed = false]'};
  repeated sint64 r_s64 = 19${packed ? '' : ' [packed = false]'};
  repeated double r_dbl = 20${packed ? '' : ' [packed = false]'};
  repeated Color r_color = 21${packed ? '' : ' [packed = false]'};
  repeated string r_text = 22;
  repeated bytes r_data = 23;
  repeated Inner r_inner = 24;
  map<string, int64> m_long = 25;
  map<string, Inner> m_inner = 26;
  map<string, Color> m_color = 27;
  map<int32, string> m_int = 28;
  oneof choice { string c_text = 29; Inner c_inner = 30; int32 c_num = 31; }
  optional int32 maybe = 32;
  google.protobuf.Timestamp at = 33;
  google.protobuf.Duration took = 34;
  int32 snake_case_name = 35;
  int32 renamed = 36 [json_name = "otherName"];
  message Inner { string name = 1; int32 n = 2; Inner next = 3; repeated google.protobuf.Timestamp times = 4; }
}
`;

const STRINGS = ['', 'a', 'plain', 'q"uote', 'back\\slash', 'tab\t', '\u0001', 'é', '日本', '😀', '\u2028', '0', '17', '-1', '__proto__', 'k'.repeat(30)];
const LONGS = ['0', '1', '-1', '9007199254740991', '9007199254740993', '-9223372036854775808', '9223372036854775807', '123456789012', '-42'];
const ULONGS = ['0', '1', '18446744073709551615', '9007199254740993', '4294967296'];
const DOUBLES = [0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 123.456, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 5e-324];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gen(r: () => number) {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const some = (p: number) => r() < p;
  const int = () => (some(0.3) ? pick([0, 1, -1, 2147483647, -2147483648]) : Math.floor(r() * 2000) - 1000);
  const seconds = () => pick([0, 1, -1, 1700000000, 253402300799, -62135596800, 253402300800, -62135596801]);
  const time = () => ({ seconds: seconds(), nanos: pick([0, 1, 500000000, 123456000, 999999999]) });
  const inner = (depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    if (some(0.7)) o.name = pick(STRINGS);
    if (some(0.5)) o.n = int();
    if (depth < 3 && some(0.3)) o.next = inner(depth + 1);
    if (some(0.2)) o.times = Array.from({ length: Math.floor(r() * 3) }, time);
    return o;
  };
  const o: Record<string, unknown> = {};
  const maybe = (k: string, v: () => unknown) => {
    if (some(0.6)) o[k] = v();
  };
  maybe('i32', int);
  maybe('u32', () => pick([0, 1, 4294967295, 123]));
  maybe('s32', int);
  maybe('f32', () => pick([0, 7, 4294967295]));
  maybe('sf32', int);
  maybe('i64', () => pick(LONGS));
  maybe('u64', () => pick(ULONGS));
  maybe('s64', () => pick(LONGS));
  maybe('f64', () => pick(ULONGS));
  maybe('sf64', () => pick(LONGS));
  maybe('dbl', () => pick(DOUBLES));
  maybe('flt', () => pick(DOUBLES));
  maybe('flag', () => some(0.5));
  maybe('text', () => pick(STRINGS));
  maybe('data', () => Buffer.from(pick(STRINGS)));
  maybe('color', () => pick([0, 1, 2, -3, 7]));
  maybe('inner', () => inner(0));
  maybe('r_i32', () => Array.from({ length: Math.floor(r() * 4) }, int));
  maybe('r_s64', () => Array.from({ length: Math.floor(r() * 4) }, () => pick(LONGS)));
  maybe('r_dbl', () => Array.from({ length: Math.floor(r() * 4) }, () => pick(DOUBLES)));
  maybe('r_color', () => Array.from({ length: Math.floor(r() * 4) }, () => pick([0, 1, 2, -3, 9])));
  maybe('r_text', () => Array.from({ length: Math.floor(r() * 4) }, () => pick(STRINGS)));
  maybe('r_data', () => Array.from({ length: Math.floor(r() * 3) }, () => Buffer.from(pick(STRINGS))));
  maybe('r_inner', () => Array.from({ length: Math.floor(r() * 3) }, () => inner(1)));
  maybe('m_long', () => Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [pick(STRINGS), pick(LONGS)])));
  maybe('m_inner', () => Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, () => [pick(STRINGS), inner(1)])));
  maybe('m_color', () => Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, () => [pick(STRINGS), pick([0, 1, 5])])));
  if (some(0.2)) o.m_int = { 3: 'c', 1: 'a' };
  const c = Math.floor(r() * 4);
  if (c === 1) o.c_text = pick(STRINGS);
  if (c === 2) o.c_inner = inner(1);
  if (c === 3) o.c_num = int();
  maybe('maybe', int);
  maybe('at', time);
  maybe('took', () => ({ seconds: pick([0, 5, -5, 315576000000]), nanos: pick([0, 1, 500000000, -500000000]) }));
  maybe('snake_case_name', int);
  maybe('renamed', int);
  return o;
}

function roots() {
  const load = (text: string) => {
    const root = new pb.Root();
    const common = pb.common as unknown as Record<string, { nested: Record<string, import('protobufjs').AnyNestedObject> }>;
    root.addJSON(common['google/protobuf/timestamp.proto'].nested);
    root.addJSON(common['google/protobuf/duration.proto'].nested);
    pb.parse(text.replace(/^import .*$/gm, ''), root, { keepCase: true });
    root.resolveAll();
    return root.lookupType('t.v1.All');
  };
  return { packed: load(SCHEMA(true)), unpacked: load(SCHEMA(false)) };
}

/** The two paths of the codec on one framed body (message indexes then the message). */
function both(codec: ReturnType<typeof protobufCodec>, body: Buffer) {
  let slow: string | Error;
  try {
    slow = JSON.stringify(codec.toJson(body, 0));
  } catch (err) {
    slow = err as Error;
  }
  // In the middle of a larger buffer, as in a fetch response.
  const b = Buffer.concat([Buffer.from([1, 2, 3]), body, Buffer.from([9, 9])]);
  let fast: string | Error;
  let direct = false;
  try {
    const t = codec.textAt!(b, 3, 3 + body.length);
    direct = t instanceof ProtoTextWriter;
    fast = t.out.toString('utf8', t.from ?? 0, t.at);
  } catch (err) {
    fast = err as Error;
  }
  return { slow, fast, direct };
}

describe('Protobuf wire bytes to JSON text without a message object', () => {
  const { packed, unpacked } = roots();
  const codec = protobufCodec(
    SCHEMA(true).replace('import "google/protobuf/timestamp.proto";\nimport "google/protobuf/duration.proto";', 'import "google/protobuf/timestamp.proto";\nimport "google/protobuf/duration.proto";'),
    [],
    'All',
  );
  const frame = (msg: Uint8Array) => Buffer.concat([Buffer.from([0]), msg]);

  it('prints what the parse path prints, byte for byte, over 9,000 generated messages and their variants', { timeout: 30_000 }, () => {
    const r = rng(42);
    let direct = 0;
    let total = 0;
    const cases: Buffer[] = [];
    for (let n = 0; n < 1500; n++) {
      const obj = gen(r);
      const a = Buffer.from(packed.encode(packed.fromObject(obj)).finish());
      const u = Buffer.from(unpacked.encode(unpacked.fromObject(obj)).finish());
      const other = Buffer.from(packed.encode(packed.fromObject(gen(r))).finish());
      // Unknown fields (varint, fixed64, length-delimited, fixed32) around the known ones.
      const unknown = Buffer.from([0xa8, 0x3e, 0x05, 0xb1, 0x3e, 1, 2, 3, 4, 5, 6, 7, 8, 0xba, 0x3e, 0x02, 0x68, 0x69, 0xc5, 0x3e, 1, 2, 3, 4]);
      const damaged = Buffer.from(a);
      if (damaged.length) damaged[Math.floor(r() * damaged.length)] = Math.floor(r() * 256);
      cases.push(a, u, Buffer.concat([a, other]), Buffer.concat([unknown, a, unknown]), damaged, a.subarray(0, Math.floor(r() * a.length)));
    }
    for (const [i, msg] of cases.entries()) {
      const { slow, fast, direct: d } = both(codec, frame(msg));
      // Of the messages as encoded (each sixth case), how many take the direct path.
      if (i % 6 === 0) {
        total++;
        if (d) direct++;
      }
      const same = slow instanceof Error ? fast instanceof Error : fast === slow;
      if (!same) expect({ fast, hex: msg.toString('hex') }).toEqual({ fast: slow, hex: msg.toString('hex') });
    }
    // Most messages as encoded take the direct path (not those with a map key JavaScript orders
    // first, a map<int32, ...> entry, or a time outside years 1 to 9999, which the generator makes often).
    expect(direct / total).toBeGreaterThan(0.35);
  });

  it('takes the direct path for plain messages of every kind', () => {
    const obj = {
      i32: -5, u32: 4294967295, s32: -7, f32: 9, sf32: -9, i64: '-9223372036854775808', u64: '18446744073709551615', s64: '-3', f64: '5', sf64: '-6',
      dbl: 0.1, flt: 1.5, flag: true, text: 'hé "q"', data: Buffer.from('hello!!'), color: -3,
      inner: { name: 'n', n: 1, next: { name: 'deeper' }, times: [{ seconds: 1700000000, nanos: 5000 }] },
      r_i32: [1, -2], r_s64: ['-9007199254740993'], r_dbl: [Number.NaN, -0], r_color: [1, 99], r_text: ['a', ''], r_data: [Buffer.from([0xff, 0])], r_inner: [{}],
      m_long: { a: '1', b: '-2' }, m_inner: { x: { n: 2 } }, m_color: { c: 2 }, c_inner: { name: 'c' }, maybe: 0,
      at: { seconds: -62135596800, nanos: 1 }, took: { seconds: -5, nanos: -500000000 }, snake_case_name: 3, renamed: 4,
    };
    const body = frame(packed.encode(packed.fromObject(obj)).finish());
    const { slow, fast, direct } = both(codec, body);
    expect(direct).toBe(true);
    expect(fast).toBe(slow);
    expect(fast).toBe(
      '{"i32":-5,"u32":4294967295,"s32":-7,"f32":9,"sf32":-9,"i64":"-9223372036854775808","u64":"18446744073709551615","s64":"-3","f64":"5","sf64":"-6",' +
        '"dbl":0.1,"flt":1.5,"flag":true,"text":"hé \\"q\\"","data":"aGVsbG8hIQ==","color":"BLUE",' +
        '"inner":{"name":"n","n":1,"next":{"name":"deeper","n":0,"times":[]},"times":["2023-11-14T22:13:20.000005Z"]},' +
        '"rI32":[1,-2],"rS64":["-9007199254740993"],"rDbl":["NaN",0],"rColor":["RED",99],"rText":["a",""],"rData":["/wA="],"rInner":[{"name":"","n":0,"times":[]}],' +
        '"mLong":{"a":"1","b":"-2"},"mInner":{"x":{"name":"","n":2,"times":[]}},"mColor":{"c":"GREEN"},"mInt":{},"cInner":{"name":"c","n":0,"times":[]},"maybe":0,' +
        '"at":"0001-01-01T00:00:00.000000001Z","took":"-5.500s","snakeCaseName":3,"otherName":4}',
    );
    // Map entries JavaScript reorders (an index-like key after another) or merges (a key twice),
    // and repeated fields split in two runs: the same text as the parse path.
    const enc = (o: Record<string, unknown>) => Buffer.from(packed.encode(packed.fromObject(o)).finish());
    for (const [parts, expected] of [
      [[{ m_long: { b: '1' } }, { m_long: { 17: '2' } }, { m_long: { 3: '4' } }], '"mLong":{"3":"4","17":"2","b":"1"}'],
      [[{ m_long: { a: '1', b: '2' } }, { m_long: { a: '3' } }], '"mLong":{"a":"3","b":"2"}'],
      [[{ m_inner: { k: { n: 1 } } }, { m_inner: { k: { n: 2 } } }], '"mInner":{"k":{"name":"","n":2,"times":[]}}'],
      [[{ r_text: ['a'] }, { i32: 1 }, { r_text: ['b'] }], '"rText":["a","b"]'],
    ] as const) {
      const r = both(codec, frame(Buffer.concat(parts.map((o) => enc(o as Record<string, unknown>)))));
      expect(r.fast).toBe(r.slow);
      expect(r.fast).toContain(expected);
    }
    // Values larger than the output buffer it starts with.
    const big = both(codec, frame(enc({ text: 'x'.repeat(100_000), data: Buffer.alloc(50_001, 7), r_text: Array.from({ length: 3000 }, (_, i) => `s${i}`) })));
    expect(big.direct).toBe(true);
    expect(big.fast).toBe(big.slow);
    // An empty message: every field at its default, message fields and unset oneofs left out.
    const empty = both(codec, frame(Buffer.alloc(0)));
    expect(empty.direct).toBe(true);
    expect(empty.fast).toBe(empty.slow);
  });

  it('a nested message type through its message indexes, and a proto2 file (defaults, required, closed enums)', () => {
    const nested = both(codec, Buffer.concat([Buffer.from([4, 0, 8]), packed.lookupType('t.v1.All.Inner').encode({ name: 'i' }).finish()]));
    expect(nested).toMatchObject({ direct: true, fast: '{"name":"i","n":0,"times":[]}' });
    const p2 = protobufCodec('syntax = "proto2";\nmessage P { required int32 id = 1; optional string s = 2 [default = "dflt"]; optional E e = 3 [default = B]; enum E { A = 1; B = 2; } optional int64 big = 4 [default = -7]; }', []);
    const root = new pb.Root();
    pb.parse('syntax = "proto2";\nmessage P { required int32 id = 1; optional string s = 2 [default = "dflt"]; optional E e = 3 [default = B]; enum E { A = 1; B = 2; } optional int64 big = 4 [default = -7]; }', root);
    const P = root.lookupType('P');
    for (const body of [
      P.encode({ id: 1 }).finish(),
      P.encode({ id: 2, s: 'x', e: 1, big: 5 }).finish(),
      Buffer.from([0x10, 0x01]), // id missing: protobufjs refuses it
      Buffer.from([0x08, 0x01, 0x18, 0x09]), // e = 9, not in the closed enum
    ]) {
      const { slow, fast } = both(p2, frame(Buffer.from(body)));
      if (slow instanceof Error) expect(fast).toBeInstanceOf(Error);
      else expect(fast).toBe(slow);
    }
    expect(both(p2, frame(Buffer.from(P.encode({ id: 1 }).finish())))).toMatchObject({ direct: true, fast: '{"id":1,"s":"dflt","e":"B","big":"-7"}' });
  });
});
