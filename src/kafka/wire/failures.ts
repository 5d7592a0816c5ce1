// kafkajs' errors -> one plain line for the user. Connection, TLS and authentication failures
// get their own wording; nothing here ever includes credentials.
import { KfkError, errorMessage } from '../../errors.js';

type Chained = { name?: string; code?: string; broker?: unknown; cause?: unknown; originalError?: unknown };

/** An error, then what it wraps (kafkajs' originalError, or cause), each once. */
function* chain(err: unknown): Generator<Chained> {
  const seen = new Set<unknown>();
  for (let e = err as Chained | undefined; e && !seen.has(e); e = (e.originalError ?? e.cause) as Chained | undefined) {
    seen.add(e);
    yield e;
  }
}

function rootCause(err: unknown): unknown {
  let last: unknown;
  for (const e of chain(err)) last = e;
  return last;
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

const NET_CODES = new Set(['KFK_NOT_KAFKA', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const CONNECTION_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSSASLAuthenticationError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);

/** Whether an error is about reaching or authenticating to the cluster (not a broker's answer). */
export function isConnectionError(err: unknown): boolean {
  for (const e of chain(err)) {
    if ((e.name && CONNECTION_ERRORS.has(e.name)) || (e.code && (NET_CODES.has(e.code) || TLS_CODES.has(e.code)))) return true;
  }
  return false;
}

/** The address (host:port) of the broker a connection error is about, when the error names one. */
export function failedAddress(err: unknown): string | undefined {
  for (const e of chain(err)) if (typeof e.broker === 'string' && e.broker) return e.broker;
  return undefined;
}

export function connectFailure(err: unknown, servers: string[]): KfkError {
  if (err instanceof KfkError) return err;
  const list = servers.join(',');
  const root = rootCause(err) as { name?: string; code?: string; message?: string; type?: string } | undefined;
  const all = [errorMessage(err), root?.message ?? ''].join(' ');
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'KafkaJSSASLAuthenticationError' || /SASL .*authentication failed|Authentication failed/i.test(all)) {
    const oauth = /OAUTHBEARER/.test(all);
    return new KfkError(`authentication failed for ${list}: ${cleanSaslMessage(errorMessage(err)) || cleanSaslMessage(all)}`, {
      hint: oauth ? "the broker checks the token's signature, audience, issuer and expiry: its log says which failed" : 'check sasl.mechanism, the username and the password',
      cause: err,
    });
  }
  if (root?.code && TLS_CODES.has(root.code)) {
    const reason =
      root.code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? `TLS host name verification failed: ${root.message}`
        : `TLS certificate verification failed: ${(root.message ?? '').replace(/^Connection error: /, '')}`;
    return new KfkError(`cannot connect to ${list}: ${reason}`, {
      hint:
        root.code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'to skip host name verification set ssl.endpoint.identification.algorithm= (empty)'
          : 'set ssl.truststore.location (PEM) to the CA that signed the broker certificate',
      cause: err,
    });
  }
  if (root?.code === 'KFK_NOT_KAFKA') {
    return new KfkError(`cannot connect to ${list}: ${(root.message ?? '').replace(/^Connection error: /, '')}`, { hint: 'check the port: a Kafka listener, with the security.protocol it expects', cause: err });
  }
  if (root?.code === 'ECONNREFUSED') return new KfkError(`cannot connect to ${list}: connection refused`, { cause: err });
  if (root?.code === 'ENOTFOUND' || root?.code === 'EAI_AGAIN') {
    return new KfkError(`cannot connect to ${list}: host not found`, { cause: err });
  }
  if (root?.code === 'ENETUNREACH' || root?.code === 'EHOSTUNREACH') {
    return new KfkError(`cannot connect to ${list}: network unreachable`, { cause: err });
  }
  if (root?.code === 'ECONNRESET' || /Closed connection|ECONNRESET/i.test(all)) {
    return new KfkError(`cannot connect to ${list}: connection closed by the server (wrong security.protocol?)`, { cause: err });
  }
  if (/timed? ?out|timeout/i.test(all)) return new KfkError(`cannot connect to ${list}: timed out`, { cause: err });
  return new KfkError(`cannot connect to ${list}: ${firstLine(root?.message ?? errorMessage(err))}`, { cause: err });
}

function cleanSaslMessage(msg: string): string {
  if (/invalid credentials|Authentication failed during authentication|Invalid username or password/i.test(msg)) return 'invalid credentials';
  const m = /SASL \S+ authentication failed: ([^\n]*)/i.exec(msg);
  return m ? firstLine(m[1]) : 'invalid credentials';
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
