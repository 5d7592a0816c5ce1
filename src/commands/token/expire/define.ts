// `kfk token expire`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('expire', "expire a delegation token, at once or after the period given (kafka-delegation-tokens --expire)", (cmd) => cmd
  .option('--hmac-file <file>', "a file holding the token's HMAC (its first line; '-': standard input)")
  .option('--hmac-env <variable>', "an environment variable holding the token's HMAC")
  .option('--expiry-time-period <ms>', "the token expires this many ms from now; -1: at once (it is then gone)", '-1')
  // The drop-in: kafka-delegation-tokens' --hmac, and the tool's lines as it prints them.
  .addOption(new Option('--kafka-hmac <hmac>').hideHelp())
  .addOption(new Option('--kafka-text').hideHelp()),
  examples('kfk token expire --command-config admin.properties --hmac-file ./token.hmac', 'KFK_TOKEN_HMAC=... kfk token expire --command-config admin.properties --hmac-env KFK_TOKEN_HMAC'));
