// `kfk topic delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'delete', {
    description: 'delete topics',
    flags: (cmd) =>
      cmd
        .requiredOption('--topic <name|regex>', 'topic name or regular expression')
        .option('--if-exists', 'succeed quietly if no topic matches')
        .option('--dry-run', 'show what would be deleted, delete nothing'),
    help: examples('kfk topic delete --topic orders', "kfk topic delete --topic 'tmp-.*' --dry-run"),
  });
}

export type Flags = FlagsOf<typeof define>;
