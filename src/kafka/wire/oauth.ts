// SASL/OAUTHBEARER tokens, as Kafka's Java client gets them (OAuthBearerLoginCallbackHandler): a
// client-credentials grant at the token endpoint, HTTP Basic with the client id and secret, the
// token kept and fetched again before it expires (sasl.login.refresh.*). Without a token endpoint,
// an unsecured token as OAuthBearerUnsecuredLoginCallbackHandler makes one (for brokers that use
// the unsecured validator, in development). The secret and the token never reach a log line.
//
// The client does not check the token's signature (the broker does); it reads the JWT's claims
// (exp, iat, sub) to know when to refresh, as Kafka's client does.
//
// A `file:` token endpoint URL names a file that holds the JWT itself (Kafka 4.x's
// FileJwtRetriever): read at login and read again at every refresh (Kafka re-reads it when its
// modification time changed), trimmed, and it must be a JWT.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KfkError } from '../../errors.js';

export interface OAuthOptions {
  /** sasl.oauthbearer.token.endpoint.url; undefined: an unsecured token. */
  tokenEndpoint?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  /** sasl.oauthbearer.header.urlencode: URL-encode the id and secret in the Basic header. */
  urlencodeHeader?: boolean;
  /** sasl.oauthbearer.sub.claim.name (default sub). */
  subClaim?: string;
  /** SASL extensions (JAAS extension_<name>="value"). */
  extensions?: Record<string, string>;
  /** Unsecured tokens: the claims (unsecuredLoginStringClaim_sub, ...) and lifetime. */
  unsecuredClaims?: Record<string, string>;
  unsecuredLifetimeSeconds?: number;
  /** sasl.login.refresh.window.factor (0.8), .min.period.seconds (60), .buffer.seconds (300). */
  refreshWindowFactor?: number;
  refreshMinPeriodSeconds?: number;
  refreshBufferSeconds?: number;
  /** sasl.login.connect.timeout.ms + sasl.login.read.timeout.ms bound on one token request. */
  requestTimeoutMs?: number;
  /** CA certificates for an https token endpoint (the client's truststore). */
  ca?: string[];
  log?: (line: string) => void;
}

export interface OAuthToken {
  value: string;
  extensions?: Record<string, string>;
}

interface Held {
  value: string;
  /** When to fetch the next one, ms since the epoch. */
  refreshAt: number;
  expiresAt: number;
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** The claims of a JWT (its payload), or undefined when the token is not a JWT. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When to refresh, as Kafka's ExpiringCredentialRefreshingLogin decides: at the window factor
 * of the lifetime, no sooner than the minimum period, and at least the buffer before expiry.
 */
export function refreshTime(issuedAt: number, expiresAt: number, o: OAuthOptions): number {
  const lifetime = expiresAt - issuedAt;
  let at = issuedAt + lifetime * (o.refreshWindowFactor ?? 0.8);
  const minPeriod = (o.refreshMinPeriodSeconds ?? 60) * 1000;
  const buffer = (o.refreshBufferSeconds ?? 300) * 1000;
  // Kafka drops the buffer and the minimum period when the token lives too short for them.
  if (lifetime > minPeriod + buffer) at = Math.min(Math.max(at, issuedAt + minPeriod), expiresAt - buffer);
  return at;
}

export class OAuthTokenSource {
  private held?: Held;
  private pending?: Promise<Held>;
  constructor(readonly options: OAuthOptions) {}

  /** What kafkajs' oauthBearerProvider returns: the current token, fetched again when due. */
  async token(): Promise<OAuthToken> {
    const now = Date.now();
    if (!this.held || now >= this.held.refreshAt) {
      this.pending ??= this.fetch().finally(() => (this.pending = undefined));
      try {
        this.held = await this.pending;
      } catch (err) {
        // A refresh that fails while the held token is still valid keeps the held one.
        if (!this.held || Date.now() >= this.held.expiresAt) throw err;
        this.options.log?.(`kfk: OAuth token refresh failed, keeping the current token: ${(err as Error).message}`);
      }
    }
    return { value: this.held!.value, ...(this.options.extensions && Object.keys(this.options.extensions).length ? { extensions: this.options.extensions } : {}) };
  }

