import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { expandReferences, parseProperties } from '../../src/config/properties.js';
import { connectionOptions, parseJaas } from '../../src/config/connection.js';
import { decideColor } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'kfk-config-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const profiles = file(
  'config.yaml',
  `default-profile: dev
profiles:
  dev:
    bootstrap-server: profile-host:9092
    properties:
      client.id: from-profile
      request.timeout.ms: "7000"
  prod:
    bootstrap-server: prod1:9093,prod2:9093
    properties:
      security.protocol: SASL_SSL
      sasl.mechanism: SCRAM-SHA-512
      sasl.username: ops
      sasl.password: \${env:PROD_PASSWORD}
`,
);
const commandConfig = file('client.properties', 'bootstrap.servers=file-host:9092\nclient.id=from-file\n# a comment\n');

const resolve = (flags: Record<string, unknown>, env: Record<string, string> = {}) =>
  resolveConfig({ flags, env: { KFK_CONFIG: profiles, ...env }, ignoreLocal: true });

describe('configuration precedence: flags > environment > command-config > profile > defaults', () => {
  it('uses the built-in default with nothing configured', () => {
    const c = resolveConfig({ flags: {}, env: { KFK_CONFIG: join(dir, 'none.yaml') }, ignoreLocal: true });
    expect(c.bootstrapServers).toEqual(['localhost:9092']);
    expect(c.bootstrapSource).toBe('default');
    expect(c.timeoutMs).toBe(10_000);
  });
  it('profile beats defaults (default-profile)', () => {
    const c = resolve({});
    expect(c.bootstrapServers).toEqual(['profile-host:9092']);
    expect(c.bootstrapSource).toBe('profile');
    expect(c.properties.get('client.id')).toBe('from-profile');
    expect(c.timeoutMs).toBe(7000);
  });
  it('command-config beats profile', () => {
    const c = resolve({ commandConfig });
    expect(c.bootstrapServers).toEqual(['file-host:9092']);
    expect(c.bootstrapSource).toBe('command-config');
    expect(c.properties.get('client.id')).toBe('from-file');
  });
  it('environment beats command-config', () => {
    const c = resolve({ commandConfig }, { KFK_BOOTSTRAP_SERVER: 'env-host:9092', KFK_TIMEOUT: '1234' });
    expect(c.bootstrapServers).toEqual(['env-host:9092']);
    expect(c.bootstrapSource).toBe('env');
    expect(c.timeoutMs).toBe(1234);
  });
  it('flags beat everything', () => {
    const c = resolve(
      { commandConfig, bootstrapServer: 'flag-host:1,flag-host:2', commandProperty: ['client.id=from-flag'], timeout: '500' },
      { KFK_BOOTSTRAP_SERVER: 'env-host:9092', KFK_TIMEOUT: '1234' },
    );
    expect(c.bootstrapServers).toEqual(['flag-host:1', 'flag-host:2']);
    expect(c.bootstrapSource).toBe('flag');
    expect(c.properties.get('client.id')).toBe('from-flag');
    expect(c.timeoutMs).toBe(500);
  });
  it('--profile and KFK_PROFILE select a named profile; the flag wins', () => {
    expect(resolve({}, { KFK_PROFILE: 'prod', PROD_PASSWORD: 'pw' }).bootstrapServers).toEqual(['prod1:9093', 'prod2:9093']);
    expect(resolve({ profile: 'dev' }, { KFK_PROFILE: 'prod' }).bootstrapServers).toEqual(['profile-host:9092']);
  });
  it('an unknown profile is a usage error naming the known ones', () => {
    expect(() => resolve({ profile: 'nope' })).toThrowError(/unknown profile 'nope'/);
  });
  it('expands ${env:..} so passwords stay out of files', () => {
    const c = resolve({ profile: 'prod' }, { PROD_PASSWORD: 's3cret' });
    expect(c.properties.get('sasl.password')).toBe('s3cret');
    const opts = connectionOptions(c);
    expect(opts.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'ops', password: 's3cret' });
    expect(opts.ssl).toEqual({});
  });
  it('KFK_SASL_PASSWORD beats the command-config file but not a flag', () => {
    const jaasFile = file('sasl.properties', 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.password=file\nsasl.username=u\n');
    expect(resolve({ commandConfig: jaasFile }, { KFK_SASL_PASSWORD: 'env' }).properties.get('sasl.password')).toBe('env');
    expect(resolve({ commandConfig: jaasFile, commandProperty: ['sasl.password=flag'] }, { KFK_SASL_PASSWORD: 'env' }).properties.get('sasl.password')).toBe('flag');
  });
  it('warns on unknown property names, like Kafka', () => {
    const c = resolve({ commandProperty: ['no.such.config=1', 'acks=all'] });
    expect(c.warnings).toEqual(["the configuration 'no.such.config' was supplied but isn't a known config"]);
  });
  it('rejects malformed bootstrap lists and timeouts', () => {
    expect(() => resolve({ bootstrapServer: 'nohost' })).toThrowError(/invalid bootstrap server 'nohost'.*expected host:port/);
    expect(() => resolve({ bootstrapServer: 'h:99999' })).toThrowError(/invalid bootstrap server/);
    expect(() => resolve({ timeout: 'soon' })).toThrowError(/invalid timeout 'soon'/);
  });
});

