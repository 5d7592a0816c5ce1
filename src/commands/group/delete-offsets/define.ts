// `kfk group delete-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'delete-offsets', {
    description: 'delete a group\'s committed offsets for topics or partitions',
    flags: (cmd) =>
      cmd
        .requiredOption('--group <id>', 'consumer group')
        .requiredOption('--topic <topic[:partitions]>', 'topic or topic:0,1; repeatable', collect),
    help: examples('kfk group delete-offsets --group billing --topic orders'),
  });
}

export type Flags = FlagsOf<typeof define>;
