// `kfk share-group delete-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('delete-offsets'))
    .description("delete a share group's start offsets (and delivery state) for topics; the group must have no members")
    .requiredOption('--group <id>', 'share group')
    .requiredOption('--topic <topic>', 'topic; repeatable', collect)
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk share-group delete-offsets --group workers --topic orders'));
}

export type Flags = FlagsOf<typeof define>;
