// `kfk share-group delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { examples, kafkaCommand } from '../../../cli/flags.js';
import { shareGroupsFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'delete', {
    description: 'delete share groups that have no members (their start offsets and state go with them)',
    flags: shareGroupsFlags,
    help: examples('kfk share-group delete --group workers'),
  });
}

export type Flags = FlagsOf<typeof define>;
