// A secret (a password, a token's HMAC) from a file or an environment variable, never from a
// flag's value: a command line is seen by every user of the machine (ps) and kept in shell history.
import { readFileSync } from 'node:fs';
import type { IO } from './io.js';
import { KfkError, UsageError } from '../errors.js';

export interface SecretSource {
  /** The file given ('-': standard input); its first line is the secret. */
  file?: string;
  /** The environment variable given. */
  env?: string;
}

/**
 * The first line of the file or the variable's value. `flag` names the pair of flags (`password`:
 * --password-file and --password-env), `what` the secret in messages ("the password").
 */
export async function readSecret(io: IO, source: SecretSource, flag: string, what: string): Promise<string> {
  if ((source.file === undefined) === (source.env === undefined)) throw new UsageError(`give ${what} with --${flag}-file <file> or --${flag}-env <variable> (one of them)`);
  let text: string;
  if (source.env !== undefined) {
    const v = io.env[source.env];
    if (v === undefined) throw new UsageError(`--${flag}-env: the environment variable ${source.env} is not set`);
    text = v;
  } else if (source.file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(Buffer.from(c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(source.file!, 'utf8');
    } catch (err) {
      throw new KfkError(`cannot read --${flag}-file ${source.file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  const secret = text.split(/\r?\n/)[0];
  if (secret === '') throw new UsageError(`${what} is empty`);
  return secret;
}
