// JSON Schema values printed as they stand: jsonTextKind may say "as is" only where the bytes are
// exactly JSON.stringify(JSON.parse(text)), the output of the path that parses, and "compact"
// only where they are that less the whitespace between tokens. Checked over many generated
// documents, written compactly, with spacing, escapes, other number spellings, and with random
// bytes changed.
import { describe, expect, it } from 'vitest';
import { compactJson, isCanonicalJson, JSON_AS_IS, JSON_COMPACT, JSON_REWRITE, jsonTextKind } from '../../src/registry/formats/json-canonical.js';
import { jsonSchemaCodec } from '../../src/registry/formats/json-schema.js';

// A small seeded generator, so that a failure can be run again.
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

const STRINGS = ['', 'a', 'plain text', 'q"uote', 'back\\slash', 'tab\there', 'nl\nx', '\u0001', '\u001f', '\u007f', 'é', '日本', '😀', '\u2028', '/', '\b\f\r', '0', '12', '__proto__', 'x'.repeat(40)];
const NUMBERS = [0, -0, 1, -1, 7, 42, 0.5, -0.25, 0.125, 1.5, 100.75, 123456789012345, 1234567890123456, 2 ** 53 + 2, 0.1, 0.30000000000000004, 1e-6, 1e-7, 1.5e-7, 1e21, 1e20, 123.456, -999.999, 2.71, 1 / 3, 0.000123, 5e-324, Number.MAX_VALUE];

function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 5 : 7));
  if (k === 0) return STRINGS[Math.floor(r() * STRINGS.length)];
  if (k === 1) return NUMBERS[Math.floor(r() * NUMBERS.length)];
  if (k === 2) return Math.floor(r() * 2e6) - 1e6;
  if (k === 3) return r() < 0.5;
  if (k === 4) return null;
  if (k === 5) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) o[r() < 0.15 ? STRINGS[Math.floor(r() * STRINGS.length)] : `f${Math.floor(r() * 8)}`] = value(r, depth + 1);
  return o;
}

