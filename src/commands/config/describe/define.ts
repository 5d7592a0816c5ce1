// `kfk config describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';
import { resourceFlags } from '../define.js';

export const define = kafkaCommand('describe', "a topic's, broker's or group's dynamic configs (--all: every config), with synonyms", (cmd) =>
  resourceFlags(cmd, 'group (kafka-configs --entity-type groups)')
    .option('--all', 'all configs, defaults included')
    // kafka-configs' way with a topic or broker that is not there (set by the drop-in).
    .addOption(new Option('--kafka-configs-text').hideHelp()),
  examples('kfk config describe --topic orders', 'kfk config describe --broker 1 --all -o json', 'kfk config describe --group workers'));
