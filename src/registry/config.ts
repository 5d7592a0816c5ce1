// Where kfk finds a Schema Registry and how it talks to it, from (highest first) the
// --schema-registry-url flag, KFK_SCHEMA_REGISTRY_URL, the client properties (Confluent's names:
// schema.registry.url, basic.auth.*, bearer.auth.*, schema.registry.ssl.*; from --command-config,
// the command's own property flags or a profile's properties), a profile's `schema-registry-url`,
// and last the registry of `kfk local start --schema-registry` when it runs.
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { UsageError } from '../errors.js';
import type { Properties } from '../config/properties.js';

export interface RegistryConfig {
  /** Base URLs (Confluent's list form), without credentials. */
  urls: string[];
  /** From where the URL came: shown by --verbose, never with a secret. */
  source: string;
  /** `Authorization` header value, if any (never printed). */
  authorization?: string;
  tls: TlsOptions;
  timeoutMs: number;
}

export interface RegistryInput {
  flag?: string;
  env: NodeJS.ProcessEnv;
  properties: Properties;
  profileUrl?: string;
  localUrl?: () => string | undefined;
  timeoutMs: number;
  tlsOptions: (p: Properties) => TlsOptions;
}

/** A URL as it may be shown: user info removed. */
export function displayUrl(url: string): string {
  return url.replace(/^(https?:\/\/)[^@/]*@/i, '$1');
}

export function registryConfig(i: RegistryInput): RegistryConfig | undefined {
  const p = i.properties;
  let raw: string | undefined;
  let source = '';
  if (i.flag !== undefined) [raw, source] = [i.flag, '--schema-registry-url'];
  else if (i.env.KFK_SCHEMA_REGISTRY_URL) [raw, source] = [i.env.KFK_SCHEMA_REGISTRY_URL, 'KFK_SCHEMA_REGISTRY_URL'];
  else if (p.has('schema.registry.url')) [raw, source] = [p.get('schema.registry.url')!, 'schema.registry.url'];
  else if (i.profileUrl) [raw, source] = [i.profileUrl, 'profile schema-registry-url'];
  else {
    const local = i.localUrl?.();
    if (local) [raw, source] = [local, 'kfk local'];
  }
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new UsageError(`empty Schema Registry URL (from ${source})`);
  let urlInfo: string | undefined;
  const urls = list.map((u) => {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new UsageError(`invalid Schema Registry URL '${displayUrl(u)}' (from ${source}): expected http(s)://host:port[/path]`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new UsageError(`invalid Schema Registry URL '${displayUrl(u)}' (from ${source}): expected http or https`);
    }
    if (parsed.username) urlInfo = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/+$/, '');
  });

  // Credentials, as Confluent's serializers take them.
  let authorization: string | undefined;
  const basicSource = (p.get('basic.auth.credentials.source') ?? (p.has('basic.auth.user.info') ? 'USER_INFO' : urlInfo ? 'URL' : '')).trim().toUpperCase();
  if (basicSource === 'USER_INFO') {
    const info = p.get('basic.auth.user.info') ?? p.get('schema.registry.basic.auth.user.info');
    if (!info) throw new UsageError('basic.auth.credentials.source=USER_INFO needs basic.auth.user.info (user:password)');
    authorization = 'Basic ' + Buffer.from(info).toString('base64');
  } else if (basicSource === 'URL') {
    if (!urlInfo) throw new UsageError('basic.auth.credentials.source=URL needs user:password@ in schema.registry.url');
    authorization = 'Basic ' + Buffer.from(urlInfo).toString('base64');
  } else if (basicSource === 'SASL_INHERIT') {
    const user = p.get('sasl.username');
    const pass = p.get('sasl.password');
    if (!user || pass === undefined) throw new UsageError('basic.auth.credentials.source=SASL_INHERIT needs the SASL user name and password');
    authorization = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  } else if (basicSource !== '') {
    throw new UsageError(`invalid basic.auth.credentials.source '${p.get('basic.auth.credentials.source')}': expected USER_INFO, URL or SASL_INHERIT`);
  }
  const bearerSource = (p.get('bearer.auth.credentials.source') ?? (p.has('bearer.auth.token') ? 'STATIC_TOKEN' : '')).trim().toUpperCase();
  if (bearerSource) {
    if (authorization) throw new UsageError('configure either basic.auth.* or bearer.auth.* for the Schema Registry, not both');
    if (bearerSource !== 'STATIC_TOKEN') throw new UsageError(`bearer.auth.credentials.source '${p.get('bearer.auth.credentials.source')}' is not supported: use STATIC_TOKEN with bearer.auth.token`);
    const token = p.get('bearer.auth.token') ?? i.env.KFK_SCHEMA_REGISTRY_TOKEN;
    if (!token) throw new UsageError('bearer.auth.credentials.source=STATIC_TOKEN needs bearer.auth.token');
    authorization = 'Bearer ' + token.trim();
  }

  // TLS: schema.registry.ssl.* read like the Kafka client's ssl.* (PEM or PKCS12, verified).
  const sslProps: Properties = new Map();
  for (const [k, v] of p) if (k.startsWith('schema.registry.ssl.')) sslProps.set(k.slice('schema.registry.'.length), v);
  const tls = urls.some((u) => u.startsWith('https:')) ? i.tlsOptions(sslProps) : {};
  return { urls, source, authorization, tls, timeoutMs: i.timeoutMs };
}
