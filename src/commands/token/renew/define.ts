// `kfk token renew`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('renew', "renew a delegation token: its expiry moves to the period given from now, within its max lifetime (kafka-delegation-tokens --renew)", (cmd) => cmd
  .option('--hmac-file <file>', "a file holding the token's HMAC (its first line; '-': standard input)")
  .option('--hmac-env <variable>', "an environment variable holding the token's HMAC")
  .option('--renew-time-period <ms>', "the new expiry, in ms from now; -1: the cluster's delegation.token.expiry.time.ms", '-1')
  // The drop-in: kafka-delegation-tokens' --hmac, and the tool's lines as it prints them.
  .addOption(new Option('--kafka-hmac <hmac>').hideHelp())
  .addOption(new Option('--kafka-text').hideHelp()),
  examples('kfk token renew --command-config admin.properties --hmac-file ./token.hmac --renew-time-period 86400000', 'KFK_TOKEN_HMAC=... kfk token renew --command-config admin.properties --hmac-env KFK_TOKEN_HMAC'));
