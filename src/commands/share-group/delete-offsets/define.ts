// `kfk share-group delete-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'delete-offsets', {
    description: "delete a share group's start offsets (and delivery state) for topics; the group must have no members",
    flags: (cmd) =>
      cmd
        .requiredOption('--group <id>', 'share group')
        .requiredOption('--topic <topic>', 'topic; repeatable', collect),
    help: examples('kfk share-group delete-offsets --group workers --topic orders'),
  });
}

export type Flags = FlagsOf<typeof define>;
