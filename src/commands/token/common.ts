// What the `kfk token` commands share: principals as Kafka parses them, the HMAC from a file or
// the environment (never a flag of kfk's own: it is the token's password), and a broker's
// refusal in kfk's words or, for the drop-in, in the tool's.
import type { IO } from '../../cli/io.js';
import type { CommandContext } from '../../cli/context.js';
import { render } from '../../cli/output.js';
import { grid } from '../../format/group-text.js';
import { tokenDate } from '../../format/token-text.js';
import { readSecret } from '../../cli/secret-input.js';
import { principalFormatError, splitPrincipal } from '../../format/principal.js';
import { KfkError, UsageError } from '../../errors.js';
import type { Principal } from '../../kafka/admin/tokens.js';
import { javaExceptionText, kafkaErrorMessage } from '../../kafka/wire/error-codes.js';

/** SecurityUtils.parseKafkaPrincipal: `type:name`, split at the first colon. */
export function principals(values: readonly string[] | undefined, kafkaText: boolean): Principal[] {
  return (values ?? []).map((v) => {
    const text = v.trim();
    const p = splitPrincipal(text);
    if (p) return p;
    if (kafkaText) throw new KfkError(principalFormatError(text), { verbatim: true });
    throw new UsageError(`invalid principal '${text}': expected principalType:name, as User:alice`);
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
  text = (await readSecret(io, { file: opts.hmacFile, env: opts.hmacEnv }, 'hmac', "the token's HMAC")).trim();
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

/** What renew and expire take: the HMAC's source, the period, the output. */
export interface TokenTimeFlags {
  hmacFile?: string;
  hmacEnv?: string;
  kafkaHmac?: string;
  kafkaText?: boolean;
  output?: string;
}

/**
 * kafka-delegation-tokens --renew and --expire: RenewDelegationToken or ExpireDelegationToken by
 * the token's HMAC, then its new expiry date. `echoed` is the period's name in the tool's first line.
 */
export async function runTokenTime(ctx: CommandContext, opts: TokenTimeFlags, action: 'renew' | 'expire', flag: string, value: string, echoed: string): Promise<number> {
  const kafkaText = Boolean(opts.kafkaText);
  const period = periodMs(flag, value);
  // The tool echoes the HMAC its command line carried, before it decodes it; kfk's own text does
  // not print it.
  if (kafkaText) await ctx.io.out(`Calling ${action} token operation with hmac :${opts.kafkaHmac} , ${echoed} :${period}\n`);
  const hmac = await readHmac(ctx.io, opts);
  const client = await ctx.kafka();
  const { renewToken, expireToken } = await import('../../kafka/admin/tokens.js');
  let expiry: number;
  try {
    expiry = await ctx.bounded((action === 'renew' ? renewToken : expireToken)(client, hmac.bytes, period));
  } catch (err) {
    throw tokenFailure(err, kafkaText);
  }
  await render(ctx.io, opts.output, expiry, {
    // The tool ends this line without a newline.
    text: (ms) => `Completed ${action} operation. New expiry date : ${tokenDate(ms)}${kafkaText ? '' : '\n'}`,
    table: (ms, style) => grid(['EXPIRES'], [[tokenDate(ms)]], style),
    json: (ms) => ({ expires: new Date(ms).toISOString() }),
  });
  return 0;
}
