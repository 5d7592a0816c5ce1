// `kfk partition reassign verify`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../../cli/commander.js';
import { examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';
import { reassignmentFileFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommandWithoutOutput(parent, 'verify', {
    description: 'whether the reassignments of a JSON file are done; once none is under way, the throttles are removed (kafka-reassign-partitions --verify)',
    flags: reassignmentFileFlags,
    help: examples('kfk partition reassign verify --reassignment-json-file plan.json'),
  });
}

export type Flags = FlagsOf<typeof define>;
