// Every failure a user sees is a KfkError: one line on stderr, an exit code, an optional hint.
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** What Kafka's admin client says of an API a controller's listener does not serve (--bootstrap-controller). */
export const CONTROLLER_UNSUPPORTED = 'This Admin API is not yet supported when communicating directly with the controller quorum.';

export class KfkError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  /** When set, the line is printed exactly as given (Kafka-identical wording), without the `kfk: ` prefix. */
  readonly verbatim: boolean;

  constructor(message: string, options: { exitCode?: number; hint?: string; cause?: unknown; verbatim?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KfkError';
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
    this.hint = options.hint;
    this.verbatim = options.verbatim ?? false;
  }
}

/** A broker id the cluster does not have (Kafka's admin client waits for it, then times out). */
export class UnknownBrokerError extends KfkError {
  readonly broker: number;
  constructor(broker: number) {
    super(`broker ${broker} is not in the cluster`);
    this.name = 'UnknownBrokerError';
    this.broker = broker;
  }
}

/** Bad flags or arguments: exit 2. */
export class UsageError extends KfkError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: EXIT_USAGE, hint });
    this.name = 'UsageError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
