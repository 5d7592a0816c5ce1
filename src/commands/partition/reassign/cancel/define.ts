// `kfk partition reassign cancel`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../../cli/commander.js';
import { bootstrapControllerFlag, examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';
import { reassignmentFileFlags } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommandWithoutOutput(parent, 'cancel', {
    description: 'cancel the reassignments of a JSON file that are under way, and remove the throttles (kafka-reassign-partitions --cancel)',
    flags: (cmd) => reassignmentFileFlags(cmd.addOption(bootstrapControllerFlag())),
    help: examples('kfk partition reassign cancel --reassignment-json-file plan.json', 'kfk partition reassign cancel --bootstrap-controller ctl1:9093 --reassignment-json-file plan.json'),
  });
}

export type Flags = FlagsOf<typeof define>;
