// kafka-acls' reading of its flags, and the OAUTHBEARER client options and refresh times.
import { describe, expect, it } from 'vitest';
import { checkArgs, parseOperation, resourceToAcls, resourcesToAdd } from '../../src/commands/acl/plan.js';
import { javaPrincipalSetOrder } from '../../src/commands/acl/view.js';
import { jaasOptions, oauthOptions } from '../../src/config/connection.js';
import { OAuthTokenSource, jwtClaims, refreshTime } from '../../src/kafka/wire/oauth.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

describe('kafka-acls flags', () => {
  it('operations by their Pascal-case names in any case; others are UNKNOWN', () => {
    expect(['Read', 'IDEMPOTENTWRITE', ' describeConfigs ', 'TwoPhaseCommit'].map(parseOperation)).toEqual(['READ', 'IDEMPOTENT_WRITE', 'DESCRIBE_CONFIGS', 'TWO_PHASE_COMMIT']);
    expect(parseOperation('IDEMPOTENT_WRITE')).toBe('UNKNOWN');
  });

  it('--producer --consumer: Write, Describe, Create and Read on topics, Read on groups, IdempotentWrite on the cluster', () => {
    const plan = resourcesToAdd({ producer: true, consumer: true, idempotent: true, allowPrincipal: ['User:a'], topic: ['t'], group: ['g'] });
    const ops = Object.fromEntries(plan.map((r) => [r.pattern.resourceType, r.entries.map((e) => e.operation).sort()]));
    expect(ops).toEqual({ TOPIC: ['CREATE', 'DESCRIBE', 'READ', 'WRITE'], GROUP: ['READ'], CLUSTER: ['IDEMPOTENT_WRITE'] });
  });

  it('hosts default to * for the principals given; --cluster with a prefixed pattern names no resource', () => {
    const [r] = resourceToAcls({ allowPrincipal: ['User:a'], denyPrincipal: ['User:b'], denyHost: ['10.0.0.1'], topic: ['t'], operation: ['Read'] });
    expect(r.entries.map((e) => `${e.principal}@${e.host}:${e.permission}`).sort()).toEqual(['User:a@*:ALLOW', 'User:b@10.0.0.1:DENY']);
    expect(() => resourceToAcls({ cluster: true, resourcePatternType: 'prefixed', allowPrincipal: ['User:a'] })).toThrow('You must provide at least one resource');
  });

  it('checks in kafka-acls order and words', () => {
    expect(() => checkArgs('list', { producer: true, topic: ['t'] })).toThrow('Option "[list]" can\'t be used with option "[producer]"');
    expect(() => checkArgs('add', { consumer: true, topic: ['t'] })).toThrow('With --consumer you must specify a --topic and a --group');
    expect(() => resourcesToAdd({ allowPrincipal: ['User:a'], topic: ['t'], resourcePatternType: 'any' })).toThrow("A '--resource-pattern-type' value of 'ANY' is not valid when adding acls.");
  });

  it('principals in java.util.HashSet order (String.hashCode buckets)', () => {
    // kafka-acls 4.4 --list --principal User:alice --principal User:bob ... printed them in this order.
    expect(javaPrincipalSetOrder(['User:alice', 'User:bob', 'User:carol', 'User:x', 'User:kfk-limited'])).toEqual(['User:carol', 'User:alice', 'User:x', 'User:kfk-limited', 'User:bob']);
  });
});

describe('OAUTHBEARER options', () => {
  it('JAAS options of OAuthBearerLoginModule and Kafka 4.1 properties (the properties win)', () => {
    expect(jaasOptions('org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="a" clientSecret="s\\"x" scope=kafka extension_traceId="7";')).toEqual({
      clientId: 'a',
      clientSecret: 's"x',
      scope: 'kafka',
      extension_traceId: '7',
    });
    const p = new Map([
      ['sasl.oauthbearer.token.endpoint.url', 'http://127.0.0.1:1/token'],
      ['sasl.jaas.config', 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="a" clientSecret="s" extension_k="v";'],
      ['sasl.oauthbearer.client.credentials.client.id', 'b'],
    ]);
    expect(oauthOptions(p)).toMatchObject({ tokenEndpoint: 'http://127.0.0.1:1/token', clientId: 'b', clientSecret: 's', extensions: { k: 'v' } });
    expect(() => oauthOptions(new Map([['sasl.oauthbearer.token.endpoint.url', 'http://x/token']]))).toThrow('needs a client id and secret');
  });

  it('refresh at the window factor, within the minimum period and the buffer, as Kafka does', () => {
    const h = 3600_000;
    expect(refreshTime(0, h, {})).toBe(0.8 * h);
    expect(refreshTime(0, h, { refreshWindowFactor: 0.99 })).toBe(h - 300_000); // the buffer wins
    expect(refreshTime(0, 10_000, {})).toBe(8_000); // too short for buffer and minimum period
  });

  it('reads the claims of a JWT, not of anything else', () => {
    const jwt = ['{"alg":"none"}', '{"sub":"a","exp":5}'].map((s) => Buffer.from(s).toString('base64url')).join('.') + '.';
    expect(jwtClaims(jwt)).toEqual({ sub: 'a', exp: 5 });
    expect(jwtClaims('opaque-token')).toBeUndefined();
  });

  it('a file: token endpoint: the JWT in the file, read again at refresh; no client credentials needed', async () => {
    const jwt = (sub: string, lifetimeS: number) => {
      const now = Math.floor(Date.now() / 1000);
      return ['{"alg":"none"}', JSON.stringify({ sub, iat: now, exp: now + lifetimeS })].map((s) => Buffer.from(s).toString('base64url')).join('.') + '.';
    };
    const file = join(mkdtempSync(join(tmpdir(), 'kfk-jwt-')), 'token');
    const url = pathToFileURL(file).href;
    expect(oauthOptions(new Map([['sasl.oauthbearer.token.endpoint.url', url]]))).toMatchObject({ tokenEndpoint: url });
    const first = jwt('one', 2);
    writeFileSync(file, `  ${first}\n`);
    const source = new OAuthTokenSource({ tokenEndpoint: `file:${file}` });
    expect((await source.token()).value).toBe(first);
    const second = jwt('two', 3600);
    writeFileSync(file, second);
    // Within the first token's life the held one is used; past its refresh time the file is read again.
    expect((await source.token()).value).toBe(first);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await source.token()).value).toBe(second);

    writeFileSync(file, jwt('old', -60));
    await expect(new OAuthTokenSource({ tokenEndpoint: url }).token()).rejects.toThrow(new RegExp(`^the token in ${file} has already expired \\(exp `));
    writeFileSync(file, 'not a jwt');
    await expect(new OAuthTokenSource({ tokenEndpoint: url }).token()).rejects.toThrow(`the OAuth token file ${file} does not hold a JWT`);
    await expect(new OAuthTokenSource({ tokenEndpoint: `${url}-missing` }).token()).rejects.toThrow(`cannot read the OAuth token file ${file}-missing: no such file`);
  });
});
