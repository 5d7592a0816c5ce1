// SASL/OAUTHBEARER against a real broker: a broker of its own with an OAUTHBEARER listener that
// validates JWTs against the JWKS of a token server this file runs on 127.0.0.1
// (test/helpers/oauth-server.ts), configured as Kafka's clients take it from a .properties file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kfk, kfkProcess, sleep, uniqueName } from '../helpers/cli.js';
import { OAUTH_AUDIENCE, OAUTH_ISSUER, startOAuthServer, type OAuthServer } from '../helpers/oauth-server.js';
import { startTestCluster } from '../helpers/test-cluster.js';

let server: OAuthServer;
let stop: (() => Promise<void>) | undefined;
let plain = '';
let oauth = '';
const dir = mkdtempSync(join(tmpdir(), 'kfk-oauth-'));
const SECRET = 'not-to-be-printed-7f3a';

/** A client .properties file as a Kafka user writes it (token endpoint, JAAS client id and secret, scope). */
function props(clientId: string, secret = SECRET, style: 'jaas' | 'properties' = 'jaas'): string {
  const file = join(dir, `${clientId}-${secret.length}-${style}.properties`);
  const lines = [
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=OAUTHBEARER',
    'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
    `sasl.oauthbearer.token.endpoint.url=${server.tokenUrl}`,
  ];
  if (style === 'jaas') {
    lines.push(`sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="${clientId}" clientSecret="${secret}" scope="kafka";`);
  } else {
    lines.push(
      'sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;',
      `sasl.oauthbearer.client.credentials.client.id=${clientId}`,
      `sasl.oauthbearer.client.credentials.client.secret=${secret}`,
      'sasl.oauthbearer.scope=kafka',
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

beforeAll(async () => {
  server = await startOAuthServer();
  server.clients.set('app', { secret: SECRET, lifetime: 3600 });
  server.clients.set('short-lived', { secret: SECRET, lifetime: 6 });
  server.clients.set('expired', { secret: SECRET, lifetime: -120 });
  server.clients.set('elsewhere', { secret: SECRET, lifetime: 3600, audience: 'another-cluster' });
  const started = await startTestCluster('kfk-oauth-broker-', {
    brokers: 1,
    sasl: false,
    tls: false,
    oauth: { jwksUrl: server.jwksUrl, audience: OAUTH_AUDIENCE, issuer: OAUTH_ISSUER },
    // Sessions end with the token: a long run must re-authenticate with fresh tokens.
    brokerProperties: { 'connections.max.reauth.ms': '60000' },
  });
  stop = started.stop;
  plain = started.state.bootstrap;
  oauth = started.state.oauthBootstrap!;
});

afterAll(async () => {
  await stop?.();
  await server?.close();
});

describe('OAUTHBEARER', () => {
  it('the right client credentials work, from JAAS options or from client properties; nothing secret is printed', async () => {
    const topic = uniqueName('oauth');
    await kfk(['topic', 'create', '--bootstrap-server', plain, '--topic', topic]);
    for (const style of ['jaas', 'properties'] as const) {
      const cfg = ['--bootstrap-server', oauth, '--command-config', props('app', SECRET, style)];
      const produced = await kfk(['produce', ...cfg, '--topic', topic, '-v'], { input: `${style}\n` });
      expect(produced.code).toBe(0);
      expect(produced.stderr).toContain(`SASL OAUTHBEARER, client app at ${server.tokenUrl}`);
      expect(produced.stderr).not.toContain(SECRET);
      expect(produced.stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
    }
    const consumed = await kfk(['consume', '--bootstrap-server', oauth, '--command-config', props('app'), '--topic', topic, '--from-beginning', '-e']);
    expect(consumed).toMatchObject({ code: 0, stdout: 'jaas\nproperties\n' });
    expect(consumed.stderr).not.toContain(SECRET);
  });

  it.each([
    ['a wrong secret', () => props('app', 'wrong-secret'), `kfk: OAuth token request refused by the token endpoint @: invalid_client: client authentication failed\nhint: check the client id and secret\n`],
    ['an expired token', () => props('expired'), /^kfk: the token from the token endpoint @ has already expired \(exp [0-9T:.-]+Z\)\n$/],
    [
      'a wrong audience',
      () => props('elsewhere'),
      "kfk: authentication failed for #: the broker refused the token (invalid_token)\nhint: the broker checks the token's signature, audience, issuer and expiry: its log says which failed\n",
    ],
  ])('%s: one line, exit 1', async (_what, file, expected) => {
    const r = await kfk(['topic', 'list', '--bootstrap-server', oauth, '--command-config', file()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    if (typeof expected === 'string') expect(r.stderr).toBe(expected.replace('@', server.tokenUrl).replace('#', oauth));
    else expect(r.stderr).toMatch(new RegExp(expected.source.replace('@', server.tokenUrl.replace(/[.]/g, '\\.'))));
    expect(r.stderr).not.toContain('wrong-secret');
  });

  it('a consume running past the token lifetime keeps going, with fresh tokens', async () => {
    const topic = uniqueName('oauth-long');
    await kfk(['topic', 'create', '--bootstrap-server', plain, '--topic', topic]);
    const before = server.issued.get('short-lived') ?? 0;
    const cfg = ['--bootstrap-server', oauth, '--command-config', props('short-lived')];
    const consumer = kfkProcess(['consume', ...cfg, '--topic', topic, '--group', uniqueName('oauth-g'), '--max-messages', '12']);
    const producer = kfkProcess(['produce', ...cfg, '--topic', topic]);
    // 12 records, one a second: twice the 6 s token lifetime.
    await producer.feed(Array.from({ length: 12 }, (_, i) => `r${i + 1}`), 1, 1000);
    const [p, c] = await Promise.all([producer.done, consumer.done]);
    expect(p).toMatchObject({ code: 0, stderr: '' });
    expect(c.code).toBe(0);
    expect(c.stdout).toBe(Array.from({ length: 12 }, (_, i) => `r${i + 1}\n`).join(''));
    expect(c.stderr).toBe('Processed a total of 12 messages\n');
    // Each of the two processes fetched tokens again as the old ones neared their expiry.
    expect((server.issued.get('short-lived') ?? 0) - before).toBeGreaterThanOrEqual(4);
    await sleep(0);
  });
});
