// `kfk quota alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { collect, examples, kafkaCommandWithoutOutput } from '../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('alter', "set or remove quotas of one entity: a user, a client id, a user's client id or an IP (kafka-configs --alter)", (cmd) => cmd
  .option('--user <name>', 'a user principal')
  .option('--client <id>', 'a client id')
  .option('--ip <address>', 'an IP address')
  .option('--user-default', 'the default user quota')
  .option('--client-default', 'the default client-id quota')
  .option('--ip-default', 'the default IP quota')
  .option('--add-config <key=value,...>', 'quotas to set, e.g. producer_byte_rate=1048576,consumer_byte_rate=2097152; repeatable', collect)
  .option('--delete-config <key,...>', 'quotas to remove; repeatable', collect),
  examples(
    'kfk quota alter --user alice --add-config producer_byte_rate=1048576',
    'kfk quota alter --user alice --client app --add-config request_percentage=50',
    'kfk quota alter --client-default --delete-config consumer_byte_rate',
    'kfk quota alter --ip 10.0.0.1 --add-config connection_creation_rate=10',
  ));
