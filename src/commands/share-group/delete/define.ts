// `kfk share-group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('delete'))
    .description('delete share groups that have no members (their start offsets and state go with them)')
    .option('--group <id>', 'share group; repeatable', collect)
    .option('--all-groups', 'every share group')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk share-group delete --group workers'));
}

export type Flags = FlagsOf<typeof define>;
