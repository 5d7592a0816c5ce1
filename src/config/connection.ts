// Kafka client properties -> the connection options of src/kafka/wire/client.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { ConnectionOptions, SaslMechanism } from '../kafka/wire/client.js';
import type { OAuthOptions } from '../kafka/wire/oauth.js';
import { KfkError, UsageError } from '../errors.js';
import type { ResolvedConfig } from './resolve.js';

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
const MECHANISMS: Record<string, SaslMechanism> = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
};

/** Every option of a `sasl.jaas.config` line: `Module required a="1" b=2;` -> {a: '1', b: '2'}. */
export function jaasOptions(jaas: string): Record<string, string> {
  const body = jaas.replace(/^\s*\S+\s+(required|requisite|sufficient|optional)\b/i, '');
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s;]+))/g;
  for (const m of body.matchAll(re)) out[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? m[4]);
  return out;
}

/** The OAUTHBEARER options of Kafka's client properties and its OAuthBearerLoginModule's JAAS options. */
export function oauthOptions(p: Map<string, string>, log?: (line: string) => void): OAuthOptions {
  const jaas = p.has('sasl.jaas.config') ? jaasOptions(p.get('sasl.jaas.config')!) : {};
  const num = (key: string) => (p.has(key) ? Number(p.get(key)) : undefined);
  const prefixed = (prefix: string) =>
    Object.fromEntries(Object.entries(jaas).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const connect = num('sasl.login.connect.timeout.ms') ?? 10_000;
  const read = num('sasl.login.read.timeout.ms') ?? 10_000;
  const options: OAuthOptions = {
    tokenEndpoint: p.get('sasl.oauthbearer.token.endpoint.url'),
    clientId: p.get('sasl.oauthbearer.client.credentials.client.id') ?? jaas.clientId,
    clientSecret: p.get('sasl.oauthbearer.client.credentials.client.secret') ?? jaas.clientSecret,
    scope: p.get('sasl.oauthbearer.scope') ?? jaas.scope,
    urlencodeHeader: p.get('sasl.oauthbearer.header.urlencode') === 'true',
    subClaim: p.get('sasl.oauthbearer.sub.claim.name'),
    extensions: prefixed('extension_'),
    unsecuredClaims: prefixed('unsecuredLoginStringClaim_'),
    unsecuredLifetimeSeconds: jaas.unsecuredLoginLifetimeSeconds ? Number(jaas.unsecuredLoginLifetimeSeconds) : undefined,
    refreshWindowFactor: num('sasl.login.refresh.window.factor'),
    refreshMinPeriodSeconds: num('sasl.login.refresh.min.period.seconds'),
    refreshBufferSeconds: num('sasl.login.refresh.buffer.seconds'),
    requestTimeoutMs: connect + read,
    log,
  };
  // A file: URL names a file holding the JWT itself (Kafka's FileJwtRetriever): no client credentials.
  if (options.tokenEndpoint && !/^file:/i.test(options.tokenEndpoint) && (options.clientId === undefined || options.clientSecret === undefined)) {
    throw new UsageError(
      'OAUTHBEARER with a token endpoint needs a client id and secret',
      'set clientId and clientSecret in sasl.jaas.config, or sasl.oauthbearer.client.credentials.client.id and .client.secret',
    );
  }
  if (p.has('ssl.truststore.location') || p.has('ssl.truststore.certificates')) {
    const ca = tlsOptions(p).ca;
    if (ca) options.ca = ca as string[];
  }
  return options;
}

/** username/password out of a `sasl.jaas.config` line (PlainLoginModule / ScramLoginModule). */
export function parseJaas(jaas: string): { username?: string; password?: string } {
  const pick = (key: string) => {
    const m = new RegExp(`\\b${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)'|([^\\s;]+))`).exec(jaas);
    if (!m) return undefined;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]);
  };
  return { username: pick('username'), password: pick('password') };
}

/**
 * PEM text as Kafka accepts it in a .properties value, where continuation lines lose their
 * newlines: the base64 body is re-wrapped so that OpenSSL reads it.
 */
