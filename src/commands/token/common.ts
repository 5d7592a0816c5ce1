// What the `kfk token` commands share: principals as Kafka parses them, the HMAC from a file or
// the environment (never a flag of kfk's own: it is the token's password), and a broker's
// refusal in kfk's words or, for the drop-in, in the tool's.
import { readFileSync } from 'node:fs';
import type { IO } from '../../cli/io.js';
import { KfkError, UsageError } from '../../errors.js';
import type { Principal } from '../../kafka/admin/tokens.js';
import { javaExceptionText, kafkaErrorMessage } from '../../kafka/wire/error-codes.js';

/** SecurityUtils.parseKafkaPrincipal: `type:name`, split at the first colon. */
export function principals(values: readonly string[] | undefined, kafkaText: boolean): Principal[] {
  return (values ?? []).map((v) => {
    const text = v.trim();
    const at = text.indexOf(':');
    if (at < 0) {
      if (kafkaText) throw new KfkError(`expected a string in format principalType:principalName but got ${text}`, { verbatim: true });
      throw new UsageError(`invalid principal '${text}': expected principalType:name, as User:alice`);
    }
    return { type: text.slice(0, at), name: text.slice(at + 1) };
  });
}

/** A period flag: a whole number of ms, or -1. */
export function periodMs(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`invalid --${flag} '${value}': expected a whole number of ms (-1: the cluster's default)`);
  return Number(value.trim());
}

/** The token's HMAC (base64) from --hmac-file (first line; '-': stdin), --hmac-env or the drop-in's --hmac. */
export async function readHmac(io: IO, opts: { hmacFile?: string; hmacEnv?: string; kafkaHmac?: string }): Promise<{ text: string; bytes: Buffer }> {
  let text: string;
  if (opts.kafkaHmac !== undefined) {
    text = opts.kafkaHmac;
    // Java's Base64 decoder: the standard alphabet, padding optional; anything else is refused.
    const bad = /[^A-Za-z0-9+/=]/.exec(text);
    if (bad) throw new KfkError(`Illegal base64 character ${bad[0].charCodeAt(0).toString(16)}`, { verbatim: true });
    return { text, bytes: Buffer.from(text, 'base64') };
  }
  if ((opts.hmacFile === undefined) === (opts.hmacEnv === undefined)) throw new UsageError("give the token's HMAC with --hmac-file <file> or --hmac-env <variable> (one of them)");
  if (opts.hmacEnv !== undefined) {
    const v = io.env[opts.hmacEnv];
    if (v === undefined) throw new UsageError(`--hmac-env: the environment variable ${opts.hmacEnv} is not set`);
    text = v;
  } else if (opts.hmacFile === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(Buffer.from(c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(opts.hmacFile!, 'utf8');
    } catch (err) {
      throw new KfkError(`cannot read --hmac-file ${opts.hmacFile}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  text = text.split(/\r?\n/)[0].trim();
  if (text === '') throw new UsageError("the token's HMAC is empty");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new UsageError("the token's HMAC is not base64 (as kfk token create and kafka-delegation-tokens print it)");
  return { text, bytes: Buffer.from(text, 'base64') };
}

const HINTS: Record<number, string> = {
  61: 'the brokers and controllers need delegation.token.secret.key (the same on every node)',
  64: 'connect with SASL (or SSL with client certificates) as a user, not with a token: --command-config with security.protocol=SASL_PLAINTEXT or SASL_SSL',
  66: 'a token past its expiry is gone: create a new one',
};

/** A broker's error code as kfk says it, or as the tool prints it (`class: message`) for the drop-in. */
export function tokenFailure(err: unknown, kafkaText: boolean): unknown {
  const code = (err as { errorCode?: number }).errorCode;
  if (code === undefined) return err;
  if (kafkaText) return new KfkError(javaExceptionText(code, (err as Error).message), { verbatim: true });
  return new KfkError(kafkaErrorMessage(code, (err as Error).message), HINTS[code] ? { hint: HINTS[code] } : {});
}
