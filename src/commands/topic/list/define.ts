// `kfk topic list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'list', {
    description: 'list topic names, sorted, one per line',
    flags: (cmd) =>
      cmd
        .option('--topic <regex>', 'only topics matching this regular expression')
        .option('--exclude-internal', 'leave out internal topics'),
    help: examples('kfk topic list', "kfk topic list --topic 'orders.*'"),
  });
}

export type Flags = FlagsOf<typeof define>;
