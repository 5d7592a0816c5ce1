// Kafka's error codes in one table, each with what it means for a retry. The codes, names and
// Java exceptions come from Kafka's own Errors enum (./kafka-errors.ts, generated); where a
// drop-in prints an error as Kafka's Java tools do, it prints that exception and its message.
import { KAFKA_ERRORS } from './kafka-errors.js';

/** What a client does about an error. */
export type RetryClass =
  /** The partition's leader moved or is unknown: ask for metadata again, then retry. */
  | 'leader'
  /** A passing state of the broker: retry the same request after a backoff. */
  | 'retry'
  /** The group or transaction coordinator moved or is loading: find it again, join again. */
  | 'coordinator'
  /** Retrying does not help. */
  | 'fatal';

export type ErrorName = (typeof KAFKA_ERRORS)[number][1];

/** The errors kfk retries, by how; every other code is fatal. */
const RETRIED: Record<Exclude<RetryClass, 'fatal'>, readonly ErrorName[]> = {
  leader: [
    'UNKNOWN_TOPIC_OR_PARTITION',
    'LEADER_NOT_AVAILABLE',
    'NOT_LEADER_OR_FOLLOWER',
    'REPLICA_NOT_AVAILABLE',
    'KAFKA_STORAGE_ERROR',
    'FENCED_LEADER_EPOCH',
    'UNKNOWN_LEADER_EPOCH',
    'UNKNOWN_TOPIC_ID',
  ],
  retry: ['REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
  coordinator: ['COORDINATOR_LOAD_IN_PROGRESS', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR'],
};

interface ErrorEntry {
  code: number;
  retry: RetryClass;
  /** The Java exception's class name and message. */
  java: readonly [string, string];
}

const retryOf = new Map<string, RetryClass>(Object.entries(RETRIED).flatMap(([cls, names]) => names.map((n) => [n, cls as RetryClass] as const)));
export const ERRORS: Record<ErrorName, ErrorEntry> = Object.fromEntries(
  KAFKA_ERRORS.map(([code, name, cls, message]): [string, ErrorEntry] => [name, { code, retry: retryOf.get(name) ?? 'fatal', java: [cls, message] }]),
) as Record<ErrorName, ErrorEntry>;

const byCode = new Map<number, ErrorEntry & { name: ErrorName }>(KAFKA_ERRORS.map(([code, name]) => [code, { ...ERRORS[name], name }]));

/** The retry class of a code (unknown codes: fatal). */
export function retryClass(code: number): RetryClass {
  return byCode.get(code)?.retry ?? 'fatal';
}

/** The codes of one retry class, or of the named errors: for the hot paths' Set lookups. */
export function codes(of: RetryClass | ErrorName[]): Set<number> {
  if (Array.isArray(of)) return new Set(of.map((n) => ERRORS[n].code));
  return new Set([...byCode].filter(([, e]) => e.retry === of).map(([code]) => code));
}

/** Kafka's message for the code (`The group is not empty.`), or `fallback`. */
export function kafkaErrorMessage(code: number, fallback: string): string {
  return byCode.get(code)?.java?.[1] ?? fallback;
}

/** The exception as a Java tool prints it (`org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.`), or `fallback`. */
export function javaExceptionText(code: number, fallback: string): string {
  const java = byCode.get(code)?.java;
  return java ? `${java[0]}: ${java[1]}` : fallback;
}

/** The simple name of the exception Kafka's Java client raises for a code (kafka-acls prints it with the broker's message), when known. */
export function javaExceptionName(code: number): string | undefined {
  return byCode.get(code)?.java[0].split('.').pop();
}

/** The exception's class name (`org.apache.kafka.common.errors.KafkaStorageException`), or `fallback`. */
export function javaExceptionClass(code: number, fallback: string): string {
  const java = byCode.get(code)?.java;
  return java ? java[0] : fallback;
}

/** A Java Throwable's text with the broker's own message: `class: message` (the class alone without one). */
export function javaException(code: number, message: string | null, fallbackClass: string): string {
  const cls = javaExceptionClass(code, fallbackClass);
  return message ? `${cls}: ${message}` : cls;
}
