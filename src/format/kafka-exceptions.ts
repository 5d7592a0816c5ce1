// Broker error codes as Kafka's Java tools print them: the exception's class name and Kafka's
// message (`org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.`).
// Only codes whose text was checked against Kafka 4.4's kafka-consumer-groups are here.
const EXCEPTIONS: Record<number, [string, string]> = {
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

/** Java exception classes (org.apache.kafka.common.errors) of the codes an ACL request can fail with. */
const CLASSES: Record<number, string> = {
  29: 'TopicAuthorizationException',
  30: 'GroupAuthorizationException',
  31: 'ClusterAuthorizationException',
  35: 'UnsupportedVersionException',
  42: 'InvalidRequestException',
  54: 'SecurityDisabledException',
  53: 'TransactionalIdAuthorizationException',
};

/** The simple name of the exception Kafka's Java client raises for a broker error code, when known. */
export function javaExceptionClass(code: number): string | undefined {
  return CLASSES[code] ?? EXCEPTIONS[code]?.[0];
}
