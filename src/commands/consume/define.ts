// `kfk consume`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../cli/commander.js';
import { collect, examples, kafkaCommandWithoutOutput, schemaRegistryUrlFlag } from '../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('consume', 'print records of a topic, with or without a consumer group (kafka-console-consumer)', (cmd) => cmd
  .option('--topic <name>', 'topic to consume')
  .option('--include <regex>', 'consume every topic matching this regular expression')
  .option('--from-beginning', 'start at the earliest offset (when no committed offset exists)')
  .option('--offset <offset>', 'earliest, latest, N (with --partition) or -N (last N per partition)')
  .option('--partition <n>', 'consume only this partition')
  .option('--group <id>', 'join this consumer group and commit offsets (the classic protocol; --consumer-property group.protocol=consumer: KIP-848)')
  .option('--share-group <id>', 'read as a member of this share group (KIP-932, Kafka 4.1+): records are divided among its members and each is acknowledged once printed; the group starts at the log end unless its share.auto.offset.reset is earliest (kfk config alter --group G --add-config share.auto.offset.reset=earliest)')
  .option('--reject', 'with --share-group: acknowledge each record as REJECT (not delivered again) instead of ACCEPT')
  .option('--release', 'with --share-group: acknowledge each record as RELEASE (delivered again, to any member) instead of ACCEPT')
  .option('--reject-message-on-error', 'with --share-group: reject a record that cannot be formatted instead of stopping')
  .option('--max-messages <n>', 'exit after this many records')
  .option('--timeout-ms <ms>', 'exit when no record arrives for this long')
  .option('-e, --exit-at-end', 'exit after reaching the end offsets as of start')
  .option('--from <time>', 'start at this time: ISO 8601 or relative like -15m')
  .option('--to <time>', 'stop at this time: ISO 8601 or relative')
  .addOption(new Option('--isolation-level <level>', 'read_committed or read_uncommitted').choices(['read_committed', 'read_uncommitted']).default('read_uncommitted'))
  .option('--value-format <format>', 'how values are framed: avro, protobuf, json-schema (Schema Registry), string, bytes, or auto (framed values decoded, the rest as they are)')
  .option('--key-format <format>', 'how keys are framed (as --value-format)')
  .addOption(schemaRegistryUrlFlag())
  .option('--skip-message-on-error', 'skip a record that cannot be formatted instead of stopping')
  .addOption(new Option('-o, --output <format>', 'text (Kafka formatter) or json').choices(['text', 'json']).default('text'))
  .addOption(new Option('--encoding <encoding>', 'key/value encoding in json output').choices(['utf8', 'base64', 'hex']).default('utf8'))
  .option('--consumer-property <key=value>', 'a consumer property; repeatable', collect)
  .option('--consumer.config <file>', 'consumer .properties file')
  .option('--property <key=value>', 'formatter property: print.key, print.timestamp, print.offset, print.partition, print.headers, print.value, print.delivery, print.epoch, key.separator, line.separator, headers.separator, null.literal, key.deserializer, ...; repeatable', collect)
  .option('--formatter-property <key=value>', 'same as --property (Kafka 4.2 spelling); repeatable', collect)
  .option('--formatter-config <file>', 'a properties file of formatter properties (as --property; a --property of the same name wins)')
  .option('--formatter <class>', "Kafka message formatter class (4.x or 3.x name): DefaultMessageFormatter (default), LoggingMessageFormatter, NoOpMessageFormatter, OffsetsMessageFormatter and GroupMetadataMessageFormatter (__consumer_offsets), TransactionLogMessageFormatter (__transaction_state), ShareGroupMessageFormatter (__consumer_offsets) and group.share.ShareGroupStateMessageFormatter (__share_group_state); any other is a usage error"),
  examples(
    'kfk consume --topic orders --from-beginning --max-messages 10',
    'kfk consume --topic orders --group billing --property print.key=true',
    'kfk consume --topic orders --group billing --consumer-property group.protocol=consumer',
    'kfk consume --topic orders --offset -5 -e -o json',
    'kfk consume --topic orders --value-format avro --from-beginning --property print.schema.ids=true',
    'kfk config alter --group workers --add-config share.auto.offset.reset=earliest && kfk consume --topic orders --share-group workers',
  ) + '\nA share group (--share-group) starts at the log end: records written before its first member joined are not read\nunless the group config share.auto.offset.reset=earliest is set first (kfk config alter --group G).\n');
