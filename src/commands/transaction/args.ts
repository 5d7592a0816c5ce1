// What the transaction subcommands share in reading their flags.
import { KfkError, UsageError } from '../../errors.js';

/** An integer flag; undefined when not given. */
export function integer(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`invalid ${flag} '${text}': expected an integer`);
  return Number(text);
}

/** A bad combination of flags: kfk's own wording is a usage error; the drop-in's is the tool's line, exit 1. */
export function refusal(kafkaErrors: boolean | undefined): (kafka: string, own: string) => Error {
  return (kafka, own) => (kafkaErrors ? new KfkError(kafka) : new UsageError(own));
}
