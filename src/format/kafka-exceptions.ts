// Broker error codes as Kafka's Java tools print them: the exception's class name and Kafka's
// message (`org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.`).
// Only codes whose text was checked against Kafka 4.4's kafka-consumer-groups are here.
const EXCEPTIONS: Record<number, [string, string]> = {
  1: ['OffsetOutOfRangeException', 'The requested offset is not within the range of offsets maintained by the server.'],
  3: ['UnknownTopicOrPartitionException', 'This server does not host this topic-partition.'],
  68: ['GroupNotEmptyException', 'The group is not empty.'],
  69: ['GroupIdNotFoundException', 'The group id does not exist.'],
  86: ['GroupSubscribedToTopicException', 'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.'],
};

/** Kafka's message for the code (`The group is not empty.`), or `fallback`. */
export function kafkaErrorMessage(code: number, fallback: string): string {
  return EXCEPTIONS[code]?.[1] ?? fallback;
}

/** The exception as a Java tool prints it, or `fallback` for a code not listed here. */
export function javaExceptionText(code: number, fallback: string): string {
  const e = EXCEPTIONS[code];
  return e ? `org.apache.kafka.common.errors.${e[0]}: ${e[1]}` : fallback;
}

/** Exception classes of some broker error codes, for `javaException` (Kafka's Errors.java). */
const CLASSES: Record<number, string> = {
  1: 'OffsetOutOfRangeException',
  3: 'UnknownTopicOrPartitionException',
  5: 'LeaderNotAvailableException',
  6: 'NotLeaderOrFollowerException',
  7: 'TimeoutException',
  29: 'TopicAuthorizationException',
  31: 'ClusterAuthorizationException',
  41: 'NotControllerException',
  56: 'KafkaStorageException',
  80: 'PreferredLeaderNotAvailableException',
  83: 'EligibleLeadersNotAvailableException',
  84: 'ElectionNotNeededException',
  85: 'NoReassignmentInProgressException',
};

/** `org.apache.kafka.common.errors.XException: message`, as Java prints a Throwable. */
export function javaException(code: number, message: string | null, fallbackName: string): string {
  const cls = CLASSES[code] ? `org.apache.kafka.common.errors.${CLASSES[code]}` : fallbackName;
  return message ? `${cls}: ${message}` : cls;
}

/** The exception's class name alone (`org.apache.kafka.common.errors.KafkaStorageException`). */
export function javaExceptionClass(code: number, fallbackName: string): string {
  return CLASSES[code] ? `org.apache.kafka.common.errors.${CLASSES[code]}` : fallbackName;
}
