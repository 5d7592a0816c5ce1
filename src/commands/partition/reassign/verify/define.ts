// `kfk partition reassign verify`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';
import { reassignmentFileFlags } from '../define.js';

export const define = kafkaCommandWithoutOutput('verify', 'whether the reassignments of a JSON file are done; once none is under way, the throttles are removed (kafka-reassign-partitions --verify)', reassignmentFileFlags,
  examples('kfk partition reassign verify --reassignment-json-file plan.json'));
