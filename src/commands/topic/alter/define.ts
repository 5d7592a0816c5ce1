// `kfk topic alter`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { collect, connectionFlags, examples, outputFlag } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('alter'))
    .description('add partitions or change topic configs (partitions only ever grow)')
    .requiredOption('--topic <name|regex>', 'topic(s) to alter')
    .option('--partitions <n>', 'new, larger partition count')
    .option('--replica-assignment <list>', 'replicas for the new partitions')
    .option('--config <key=value>', 'set a topic config; repeatable', collect)
    .option('--delete-config <key>', 'remove a topic config override; repeatable', collect)
    .option('--if-exists', 'succeed quietly if no topic matches')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk topic alter --topic orders --partitions 12', 'kfk topic alter --topic orders --config retention.ms=3600000'));
}

export type Flags = FlagsOf<typeof define>;
