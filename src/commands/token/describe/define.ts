// `kfk token describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', "delegation tokens: those of the owners named, else every token the connection's user owns or may describe (kafka-delegation-tokens --describe)", (cmd) => cmd
  .option('--owner-principal <principal>', 'the tokens of this owner or renewer, as principalType:name; repeatable', collect)
  .option('--show-hmac', "print each token's HMAC (its password); hidden otherwise")
  .addOption(new Option('--kafka-text').hideHelp()),
  examples('kfk token describe --command-config admin.properties', 'kfk token describe --command-config admin.properties --owner-principal User:alice -o json'));
