// The message formatters of Kafka's console consumer (`--formatter <class>`) that kfk prints
// like Kafka 4.4, by class name: 4.x names, and the 3.x (Scala) names runbooks still use.
import { UsageError } from '../errors.js';
import type { CoordinatorFormatter } from './coordinator-json.js';

export type FormatterKind = 'default' | 'logging' | 'noop' | CoordinatorFormatter;

const TOOLS = 'org.apache.kafka.tools.consumer.';

/** Kafka 4.x class names, in the order the error lists them. */
const FORMATTERS: Array<[string, FormatterKind]> = [
  [`${TOOLS}DefaultMessageFormatter`, 'default'],
  [`${TOOLS}LoggingMessageFormatter`, 'logging'],
  [`${TOOLS}NoOpMessageFormatter`, 'noop'],
  [`${TOOLS}OffsetsMessageFormatter`, 'offsets'],
  [`${TOOLS}GroupMetadataMessageFormatter`, 'group-metadata'],
  [`${TOOLS}TransactionLogMessageFormatter`, 'transaction-log'],
  [`${TOOLS}ShareGroupMessageFormatter`, 'share-group'],
  [`${TOOLS}group.share.ShareGroupStateMessageFormatter`, 'share-group-state'],
];

/** 3.x spellings of the same formatters. */
const OLD_NAMES: Record<string, FormatterKind> = {
  'kafka.tools.DefaultMessageFormatter': 'default',
  'kafka.tools.LoggingMessageFormatter': 'logging',
  'kafka.tools.NoOpMessageFormatter': 'noop',
  'kafka.coordinator.group.GroupMetadataManager$OffsetsMessageFormatter': 'offsets',
  'kafka.coordinator.group.GroupMetadataManager$GroupMetadataMessageFormatter': 'group-metadata',
  'kafka.coordinator.transaction.TransactionLog$TransactionLogMessageFormatter': 'transaction-log',
};

export const KNOWN_FORMATTERS = FORMATTERS.map(([name]) => name);

export function formatterKind(className: string | undefined): FormatterKind {
  if (className === undefined) return 'default';
  const name = className.trim();
  const kind = FORMATTERS.find(([n]) => n === name)?.[1] ?? OLD_NAMES[name];
  if (!kind) throw new UsageError(`unknown formatter '${name}': known formatters are ${KNOWN_FORMATTERS.join(', ')}`);
  return kind;
}
