// Schema Registry pieces that need no registry: the framing, Protobuf message indexes, the
// registry settings, and Avro's JSON numbers as Java writes them.
import { describe, expect, it } from 'vitest';
import { decodeMessageIndexes, encodeMessageIndexes, framedSchemaId, frameHeader } from '../../src/registry/framing.js';
import { displayUrl, registryConfig } from '../../src/registry/config.js';
import { javaDouble } from '../../src/registry/formats/avro.js';
import { parseSchemaReferences, subjectFor } from '../../src/registry/serde.js';
import { nestedOrder } from '../../src/registry/formats/proto-order.js';
import { protobufCodec } from '../../src/registry/formats/protobuf.js';

describe('Schema Registry framing', () => {
  it('reads and writes the 5-byte header', () => {
    expect(frameHeader(258).toString('hex')).toBe('0000000102');
    expect(framedSchemaId(Buffer.from('0000000102ff', 'hex'))).toBe(258);
    expect(framedSchemaId(Buffer.from('plain'))).toBeUndefined();
    expect(framedSchemaId(Buffer.from('00000001', 'hex'))).toBeUndefined();
    expect(framedSchemaId(null)).toBeUndefined();
  });

  it('writes Protobuf message indexes as Confluent does ([0] as one byte, else zig-zag count and indexes)', () => {
    expect(encodeMessageIndexes([0]).toString('hex')).toBe('00');
    expect(encodeMessageIndexes([1]).toString('hex')).toBe('0202');
    expect(encodeMessageIndexes([1, 0]).toString('hex')).toBe('040200');
    expect(encodeMessageIndexes([70]).toString('hex')).toBe('028c01');
    for (const ix of [[0], [1], [1, 0], [3, 2, 1], [70]]) expect(decodeMessageIndexes(Buffer.concat([Buffer.from([9]), encodeMessageIndexes(ix)]), 1).indexes).toEqual(ix);
    expect(() => decodeMessageIndexes(Buffer.from([4, 2]), 0)).toThrow('truncated Protobuf message indexes');
  });
});

// protoc (grpc_tools.protoc 1.85) lists this file's nested_type as: Outer: First,
// CountsByNameEntry, Second, FirstsEntry, Third; Third: InnerEntry, Deep.
const MAPS_PROTO = `syntax = "proto3";
package demo;
// message NotOne { }  (a comment)
message Outer {
  message First { int32 a = 1; }
  map<string, int32> counts_by_name = 1;
  message Second { string b = 1; }
  oneof pick { string x = 2; int32 y = 3; }
  map<int32, First> firsts = 4;
  message Third { map<string,string> inner = 1; message Deep { int32 d = 1; } }
}
message Next { int32 n = 1; }
message Last { string note = 1 [json_name = "message Fake {"]; }
`;

describe('Protobuf message indexes of a .proto text', () => {
  it("count map<> entries where protoc puts them, in source order, as Confluent's serializers do", () => {
    expect(nestedOrder(MAPS_PROTO)).toEqual(
      new Map([
        ['Outer', ['First', null, 'Second', null, 'Third']],
        ['Outer.First', []],
        ['Outer.Second', []],
        ['Outer.Third', [null, 'Deep']],
        ['Outer.Third.Deep', []],
        ['Next', []],
        ['Last', []],
      ]),
    );
  });

  it('a message after a map field is written with its protoc index, and read back by it', () => {
    for (const [name, indexes] of [['Outer.Second', [0, 2]], ['Outer.Third.Deep', [0, 4, 1]], ['Outer.First', [0, 0]], ['Next', [1]]] as const) {
      const codec = protobufCodec(MAPS_PROTO, [], name);
      const doc = name === 'Outer.Second' ? '{"b":"x"}' : name === 'Next' ? '{"n":1}' : name === 'Outer.First' ? '{"a":2}' : '{"d":3}';
      const bytes = codec.encode(doc);
      expect(decodeMessageIndexes(bytes, 0).indexes).toEqual(indexes);
      expect(codec.toText(Buffer.concat([frameHeader(1), bytes]), 5)).toBe(doc);
    }
  });
});

