// `kfk produce`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { type AnyCommand, Option } from '../../cli/commander.js';
import { collect, connectionFlagsWithoutTimeout, examples, schemaRegistryUrlFlag } from '../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlagsWithoutTimeout(parent.command('produce'))
    .description('send stdin lines (or files) to a topic as records (kafka-console-producer)')
    .requiredOption('--topic <name>', 'topic to produce to')
    .option('--file <path>', 'read lines from this file instead of stdin; repeatable', collect)
    .option('--format <format>', 'input format: line (default) or json', 'line')
    .option('--key <key>', 'use this key for every record')
    .option('--partition <n>', 'send every record to this partition')
    .option('--sync', 'send each record synchronously (one in flight)')
    .option('--timeout <ms>', 'linger: how long to wait to fill a batch', '1000')
    .option('--batch-size <bytes>', 'largest record batch per partition, bytes (Kafka: 16384; larger batches move bulk input faster)', '1000000')
    .addOption(new Option('--compression-codec [codec]', 'none, gzip, snappy, lz4 or zstd (no value: gzip)').choices(['none', 'gzip', 'snappy', 'lz4', 'zstd']))
    .addOption(new Option('--request-required-acks <acks>', 'acks: 0, 1, -1 or all').default('-1').choices(['0', '1', '-1', 'all']))
    .option('--message-send-max-retries <n>', 'retries per batch', '3')
    .option('--retry-backoff-ms <ms>', 'wait between retries', '100')
    .option('--request-timeout-ms <ms>', 'bound on each produce request', '30000')
    .option('--max-memory-bytes <bytes>', 'bound on records buffered before the input is paused (Kafka: 32 MB; 8 MB keeps the pipeline full and the process under 80 MB)', '8388608')
    .option('--max-block-ms <ms>', 'bound on waiting for metadata and for buffer memory', '60000')
    .option('--metadata-expiry-ms <ms>', 'metadata refresh interval', '300000')
    .option('--idempotent', 'idempotent producer: acks=all, no duplicates on retry')
    .option('--transactional-id <id>', 'send all input in one transaction (commit at end, abort on error)')
    .option('--producer-property <key=value>', 'a producer property; repeatable', collect)
    .option('--producer.config <file>', 'producer .properties file')
    .option('--property <key=value>', 'reader property: parse.key, key.separator, parse.headers, ...; repeatable', collect)
    .option('--reader-property <key=value>', 'same as --property (Kafka 4.2 spelling); repeatable', collect)
    .option('--line-reader <class>', 'accepted for compatibility; only the default reader exists')
    .option('--value-format <format>', "encode each input line (a JSON document; with --format json, each record's value) for a Schema Registry: avro, protobuf or json-schema")
    .option('--value-schema-file <file>', 'the value schema: .avsc, .proto or .json (registered under the subject unless auto.register.schemas=false)')
    .option('--value-schema-id <id>', 'encode values with this registered schema')
    .option('--value-subject <subject>', 'subject of the value schema (default: <topic>-value, or value.subject.name.strategy); without a file, its latest version')
    .option('--value-schema-refs <json>', 'references of --value-schema-file, as Confluent\'s value.refs: [{"name": ..., "subject": ..., "version": N}, ...]')
    .option('--value-message <name>', 'the Protobuf message of the schema to encode (default: the first)')
    .option('--key-format <format>', 'encode keys (parse.key=true) likewise: avro, protobuf or json-schema')
    .option('--key-schema-file <file>', 'the key schema')
    .option('--key-schema-refs <json>', 'references of --key-schema-file (key.refs)')
    .option('--key-schema-id <id>', 'encode keys with this registered schema')
    .option('--key-subject <subject>', 'subject of the key schema (default: <topic>-key)')
    .option('--key-message <name>', 'the Protobuf message of the key schema')
    .addOption(schemaRegistryUrlFlag())
    .option('--failed-records <file>', 'write records that were not delivered here, as JSON lines to resend with --format json --file')
    .addHelpText(
      'after',
      examples(
        'seq 1 1000 | kfk produce --topic numbers',
        "kfk produce --topic users --property parse.key=true --property key.separator=: < users.txt",
        'kfk produce --topic events --format json --compression-codec zstd < events.jsonl',
        'kfk produce --topic orders --value-format avro --value-schema-file order.avsc < orders.jsonl',
      ),
    );
}
