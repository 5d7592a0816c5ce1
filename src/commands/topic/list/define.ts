// `kfk topic list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('list'))
    .description('list topic names, sorted, one per line')
    .option('--topic <regex>', 'only topics matching this regular expression')
    .option('--exclude-internal', 'leave out internal topics')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk topic list', "kfk topic list --topic 'orders.*'"));
}

export type Flags = FlagsOf<typeof define>;
