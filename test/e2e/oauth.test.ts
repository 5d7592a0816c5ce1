// SASL/OAUTHBEARER against a real broker, as `kfk local start --oauth` gives it to developers: an
// OAUTHBEARER listener that validates JWTs against the JWKS of kfk's local token server
// (src/local/oauth-dev-server.ts), with clients configured as Kafka's clients take them from a
// .properties file. Clients of other kinds (short-lived, expired, another audience) are added to
// the server's client list, which it reads at every request.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kfk, kfkProcess, uniqueName } from '../helpers/cli.js';
import { cacheDir, kafkaVersion } from '../../src/local/kafka-dist.js';

const dir = mkdtempSync(join(tmpdir(), 'kfk-oauth-'));
const localDir = join(dir, 'local');
// The local cluster of this file, with the Kafka that the test run fetched.
const env = { KFK_LOCAL_DIR: localDir, KFK_CACHE_DIR: cacheDir(process.env), KFK_KAFKA_VERSION: kafkaVersion(process.env) };
const SECRET = 'not-to-be-printed-7f3a';
let plain = '';
let oauth = '';
let tokenUrl = '';
let localSecret = '';

const issued = (client: string) => {
  try {
    return readFileSync(join(localDir, 'oauth-tokens.log'), 'utf8').split('\n').filter((l) => l.startsWith(`${client} `)).length;
  } catch {
    return 0;
  }
};

/** A client .properties file as a Kafka user writes it (token endpoint, JAAS client id and secret, scope). */
function props(clientId: string, secret = SECRET, style: 'jaas' | 'properties' = 'jaas'): string {
  const file = join(dir, `${clientId}-${secret.length}-${style}.properties`);
  const lines = [
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=OAUTHBEARER',
    'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
    `sasl.oauthbearer.token.endpoint.url=${tokenUrl}`,
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
  const started = await kfk(['local', 'start', '--oauth'], { env, timeoutMs: 150_000 });
  expect(started.code).toBe(0);
  plain = started.stdout.trim();
  const state = JSON.parse(readFileSync(join(localDir, 'cluster.json'), 'utf8')) as { oauthBootstrap: string; oauthClientConfig: string };
  oauth = state.oauthBootstrap;
  expect(started.stderr).toContain(`kfk: SASL OAUTHBEARER at ${oauth}, client config ${state.oauthClientConfig}`);
  const clientConfig = readFileSync(state.oauthClientConfig, 'utf8');
  tokenUrl = /sasl\.oauthbearer\.token\.endpoint\.url=(.*)/.exec(clientConfig)![1];
  localSecret = /client\.secret=(.*)|clientSecret="([^"]*)"/.exec(clientConfig)!.slice(1).find(Boolean)!;
  // Clients of other kinds beside the one `kfk local start --oauth` made.
  const clientsFile = join(localDir, 'oauth-clients.json');
  const clients = JSON.parse(readFileSync(clientsFile, 'utf8')) as Record<string, unknown>;
  Object.assign(clients, {
    app: { secret: SECRET },
    'short-lived': { secret: SECRET, lifetime: 6 },
    expired: { secret: SECRET, lifetime: -120 },
    elsewhere: { secret: SECRET, audience: 'another-cluster' },
  });
  writeFileSync(clientsFile, JSON.stringify(clients));
}, 180_000);

afterAll(async () => {
  const stopped = await kfk(['local', 'stop'], { env });
  expect(stopped.code).toBe(0);
});

describe('OAUTHBEARER', () => {
  it('the client config of kfk local start --oauth works, as Kafka 4.x clients write one', async () => {
    const state = JSON.parse(readFileSync(join(localDir, 'cluster.json'), 'utf8')) as { oauthClientConfig: string };
    const r = await kfk(['topic', 'list', '--bootstrap-server', oauth, '--command-config', state.oauthClientConfig, '-v']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`SASL OAUTHBEARER, client kfk-oauth at ${tokenUrl}`);
    expect(r.stderr).not.toContain(localSecret);
    expect(issued('kfk-oauth')).toBe(1);
  });

  it('the right client credentials work, from JAAS options or from client properties; nothing secret is printed', async () => {
    const topic = uniqueName('oauth');
    await kfk(['topic', 'create', '--bootstrap-server', plain, '--topic', topic]);
    for (const style of ['jaas', 'properties'] as const) {
      const cfg = ['--bootstrap-server', oauth, '--command-config', props('app', SECRET, style)];
      const produced = await kfk(['produce', ...cfg, '--topic', topic, '-v'], { input: `${style}\n` });
      expect(produced.code).toBe(0);
      expect(produced.stderr).toContain(`SASL OAUTHBEARER, client app at ${tokenUrl}`);
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
    if (typeof expected === 'string') expect(r.stderr).toBe(expected.replace('@', tokenUrl).replace('#', oauth));
    else expect(r.stderr).toMatch(new RegExp(expected.source.replace('@', tokenUrl.replace(/[.]/g, '\\.'))));
    expect(r.stderr).not.toContain('wrong-secret');
  });

  it('a file: token endpoint URL: the JWT in the file logs in; an expired one is one line, exit 1', async () => {
    /** A token of the local token server, as an operator's tooling would drop it into a file. */
    const tokenFile = async (client: string) => {
      const res = await fetch(tokenUrl, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${client}:${SECRET}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=kafka' });
      const file = join(dir, `${client}.jwt`);
      writeFileSync(file, `${((await res.json()) as { access_token: string }).access_token}\n`, { mode: 0o600 });
      return file;
    };
    const config = (file: string) => {
      const p = join(dir, `${file.replace(/\W/g, '_')}.properties`);
      writeFileSync(p, ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=OAUTHBEARER', `sasl.oauthbearer.token.endpoint.url=file:${file}`, 'sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;'].join('\n') + '\n');
      return p;
    };
    const [good, expired] = await Promise.all([tokenFile('app'), tokenFile('expired')]);
    const [ok, old, missing] = await Promise.all([
      kfk(['topic', 'list', '--bootstrap-server', oauth, '--command-config', config(good), '-v']),
      kfk(['topic', 'list', '--bootstrap-server', oauth, '--command-config', config(expired)]),
      kfk(['topic', 'list', '--bootstrap-server', oauth, '--command-config', config(`${good}-none`)]),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(`SASL OAUTHBEARER, token from file:${good}`);
    expect(ok.stderr).toMatch(new RegExp(`kfk: OAuth token for app in ${good}, valid until `));
    expect(ok.stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect({ code: old.code, stdout: old.stdout }).toEqual({ code: 1, stdout: '' });
    expect(old.stderr).toMatch(new RegExp(`^kfk: the token in ${expired} has already expired \\(exp [0-9T:.-]+Z\\)\\n$`));
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: `kfk: cannot read the OAuth token file ${good}-none: no such file\n` });
  });

  it('a consume running past the token lifetime keeps going, with fresh tokens', async () => {
    const topic = uniqueName('oauth-long');
    await kfk(['topic', 'create', '--bootstrap-server', plain, '--topic', topic]);
    const before = issued('short-lived');
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
    expect(issued('short-lived') - before).toBeGreaterThanOrEqual(4);
  });
});