/** Other spellings of the same document: spacing, \u escapes, number forms, duplicate keys. */
function respell(text: string, r: () => number): string {
  const k = Math.floor(r() * 7);
  if (k === 0) return text.replace(/([,:[{])/g, '$1 ');
  if (k === 1) return ` ${text}\n`;
  if (k === 2) return text.replace(/[a-z]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (k === 3) return text.replace(/(\d)(?=[,}\]]|$)/, '$1.0');
  if (k === 4) return text.replace(/(:)(-?\d+)(?=[,}])/, '$1$2e0');
  if (k === 5) return text.replace(/^\{"([^"\\]*)":/, '{"$1":1,"$1":');
  return text.replace(/\//g, '\\/');
}

/** What the path that parses prints (or an Error when it cannot). */
function parsed(b: Buffer): string | Error {
  try {
    return JSON.stringify(JSON.parse(b.toString('utf8')));
  } catch (err) {
    return err as Error;
  }
}

/** The kind the check gives, after making sure the copy it allows is what the parse prints. */
function kindOf(b: Buffer): number {
  const how = jsonTextKind(b, 0, b.length);
  expect(isCanonicalJson(b, 0, b.length)).toBe(how === JSON_AS_IS);
  if (how === JSON_REWRITE) return how;
  let copy = b;
  if (how === JSON_COMPACT) {
    const out = Buffer.alloc(b.length);
    copy = out.subarray(0, compactJson(b, 0, b.length, out, 0));
  }
  const p = parsed(b);
  if (p instanceof Error || Buffer.compare(Buffer.from(p), copy) !== 0) {
    throw new Error(`said ${how === JSON_AS_IS ? 'as is' : 'compact'}, but the parse prints ${p instanceof Error ? p.message : JSON.stringify(p)} for ${JSON.stringify(b.toString('utf8'))} (${b.toString('hex')})`);
  }
  return how;
}
const check = (b: Buffer) => kindOf(b) === JSON_AS_IS;

describe('isCanonicalJson', () => {
  it('takes what JSON.stringify writes for plain documents, and prints them byte for byte', () => {
    for (const doc of [
      '{"id":1,"name":"a","email":"u1@example.org","score":0.125,"active":false}',
      '{"a":[1,2,{"b":null}],"c":{},"d":[],"e":"\\"\\\\\\n\\t\\b\\f\\r"}',
      '"x"', '0', '-12', '0.5', '0.000001', 'true', 'null', '[]', '{"é":"日本😀"}',
    ]) {
      expect(check(Buffer.from(doc)), doc).toBe(true);
    }
  });

  it('leaves to the parse what it would print otherwise', () => {
    for (const doc of [' {}', '{} ', '{"a": 1}', '\t[ 1 ,\r\n2 ]\n', '{ "a" : { "b" : [ ] , "c" : "x y" } }', '"s p"  ']) {
      expect(kindOf(Buffer.from(doc)), doc).toBe(JSON_COMPACT);
    }
    for (const doc of [
      '{"a":1.0}', '{"a":1e2}', '{"a":-0}', '{"a":0.1000}', '{"a":1234567890123456}', '{"a":0.0000001}', '{"a":01}',
      '{"\\u0061":1}', '"\\/"', '{"a":1,"a":2}', '{"1":1,"a":2}', '{"b":1,"0":2}', '"\\u00e9"', '[1,]', '{"a":1', '', 'nul', 'tru', 'falsey', '"\u0001"',
    ]) {
      expect(check(Buffer.from(doc)), doc).toBe(false);
    }
    for (const doc of ['{"a": 1.0}', ' {"a":1,"a":2}', '[1, 2e0]', '{"\\u0061" : 1}', '\u000b{}']) expect(kindOf(Buffer.from(doc)), doc).toBe(JSON_REWRITE);
    for (const hex of ['22ff22', '22c0af22', '22eda08022', '22f4908080220', '22e282', 'efbbbf7b7d']) expect(check(Buffer.from(hex, 'hex')), hex).toBe(false);
    // Deeper than 64 levels, or more than 32 keys in one object: the parse.
    expect(check(Buffer.from('['.repeat(65) + ']'.repeat(65)))).toBe(false);
    expect(check(Buffer.from('['.repeat(64) + ']'.repeat(64)))).toBe(true);
    expect(check(Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])))))).toBe(false);
  });

  it('never says yes where the parse prints otherwise, over 30,000 generated, respelled and damaged documents', () => {
    const r = rng(20);
    let taken = 0;
    let compact = 0;
    for (let n = 0; n < 10_000; n++) {
      const text = JSON.stringify(value(r, 0));
      compact++;
      if (check(Buffer.from(text))) taken++;
      kindOf(Buffer.from(respell(text, r)));
      const b = Buffer.from(text);
      const at = Math.floor(r() * b.length);
      if (r() < 0.5) b[at] = Math.floor(r() * 256);
      kindOf(r() < 0.3 ? b.subarray(0, at) : b);
    }
    // Most compact documents take the copy (those with \u escapes, index keys, long or tiny numbers do not).
    expect(taken / compact).toBeGreaterThan(0.5);
  });

  it('the JSON Schema codec prints the same text on both paths, and from the middle of a buffer', () => {
    const codec = jsonSchemaCodec('{"type": "object"}', []);
    const r = rng(7);
    for (let n = 0; n < 2_000; n++) {
      const text = respell(JSON.stringify(value(r, 0)), r);
      const b = Buffer.concat([Buffer.from('xx'), Buffer.from(text), Buffer.from('yy')]);
      const expected = parsed(Buffer.from(text));
      if (expected instanceof Error) {
        expect(() => codec.textAt!(b, 2, b.length - 2)).toThrow();
        continue;
      }
      const t = codec.textAt!(b, 2, b.length - 2);
      expect(t.out.toString('utf8', t.from ?? 0, t.at)).toBe(expected);
      expect(codec.toText(Buffer.from(`\0${text}`), 1)).toBe(expected);
      expect(codec.toJsonText!(Buffer.from(`\0${text}`), 1)).toBe(expected);
    }
  });
});
