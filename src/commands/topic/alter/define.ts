// `kfk topic alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'alter', {
    description: 'add partitions or change topic configs (partitions only ever grow)',
    flags: (cmd) =>
      cmd
        .requiredOption('--topic <name|regex>', 'topic(s) to alter')
        .option('--partitions <n>', 'new, larger partition count')
        .option('--replica-assignment <list>', 'replicas for the new partitions')
        .option('--config <key=value>', 'set a topic config; repeatable', collect)
        .option('--delete-config <key>', 'remove a topic config override; repeatable', collect)
        .option('--if-exists', 'succeed quietly if no topic matches'),
    help: examples('kfk topic alter --topic orders --partitions 12', 'kfk topic alter --topic orders --config retention.ms=3600000'),
  });
}

export type Flags = FlagsOf<typeof define>;
