// `kfk cluster features`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'features', {
    description: "feature flags: each one's supported range and finalized level (kafka-features describe)",
    flags: (cmd) => cmd.option('--node-id <id>', 'ask this broker (default: any)'),
    help: examples('kfk cluster features', 'kfk cluster features -o json'),
  });
}

export type Flags = FlagsOf<typeof define>;