describe('properties files', () => {
  it('parses Java properties: separators, comments, escapes, continuation lines', () => {
    const p = parseProperties('a=1\nb: 2\nc 3\n# x=9\n! y=9\nd=line\\\n    continued\ne=\\u0041\n');
    expect(Object.fromEntries(p)).toEqual({ a: '1', b: '2', c: '3', d: 'linecontinued', e: 'A' });
  });
  it('reports a malformed line with its number', () => {
    expect(() => parseProperties('a=1\n=oops\n', 'client.properties')).toThrowError(/malformed line 2 in client.properties/);
  });
  it('reads the credentials out of sasl.jaas.config', () => {
    expect(parseJaas('org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="p\\"w";')).toEqual({
      username: 'alice',
      password: 'p"w',
    });
  });
  it('expands ${file:..} and fails clearly on a missing variable', () => {
    const pw = file('pw.txt', 'from-file\n');
    expect(expandReferences(`x\${file:${pw}}y`, {})).toBe('xfrom-filey');
    expect(() => expandReferences('${env:NOPE_NOT_SET}', {})).toThrowError(/NOPE_NOT_SET is not set/);
  });
  it('maps security.protocol and refuses unknown mechanisms', () => {
    const base = resolve({ commandProperty: ['security.protocol=SASL_SSL', 'sasl.mechanism=GSSAPI', 'sasl.username=a', 'sasl.password=b'] });
    expect(() => connectionOptions(base)).toThrowError(/unsupported sasl.mechanism 'GSSAPI'/);
    const bad = resolve({ commandProperty: ['security.protocol=TLS'] });
    expect(() => connectionOptions(bad)).toThrowError(/invalid security.protocol 'TLS'/);
    const noHost = resolve({ commandProperty: ['security.protocol=SSL', 'ssl.endpoint.identification.algorithm='] });
    expect(typeof connectionOptions(noHost).ssl?.checkServerIdentity).toBe('function');
    expect(connectionOptions(noHost).ssl?.rejectUnauthorized).toBeUndefined();
  });
});

describe('colour', () => {
  it('is on for a terminal only, and NO_COLOR / FORCE_COLOR / --no-color decide over it', () => {
    expect(decideColor({ isTTY: true }, {}, undefined)).toBe(true);
    expect(decideColor({ isTTY: false }, {}, undefined)).toBe(false);
    expect(decideColor({ isTTY: true }, { NO_COLOR: '1' }, undefined)).toBe(false);
    expect(decideColor({ isTTY: false }, { FORCE_COLOR: '1' }, undefined)).toBe(true);
    expect(decideColor({ isTTY: true }, { FORCE_COLOR: '1' }, false)).toBe(false);
  });
});

describe('the time bound of a command', () => {
  const never = () => new Promise<never>(() => undefined);
  const context = async () => {
    const { CommandContext } = await import('../../src/cli/context.js');
    const io = { env: {}, err: () => undefined, note: () => undefined, warn: () => undefined } as unknown as ConstructorParameters<typeof CommandContext>[0];
    return new CommandContext(io, { bootstrapServer: '127.0.0.1:9092', timeout: '50' }, new AbortController().signal);
  };

  it('connecting that takes too long cannot connect', async () => {
    await expect((await context()).bounded(never(), { connecting: true })).rejects.toThrow(/^cannot connect to 127\.0\.0\.1:9092: timed out after 50 ms$/);
  });

  it('a step after connecting that takes too long met a cluster that answered nothing, and says so', async () => {
    // Brokers stopped with the quorum lost take the connection and answer Metadata, then nothing:
    // the line said "cannot connect" although kfk had connected.
    await expect((await context()).bounded(never())).rejects.toThrow(/^no answer from the cluster within 50 ms \(connected through 127\.0\.0\.1:9092\)$/);
  });

  it('a step given its own bound says that bound', async () => {
    await expect((await context()).bounded(never(), { timeoutMs: 80 })).rejects.toThrow(/^no answer from the cluster within 80 ms \(connected through 127\.0\.0\.1:9092\)$/);
  });

  it('a connection that fails after connecting names the broker it was to, not the bootstrap list', async () => {
    // kafkajs' errors as a leader or coordinator the cluster named gives them (the address of the
    // broker in `broker`, the connection error under the retries').
    const { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } = await import('kafkajs');
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9095', { broker: '127.0.0.1:9095', code: 'ECONNREFUSED' });
    const retried = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 100 });
    await expect((await context()).bounded(Promise.reject(retried))).rejects.toThrow(/^cannot connect to 127\.0\.0\.1:9095: connection refused$/);
    // While connecting, the bootstrap list is what the user gave.
    await expect((await context()).bounded(Promise.reject(retried), { connecting: true })).rejects.toThrow(/^cannot connect to 127\.0\.0\.1:9092: connection refused$/);
  });
});
