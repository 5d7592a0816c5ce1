// Kafka client property names kfk recognises. An unknown name gets a warning, as Kafka's
// clients log "The configuration 'x' was supplied but isn't a known config."
const COMMON = [
  'bootstrap.servers', 'client.id', 'client.dns.lookup', 'security.protocol', 'request.timeout.ms',
  'connections.max.idle.ms', 'reconnect.backoff.ms', 'reconnect.backoff.max.ms', 'retry.backoff.ms',
  'retry.backoff.max.ms', 'metadata.max.age.ms', 'socket.connection.setup.timeout.ms',
  'socket.connection.setup.timeout.max.ms', 'default.api.timeout.ms', 'receive.buffer.bytes', 'send.buffer.bytes',
  'sasl.mechanism', 'sasl.jaas.config', 'sasl.username', 'sasl.password', 'sasl.kerberos.service.name',
  'sasl.login.callback.handler.class', 'sasl.client.callback.handler.class', 'sasl.login.class',
  'sasl.oauthbearer.token.endpoint.url', 'sasl.oauthbearer.scope', 'sasl.oauthbearer.client.credentials.client.id',
  'sasl.oauthbearer.client.credentials.client.secret', 'sasl.oauthbearer.header.urlencode', 'sasl.oauthbearer.sub.claim.name',
  'sasl.oauthbearer.scope.claim.name', 'sasl.oauthbearer.jwt.retriever.class', 'sasl.oauthbearer.jwt.validator.class',
  'sasl.login.refresh.window.factor', 'sasl.login.refresh.window.jitter', 'sasl.login.refresh.min.period.seconds',
  'sasl.login.refresh.buffer.seconds', 'sasl.login.connect.timeout.ms', 'sasl.login.read.timeout.ms',
  'sasl.login.retry.backoff.ms', 'sasl.login.retry.backoff.max.ms',
  'ssl.protocol', 'ssl.enabled.protocols', 'ssl.truststore.type', 'ssl.truststore.location', 'ssl.truststore.password',
  'ssl.truststore.certificates', 'ssl.keystore.type', 'ssl.keystore.location', 'ssl.keystore.password',
  'ssl.keystore.certificate.chain', 'ssl.keystore.key', 'ssl.key.password', 'ssl.endpoint.identification.algorithm',
  'ssl.cipher.suites', 'metrics.recording.level', 'metric.reporters', 'auto.include.jmx.reporter',
];
const PRODUCER = [
  'acks', 'batch.size', 'linger.ms', 'compression.type', 'compression.gzip.level', 'compression.lz4.level',
  'compression.zstd.level', 'retries', 'delivery.timeout.ms', 'max.in.flight.requests.per.connection',
  'max.request.size', 'buffer.memory', 'max.block.ms', 'enable.idempotence', 'transactional.id',
  'transaction.timeout.ms', 'partitioner.class', 'partitioner.ignore.keys', 'partitioner.adaptive.partitioning.enable',
  'key.serializer', 'value.serializer',
];
const CONSUMER = [
  'group.id', 'group.instance.id', 'group.protocol', 'group.remote.assignor', 'auto.offset.reset', 'enable.auto.commit',
  'auto.commit.interval.ms', 'fetch.min.bytes', 'fetch.max.bytes', 'fetch.max.wait.ms', 'max.partition.fetch.bytes',
  'max.poll.records', 'max.poll.interval.ms', 'session.timeout.ms', 'heartbeat.interval.ms', 'isolation.level',
  'partition.assignment.strategy', 'check.crcs', 'allow.auto.create.topics', 'client.rack', 'exclude.internal.topics',
  'key.deserializer', 'value.deserializer',
];
// Confluent's Schema Registry client and serializer settings (kfk reads these).
const SCHEMA_REGISTRY = [
  'schema.registry.url', 'basic.auth.credentials.source', 'basic.auth.user.info', 'bearer.auth.credentials.source',
  'bearer.auth.token', 'auto.register.schemas', 'use.latest.version', 'key.subject.name.strategy',
  'value.subject.name.strategy', 'normalize.schemas', 'key.refs', 'value.refs',
];
export const KNOWN_PROPERTIES = new Set([...COMMON, ...PRODUCER, ...CONSUMER, ...SCHEMA_REGISTRY]);

export function unknownProperties(names: Iterable<string>): string[] {
  return [...names].filter((n) => !KNOWN_PROPERTIES.has(n) && !n.startsWith('kfk.') && !n.startsWith('schema.registry.ssl.'));
}