describe('Schema Registry settings', () => {
  const base = { env: {}, timeoutMs: 1000, tlsOptions: () => ({}) };
  it('takes the URL from the flag, the environment, the properties, the profile, then kfk local', () => {
    const props = new Map([['schema.registry.url', 'http://props:1']]);
    expect(registryConfig({ ...base, flag: 'http://flag:1', env: { KFK_SCHEMA_REGISTRY_URL: 'http://env:1' }, properties: props })!.source).toBe('--schema-registry-url');
    expect(registryConfig({ ...base, env: { KFK_SCHEMA_REGISTRY_URL: 'http://env:1' }, properties: props })!.urls).toEqual(['http://env:1']);
    expect(registryConfig({ ...base, properties: props, profileUrl: 'http://profile:1' })!.urls).toEqual(['http://props:1']);
    expect(registryConfig({ ...base, properties: new Map(), profileUrl: 'http://profile:1' })!.urls).toEqual(['http://profile:1']);
    expect(registryConfig({ ...base, properties: new Map(), localUrl: () => 'http://127.0.0.1:5/apis/ccompat/v7' })!.source).toBe('kfk local');
    expect(registryConfig({ ...base, properties: new Map() })).toBeUndefined();
  });

  it('builds basic and bearer credentials; user info never stays in the URL', () => {
    const c = registryConfig({ ...base, flag: 'https://u:p%40ss@sr:8081/', properties: new Map() })!;
    expect(c.urls).toEqual(['https://sr:8081']);
    expect(c.authorization).toBe('Basic ' + Buffer.from('u:p@ss').toString('base64'));
    expect(displayUrl('http://u:secret@h:1/x')).toBe('http://h:1/x');
    const info = registryConfig({ ...base, flag: 'http://sr:1', properties: new Map([['basic.auth.credentials.source', 'USER_INFO'], ['basic.auth.user.info', 'a:b']]) })!;
    expect(info.authorization).toBe('Basic ' + Buffer.from('a:b').toString('base64'));
    const bearer = registryConfig({ ...base, flag: 'http://sr:1', properties: new Map([['bearer.auth.credentials.source', 'STATIC_TOKEN'], ['bearer.auth.token', 'tok']]) })!;
    expect(bearer.authorization).toBe('Bearer tok');
    expect(() => registryConfig({ ...base, flag: 'ftp://sr', properties: new Map() })).toThrow("invalid Schema Registry URL 'ftp://sr' (from --schema-registry-url): expected http or https");
    expect(() => registryConfig({ ...base, flag: 'http://sr:1', properties: new Map([['basic.auth.credentials.source', 'USER_INFO']]) })).toThrow('basic.auth.credentials.source=USER_INFO needs basic.auth.user.info (user:password)');
  });

  it('names subjects as Confluent\'s strategies do', () => {
    const o = { side: 'value' as const, format: 'avro' as const, topic: 'orders', properties: new Map<string, string>() };
    const avsc = '{"type":"record","name":"Order","namespace":"shop","fields":[]}';
    expect(subjectFor(o, avsc)).toBe('orders-value');
    expect(subjectFor({ ...o, properties: new Map([['value.subject.name.strategy', 'io.confluent.kafka.serializers.subject.RecordNameStrategy']]) }, avsc)).toBe('shop.Order');
    expect(subjectFor({ ...o, properties: new Map([['value.subject.name.strategy', 'TopicRecordNameStrategy']]) }, avsc)).toBe('orders-shop.Order');
    expect(subjectFor({ ...o, format: 'protobuf', properties: new Map([['value.subject.name.strategy', 'RecordNameStrategy']]) }, 'syntax = "proto3";\npackage a.b;\nmessage M {}\n')).toBe('a.b.M');
    expect(subjectFor({ ...o, subject: 'explicit' }, avsc)).toBe('explicit');
  });
});

describe("Avro's JSON numbers", () => {
  it('writes doubles as Java does', () => {
    expect([2, 0.25, -1, 1e7, 12345678.9, 1e-4, 0.001, 1.5e21, -0, 9999999].map(javaDouble)).toEqual(['2.0', '0.25', '-1.0', '1.0E7', '1.23456789E7', '1.0E-4', '0.001', '1.5E21', '-0.0', '9999999.0']);
  });
});

describe('schema references given for a schema file (value.refs)', () => {
  it('reads Confluent\'s JSON array and refuses what is not one, naming the reference', () => {
    expect(parseSchemaReferences('[{"name": "shop.Money", "subject": "money", "version": 2}]', 'value.refs')).toEqual([{ name: 'shop.Money', subject: 'money', version: 2 }]);
    expect(parseSchemaReferences('[]', 'value.refs')).toEqual([]);
    const bad: Array<[string, string]> = [
      ['nope', 'invalid --value-schema-refs: not JSON'],
      ['{}', 'invalid --value-schema-refs: expected a JSON array'],
      ['[1]', 'reference 1: expected an object'],
      ['[{"name": "a", "subject": "s"}]', 'reference 1: "version" must be an integer >= 1'],
      ['[{"name": "a", "subject": "s", "version": 0}]', '"version" must be an integer >= 1'],
      ['[{"name": "a", "subject": "", "version": 1}]', '"subject" must be a non-empty string'],
      ['[{"subject": "s", "version": 1}]', '"name" must be a non-empty string'],
      ['[{"name": "a", "subject": "s", "version": 1, "ver": 2}]', 'unknown field "ver"'],
      ['[{"name": "a", "subject": "s", "version": 1}, {"name": "a", "subject": "t", "version": 1}]', 'reference 2: the name "a" is given twice'],
    ];
    for (const [text, msg] of bad) expect(() => parseSchemaReferences(text, '--value-schema-refs')).toThrow(msg);
  });
});
