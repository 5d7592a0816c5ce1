// `kfk local install`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return parent
    .command('install')
    .description('fetch the Kafka jars into the cache without starting anything')
    .option('--kafka-version <version>', 'Apache Kafka version (env KFK_KAFKA_VERSION)')
    .addHelpText('after', examples('kfk local install'));
}