  private async fetch(): Promise<Held> {
    const o = this.options;
    if (!o.tokenEndpoint) return this.unsecured();
    if (/^file:/i.test(o.tokenEndpoint)) return this.fromFile(o.tokenEndpoint);
    const started = Date.now();
    const body = new URLSearchParams({ grant_type: 'client_credentials', ...(o.scope ? { scope: o.scope } : {}) }).toString();
    const enc = (s: string) => (o.urlencodeHeader ? encodeURIComponent(s) : s);
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
    if (o.clientId !== undefined) headers.Authorization = 'Basic ' + Buffer.from(`${enc(o.clientId)}:${enc(o.clientSecret ?? '')}`).toString('base64');
    const { status, text } = await post(o.tokenEndpoint, headers, body, o.requestTimeoutMs ?? 10_000, o.ca);
    const where = `the token endpoint ${o.tokenEndpoint}`;
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: reported below
    }
    if (status !== 200) {
      const reason = typeof json.error === 'string' ? `${json.error}${typeof json.error_description === 'string' ? `: ${json.error_description}` : ''}` : `HTTP ${status}`;
      throw new KfkError(`OAuth token request refused by ${where}: ${reason}`, { hint: status === 401 ? 'check the client id and secret' : undefined });
    }
    const value = json.access_token;
    if (typeof value !== 'string' || value === '') throw new KfkError(`no access_token in the answer of ${where}`);
    const claims = jwtClaims(value);
    const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in);
    return this.checked(value, claims, started, Number.isFinite(expiresIn) ? started + expiresIn * 1000 : NaN, `from ${where}`);
  }

  /** The token's expiry and refresh time from its claims (or the endpoint's expires_in), checked. */
  private checked(value: string, claims: Record<string, unknown> | undefined, started: number, expiresFallback: number, from: string): Held {
    const o = this.options;
    const exp = typeof claims?.exp === 'number' ? claims.exp * 1000 : expiresFallback;
    if (!Number.isFinite(exp)) throw new KfkError(`the token ${from} has no expiry (no exp claim, no expires_in)`);
    if (exp <= Date.now()) throw new KfkError(`the token ${from} has already expired (exp ${new Date(exp).toISOString()})`);
    const sub = claims?.[o.subClaim ?? 'sub'];
    if (claims && (typeof sub !== 'string' || sub === '')) throw new KfkError(`the token ${from} has no '${o.subClaim ?? 'sub'}' claim`);
    const iat = typeof claims?.iat === 'number' ? claims.iat * 1000 : started;
    o.log?.(`kfk: OAuth token for ${typeof sub === 'string' ? sub : 'the client'} ${from}, valid until ${new Date(exp).toISOString()}`);
    return { value, expiresAt: exp, refreshAt: refreshTime(iat, exp, o) };
  }

  /** The JWT in the file a `file:` URL names, as Kafka's FileJwtRetriever reads it. */
  private fromFile(url: string): Held {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      throw new KfkError(`invalid sasl.oauthbearer.token.endpoint.url '${url}'`, { exitCode: 2 });
    }
    const started = Date.now();
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new KfkError(`cannot read the OAuth token file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'error')}`);
    }
    const value = text.trim();
    const claims = jwtClaims(value);
    if (!claims) throw new KfkError(`the OAuth token file ${path} does not hold a JWT`);
    return this.checked(value, claims, started, NaN, `in ${path}`);
  }

  private unsecured(): Held {
    const o = this.options;
    const now = Date.now();
    const lifetime = (o.unsecuredLifetimeSeconds ?? 3600) * 1000;
    const claims: Record<string, unknown> = { ...(o.unsecuredClaims ?? {}), iat: Math.floor(now / 1000), exp: Math.floor((now + lifetime) / 1000) };
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw new KfkError('OAUTHBEARER needs sasl.oauthbearer.token.endpoint.url, or unsecuredLoginStringClaim_sub in sasl.jaas.config for an unsecured token');
    }
    return { value: `${b64url({ alg: 'none' })}.${b64url(claims)}.`, expiresAt: now + lifetime, refreshAt: refreshTime(now, now + lifetime, o) };
  }
}

function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, ca?: string[]): Promise<{ status: number; text: string }> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new KfkError(`invalid sasl.oauthbearer.token.endpoint.url '${url}'`, { exitCode: 2 });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new KfkError(`sasl.oauthbearer.token.endpoint.url must be http or https: ${url}`, { exitCode: 2 });
  return new Promise((resolve, reject) => {
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(u, { method: 'POST', headers, timeout: timeoutMs, ...(ca && u.protocol === 'https:' ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (d: Buffer) => {
        size += d.length;
        if (size > 1 << 20) req.destroy(new Error('answer larger than 1 MB'));
        else chunks.push(d);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(new KfkError(`cannot get an OAuth token from ${url}: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`)));
    req.end(body);
  });
}