export function normalizePem(text: string): string {
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
  if (blocks.length === 0) return text;
  return blocks
    .map(([, label, body]) => {
      const b64 = body.replace(/\s+/g, '');
      return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
    })
    .join('');
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new KfkError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

export function tlsOptions(p: Map<string, string>): TlsOptions {
  const tls: TlsOptions = {};
  const trustType = (p.get('ssl.truststore.type') ?? '').toUpperCase();
  if (p.has('ssl.truststore.certificates')) {
    tls.ca = [normalizePem(p.get('ssl.truststore.certificates')!)];
  } else if (p.has('ssl.truststore.location')) {
    const loc = p.get('ssl.truststore.location')!;
    if (trustType && trustType !== 'PEM') {
      throw new UsageError(
        `ssl.truststore.type ${trustType} is not supported: use a PEM file`,
        'convert with: keytool -exportcert -rfc -keystore <jks> -alias <alias> > ca.pem',
      );
    }
    const pem = readPem(loc, 'truststore');
    if (!pem.includes('-----BEGIN')) throw new UsageError(`truststore ${loc} is not a PEM file: set ssl.truststore.type=PEM and point to PEM certificates`);
    tls.ca = [pem];
  }
  const keyType = (p.get('ssl.keystore.type') ?? '').toUpperCase();
  if (p.has('ssl.keystore.certificate.chain') || p.has('ssl.keystore.key')) {
    const chain = p.get('ssl.keystore.certificate.chain');
    const key = p.get('ssl.keystore.key');
    if (chain) tls.cert = normalizePem(chain);
    if (key) tls.key = normalizePem(key);
    if (p.has('ssl.key.password')) tls.passphrase = p.get('ssl.key.password');
  } else if (p.has('ssl.keystore.location')) {
    const loc = p.get('ssl.keystore.location')!;
    if (keyType === 'PKCS12' || /\.(p12|pfx)$/i.test(loc)) {
      tls.pfx = readFileSync(loc);
      tls.passphrase = p.get('ssl.keystore.password');
    } else if (keyType === 'PEM' || keyType === '') {
      const pem = readPem(loc, 'keystore');
      tls.cert = pem;
      tls.key = pem;
      if (p.has('ssl.key.password')) tls.passphrase = p.get('ssl.key.password');
    } else {
      throw new UsageError(`ssl.keystore.type ${keyType} is not supported: use PEM or PKCS12`);
    }
  }
  // Kafka's way to turn host name verification off is an empty algorithm. Certificate chain
  // verification stays on: there is no silent "trust anything".
  if (p.has('ssl.endpoint.identification.algorithm') && p.get('ssl.endpoint.identification.algorithm')!.trim() === '') {
    tls.checkServerIdentity = () => undefined;
  }
  if (p.get('kfk.ssl.insecure') === 'true') tls.rejectUnauthorized = false;
  if (!tls.ca) {
    const extra = deferredExtraCaCerts();
    if (extra) tls.ca = extra;
  }
  return tls;
}

/**
 * Node's default trust with the certificates of NODE_EXTRA_CA_CERTS added, when kfk was started
 * by its bin/ shell lines, which keep Node from loading that file at every start (bin/launch.js).
 * Undefined when Node loaded it itself, or there is none. As with Node, an explicit truststore
 * replaces the default trust, extra certificates included, and a file that cannot be read is
 * ignored with a warning.
 */
export function deferredExtraCaCerts(): string[] | undefined {
  const file = (process as unknown as Record<symbol, string | undefined>)[Symbol.for('kfk.extraCaCerts')];
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`kfk: warning: ignoring extra certs from ${file} (NODE_EXTRA_CA_CERTS): ${(err as NodeJS.ErrnoException).code ?? 'cannot read'}\n`);
    return undefined;
  }
  const { rootCertificates } = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');
  return [...rootCertificates, pem];
}

export function connectionOptions(config: ResolvedConfig, log?: (line: string) => void): ConnectionOptions {
  const p = config.properties;
  const protocol = (p.get('security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new UsageError(`invalid security.protocol '${protocol}': expected one of ${PROTOCOLS.join(', ')}`);
  }
  const options: ConnectionOptions = {
    brokers: config.bootstrapServers,
    ...(config.controllers ? { controllers: true } : {}),
    clientId: p.get('client.id') ?? 'kfk',
    connectionTimeout: Math.min(config.timeoutMs, 5000),
    requestTimeout: config.timeoutMs,
    verbose: config.verbose,
    log,
  };
  if (protocol === 'SSL' || protocol === 'SASL_SSL') options.ssl = tlsOptions(p);
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    const mechName = (p.get('sasl.mechanism') ?? 'GSSAPI').toUpperCase();
    if (mechName === 'OAUTHBEARER') {
      options.sasl = { mechanism: 'oauthbearer', oauth: oauthOptions(p, config.verbose ? log : undefined) };
      return options;
    }
    const mechanism = MECHANISMS[mechName];
    if (!mechanism) {
      throw new UsageError(`unsupported sasl.mechanism '${mechName}': expected PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`);
    }
    const jaas = p.has('sasl.jaas.config') ? parseJaas(p.get('sasl.jaas.config')!) : {};
    const username = p.get('sasl.username') ?? jaas.username;
    const password = p.get('sasl.password') ?? jaas.password;
    if (username === undefined || password === undefined) {
      throw new UsageError(
        `${protocol} needs a username and password`,
        'set sasl.jaas.config, or sasl.username and sasl.password (KFK_SASL_USERNAME / KFK_SASL_PASSWORD)',
      );
    }
    // A delegation token (kfk token create): its id and HMAC as username and password, and
    // tokenauth="true" in the JAAS line, as Kafka's ScramLoginModule takes it.
    const tokenauth = mechanism !== 'plain' && p.has('sasl.jaas.config') && jaasOptions(p.get('sasl.jaas.config')!).tokenauth?.toLowerCase() === 'true';
    options.sasl = tokenauth ? { mechanism, username, password, tokenauth } : { mechanism, username, password };
  } else if (p.has('sasl.mechanism') || p.has('sasl.jaas.config')) {
    // Not an error in Kafka either, but almost always a forgotten security.protocol.
  }
  return options;
}
