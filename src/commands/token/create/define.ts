// `kfk token create`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('create', "a delegation token for the connection's user (or --owner-principal), renewable by the renewers named; prints its id and HMAC (kafka-delegation-tokens --create)", (cmd) => cmd
  .option('--renewer-principal <principal>', 'a principal that may renew the token, as principalType:name (User:ops); repeatable', collect)
  .option('--owner-principal <principal>', "the token's owner when it is not the connection's user (Kafka 3.3+; needs CreateTokens on that user)")
  .option('--max-life-time-period <ms>', "the token's max lifetime in ms; -1: the cluster's delegation.token.max.lifetime.ms", '-1')
  // The drop-in: the tool's lines as it prints them.
  .addOption(new Option('--kafka-text').hideHelp()),
  examples('kfk token create --command-config admin.properties', 'kfk token create --command-config admin.properties --renewer-principal User:ops --max-life-time-period 604800000 -o json'));
