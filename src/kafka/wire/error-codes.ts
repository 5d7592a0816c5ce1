// Kafka's error codes that kfk acts on, in one table, each with what it means for a retry.
// (Names as in Kafka's Errors.java; kafkajs' createErrorFromCode gives the messages.) Where a
// drop-in prints the error as Kafka's Java tools do, `java` holds the exception class and Kafka's
// message, checked against Kafka 4.4's kafka-consumer-groups.

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
  OFFSET_OUT_OF_RANGE: { code: 1, retry: 'fatal', java: ['OffsetOutOfRangeException', 'The requested offset is not within the range of offsets maintained by the server.'] },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retry: 'leader', java: ['UnknownTopicOrPartitionException', 'This server does not host this topic-partition.'] },
  LEADER_NOT_AVAILABLE: { code: 5, retry: 'leader', java: ['LeaderNotAvailableException', 'There is no leader for this topic-partition as we are in the middle of a leadership election.'] },
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
  TOPIC_AUTHORIZATION_FAILED: { code: 29, retry: 'fatal', java: ['TopicAuthorizationException', 'Topic authorization failed.'] },
  GROUP_AUTHORIZATION_FAILED: { code: 30, retry: 'fatal', java: ['GroupAuthorizationException', 'Group authorization failed.'] },
  CLUSTER_AUTHORIZATION_FAILED: { code: 31, retry: 'fatal', java: ['ClusterAuthorizationException', 'Cluster authorization failed.'] },
  UNSUPPORTED_VERSION: { code: 35, retry: 'fatal', java: ['UnsupportedVersionException', 'The version of API is not supported.'] },
  SECURITY_DISABLED: { code: 54, retry: 'fatal', java: ['SecurityDisabledException', 'Security features are disabled.'] },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, retry: 'retry' },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, retry: 'fatal' },
  INVALID_PRODUCER_EPOCH: { code: 47, retry: 'fatal' },
  INVALID_TXN_STATE: { code: 48, retry: 'fatal' },
  INVALID_PRODUCER_ID_MAPPING: { code: 49, retry: 'fatal' },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: { code: 53, retry: 'fatal', java: ['TransactionalIdAuthorizationException', 'Transactional Id authorization failed.'] },
  KAFKA_STORAGE_ERROR: { code: 56, retry: 'leader', java: ['KafkaStorageException', 'Disk error when trying to access log file on the disk.'] },
  UNKNOWN_PRODUCER_ID: { code: 59, retry: 'fatal' },
  FENCED_LEADER_EPOCH: { code: 74, retry: 'leader' },
  UNKNOWN_LEADER_EPOCH: { code: 75, retry: 'leader' },
  PRODUCER_FENCED: { code: 90, retry: 'fatal' },
  NON_EMPTY_GROUP: { code: 68, retry: 'fatal', java: ['GroupNotEmptyException', 'The group is not empty.'] },
  GROUP_ID_NOT_FOUND: { code: 69, retry: 'fatal', java: ['GroupIdNotFoundException', 'The group id does not exist.'] },
  GROUP_SUBSCRIBED_TO_TOPIC: {
    code: 86,
    retry: 'fatal',
    java: ['GroupSubscribedToTopicException', 'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.'],
  },
  RESOURCE_NOT_FOUND: { code: 91, retry: 'fatal', java: ['ResourceNotFoundException', 'A request illegally referred to a resource that does not exist.'] },
  DUPLICATE_RESOURCE: { code: 92, retry: 'fatal', java: ['DuplicateResourceException', 'A request illegally referred to the same resource twice.'] },
  UNACCEPTABLE_CREDENTIAL: { code: 93, retry: 'fatal', java: ['UnacceptableCredentialException', 'Requested credential would not meet criteria for acceptability.'] },
  UNKNOWN_TOPIC_ID: { code: 100, retry: 'leader' },
  PREFERRED_LEADER_NOT_AVAILABLE: { code: 80, retry: 'fatal', java: ['PreferredLeaderNotAvailableException', 'The preferred leader was not available.'] },
  ELIGIBLE_LEADERS_NOT_AVAILABLE: { code: 83, retry: 'fatal', java: ['EligibleLeadersNotAvailableException', 'Eligible topic partition leaders are not available.'] },
  ELECTION_NOT_NEEDED: { code: 84, retry: 'fatal', java: ['ElectionNotNeededException', 'Leader election not needed for topic partition.'] },
} as const satisfies Record<string, { code: number; retry: RetryClass; java?: readonly [string, string] }>;

export type ErrorName = keyof typeof ERRORS;

interface ErrorEntry {
  code: number;
  retry: RetryClass;
  java?: readonly [string, string];
}

const byCode = new Map<number, ErrorEntry & { name: ErrorName }>((Object.entries(ERRORS) as Array<[ErrorName, ErrorEntry]>).map(([name, e]) => [e.code, { ...e, name }]));

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
  return java ? `org.apache.kafka.common.errors.${java[0]}: ${java[1]}` : fallback;
}

/** The simple name of the exception Kafka's Java client raises for a code (kafka-acls prints it with the broker's message), when known. */
export function javaExceptionName(code: number): string | undefined {
  return byCode.get(code)?.java?.[0];
}

/** The exception's class name (`org.apache.kafka.common.errors.KafkaStorageException`), or `fallback`. */
export function javaExceptionClass(code: number, fallback: string): string {
  const java = byCode.get(code)?.java;
  return java ? `org.apache.kafka.common.errors.${java[0]}` : fallback;
}

/** A Java Throwable's text with the broker's own message: `class: message` (the class alone without one). */
export function javaException(code: number, message: string | null, fallbackClass: string): string {
  const cls = javaExceptionClass(code, fallbackClass);
  return message ? `${cls}: ${message}` : cls;
}
