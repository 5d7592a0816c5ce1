// Kafka's error codes that kfk acts on, in one table, each with what it means for a retry.
// (Names as in Kafka's Errors.java; kafkajs' createErrorFromCode gives the messages.)

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

export const ERRORS = {
  OFFSET_OUT_OF_RANGE: { code: 1, retry: 'fatal' },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retry: 'leader' },
  LEADER_NOT_AVAILABLE: { code: 5, retry: 'leader' },
  NOT_LEADER_OR_FOLLOWER: { code: 6, retry: 'leader' },
  REQUEST_TIMED_OUT: { code: 7, retry: 'retry' },
  REPLICA_NOT_AVAILABLE: { code: 9, retry: 'leader' },
  MESSAGE_TOO_LARGE: { code: 10, retry: 'fatal' },
  NETWORK_EXCEPTION: { code: 13, retry: 'retry' },
  COORDINATOR_LOAD_IN_PROGRESS: { code: 14, retry: 'coordinator' },
  COORDINATOR_NOT_AVAILABLE: { code: 15, retry: 'coordinator' },
  NOT_COORDINATOR: { code: 16, retry: 'coordinator' },
  RECORD_LIST_TOO_LARGE: { code: 18, retry: 'fatal' },
  NOT_ENOUGH_REPLICAS: { code: 19, retry: 'retry' },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: { code: 20, retry: 'retry' },
  TOPIC_AUTHORIZATION_FAILED: { code: 29, retry: 'fatal' },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, retry: 'retry' },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, retry: 'fatal' },
  INVALID_PRODUCER_EPOCH: { code: 47, retry: 'fatal' },
  INVALID_TXN_STATE: { code: 48, retry: 'fatal' },
  INVALID_PRODUCER_ID_MAPPING: { code: 49, retry: 'fatal' },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: { code: 53, retry: 'fatal' },
  KAFKA_STORAGE_ERROR: { code: 56, retry: 'leader' },
  UNKNOWN_PRODUCER_ID: { code: 59, retry: 'fatal' },
  FENCED_LEADER_EPOCH: { code: 74, retry: 'leader' },
  UNKNOWN_LEADER_EPOCH: { code: 75, retry: 'leader' },
  PRODUCER_FENCED: { code: 90, retry: 'fatal' },
  UNKNOWN_TOPIC_ID: { code: 100, retry: 'leader' },
} as const satisfies Record<string, { code: number; retry: RetryClass }>;

export type ErrorName = keyof typeof ERRORS;

const byCode = new Map<number, { name: ErrorName; retry: RetryClass }>(
  (Object.entries(ERRORS) as Array<[ErrorName, { code: number; retry: RetryClass }]>).map(([name, e]) => [e.code, { name, retry: e.retry }]),
);

/** The retry class of a code (unknown codes: fatal). */
export function retryClass(code: number): RetryClass {
  return byCode.get(code)?.retry ?? 'fatal';
}

/** The codes of one retry class, or of the named errors: for the hot paths' Set lookups. */
export function codes(of: RetryClass | ErrorName[]): Set<number> {
  if (Array.isArray(of)) return new Set(of.map((n) => ERRORS[n].code));
  return new Set([...byCode].filter(([, e]) => e.retry === of).map(([code]) => code));
}
