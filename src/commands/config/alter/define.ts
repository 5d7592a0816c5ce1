// `kfk config alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';
import { resourceFlags } from '../define.js';

export const define = kafkaCommand('alter', 'set or delete config keys; keys not named are kept', (cmd) =>
  resourceFlags(cmd, 'group (kafka-configs --entity-type groups): e.g. share.auto.offset.reset=earliest makes a new share group start at the log start')
    .option('--set <key=value>', 'set a config (also a=1,b=[x,y]); repeatable', collect)
    .option('--add-config <key=value>', 'same as --set (kafka-configs spelling); repeatable', collect)
    .option('--delete <key>', 'remove a config override; repeatable', collect)
    .option('--delete-config <key>', 'same as --delete (kafka-configs spelling); repeatable', collect),
  examples('kfk config alter --topic orders --set retention.ms=3600000 --delete cleanup.policy', 'kfk config alter --broker 1 --set log.cleaner.threads=2', 'kfk config alter --group workers --add-config share.auto.offset.reset=earliest'));
