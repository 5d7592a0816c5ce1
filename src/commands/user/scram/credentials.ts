// What `kfk user scram set|delete` change, from kfk's flags or from kafka-configs' own
// `--add-config 'SCRAM-SHA-256=[iterations=8192,password=...]'` and `--delete-config SCRAM-SHA-256`
// (the drop-in), checked as ConfigCommand checks them; and how a failure is reported.
import type { IO } from '../../../cli/io.js';
import { readSecret } from '../../../cli/secret-input.js';
import { KfkError, UsageError } from '../../../errors.js';
import { splitOutside } from '../../../format/topic-pattern.js';
import { javaException } from '../../../kafka/wire/error-codes.js';
import { ScramCredentialError, type ScramMechanismName, type ScramSet } from '../../../kafka/admin/scram.js';

/** ConfigCommand's default, and ScramMechanism's minimum for both mechanisms. */
export const DEFAULT_ITERATIONS = 4096;
const MIN_ITERATIONS = 4096;
const MECHANISMS: readonly string[] = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];

export interface ScramChange {
  deletions: Array<{ user: string; mechanism: ScramMechanismName }>;
  sets: ScramSet[];
}

function checkIterations(iterations: number, mechanism: string): void {
  if (iterations < MIN_ITERATIONS) throw new KfkError(`Iterations ${iterations} is less than the minimum ${MIN_ITERATIONS} required for ${mechanism}`, { verbatim: true });
}

/** kafka-configs' --add-config and --delete-config for one user (keys already known to be SCRAM mechanisms). */
export function kafkaScramChange(user: string, add: string | undefined, del: string | undefined): ScramChange {
  const deletions = (del ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '').map((mechanism) => ({ user, mechanism: mechanism as ScramMechanismName }));
  const sets: ScramSet[] = [];
  // As kafka-configs: pairs split on commas outside brackets, the brackets taken off the value.
  for (const pair of splitOutside(add ?? '', '[', ']').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    const mechanism = pair.slice(0, eq);
    const value = pair.slice(eq + 1).replace(/^\[(.*)\]$/s, '$1');
    if (!MECHANISMS.includes(mechanism)) continue;
    const m = /^(?:iterations=(-?[0-9]*),)?password=(.*)$/.exec(value);
    // Kafka names the mechanism by its enum constant here (SCRAM_SHA_256).
    if (!m) throw new KfkError(`Invalid credential property ${mechanism.replace(/-/g, '_')}=${value}`, { verbatim: true });
    const iterations = m[1] === undefined || m[1] === '-1' ? DEFAULT_ITERATIONS : Number.parseInt(m[1], 10);
    if (!Number.isFinite(iterations)) throw new KfkError(`For input string: "${m[1]}"`, { verbatim: true });
    checkIterations(iterations, mechanism);
    sets.push({ user, mechanism: mechanism as ScramMechanismName, iterations, password: m[2] });
  }
  return { deletions, sets };
}

/** --iterations as kfk takes it: a whole number, at least the minimum. */
export function iterationsFlag(text: string | undefined, mechanism: string): number {
  if (text === undefined) return DEFAULT_ITERATIONS;
  if (!/^\d+$/.test(text)) throw new UsageError(`invalid --iterations '${text}': expected a whole number`);
  const n = Number(text);
  if (n < MIN_ITERATIONS) throw new UsageError(`--iterations ${n} is less than the minimum ${MIN_ITERATIONS} required for ${mechanism}`);
  return n;
}

/** The password from --password-file (first line; '-' reads standard input) or --password-env; never from a flag's value. */
export function readPassword(io: IO, opts: { passwordFile?: string; passwordEnv?: string }): Promise<string> {
  return readSecret(io, { file: opts.passwordFile, env: opts.passwordEnv }, 'password', 'the password');
}

/** A broker's refusal: kafka-configs' line for the drop-in, kfk's own otherwise. */
export function scramFailure(err: unknown, kafkaWording: boolean, what: string): unknown {
  if (!(err instanceof ScramCredentialError)) return err;
  if (kafkaWording) return new KfkError(`java.util.concurrent.ExecutionException: ${javaException(err.code, err.message, 'org.apache.kafka.common.KafkaException')}`, { verbatim: true });
  return new KfkError(`${what}: ${err.message}`);
}
