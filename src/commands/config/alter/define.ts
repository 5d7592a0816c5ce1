// `kfk config alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('alter'))
    .description('set or delete config keys; keys not named are kept')
    .option('--topic <name>', 'topic')
    .option('--broker <id>', 'broker id')
    .option('--set <key=value>', 'set a config (also a=1,b=[x,y]); repeatable', collect)
    .option('--delete <key>', 'remove a config override; repeatable', collect)
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk config alter --topic orders --set retention.ms=3600000 --delete cleanup.policy', 'kfk config alter --broker 1 --set log.cleaner.threads=2'));
}

export type Flags = FlagsOf<typeof define>;
