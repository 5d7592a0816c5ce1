// `kfk local start`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { type AnyCommand, Option } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return parent
    .command('start')
    .description('download (via Maven) and start Apache Kafka in KRaft mode on free loopback ports')
    .addOption(new Option('--brokers <n>', 'number of brokers').choices(['1', '3']).default('1'))
    .addOption(new Option('--log-dirs <n>', 'log directories per broker (replicas move between them with kfk partition reassign)').choices(['1', '2', '3']).default('1'))
    .option('--sasl', 'also open a SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)')
    .option('--acl', 'enforce ACLs (StandardAuthorizer); super users: ANONYMOUS on PLAINTEXT, kfk-plain and kfk-scram; kfk-limited is not')
    .option('--oauth', 'also open an OAUTHBEARER listener, with a local token server (JWKS, client credentials)')
    .option('--tls', 'also open an SSL listener with a throwaway CA')
    .option('--schema-registry', 'also start a Schema Registry (Apicurio Registry 3.3.3, Confluent API; needs Java 21+)')
    .option('--kafka-version <version>', 'Apache Kafka version (env KFK_KAFKA_VERSION)')
    .addHelpText('after', examples('kfk local start', 'kfk local start --schema-registry', 'kfk local start --brokers 3 --sasl --tls', 'kfk local start --sasl --acl', 'kfk local start --log-dirs 2', 'KFK_KAFKA_VERSION=3.9.1 kfk local start'));
}
