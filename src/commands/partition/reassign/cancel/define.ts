// `kfk partition reassign cancel`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';
import { reassignmentFileFlags } from '../define.js';

export const define = kafkaCommandWithoutOutput('cancel', 'cancel the reassignments of a JSON file that are under way, and remove the throttles (kafka-reassign-partitions --cancel)', (cmd) => reassignmentFileFlags(cmd.addOption(bootstrapControllerFlag())),
  examples('kfk partition reassign cancel --reassignment-json-file plan.json', 'kfk partition reassign cancel --bootstrap-controller ctl1:9093 --reassignment-json-file plan.json'));
