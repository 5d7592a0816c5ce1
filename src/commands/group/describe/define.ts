// `kfk group describe`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('describe', 'per-partition CURRENT-OFFSET, LOG-END-OFFSET and LAG of a group, with its members', (cmd) => cmd
  .requiredOption('--group <id>', 'consumer group')
  .option('--offsets', 'partition offsets and lag (the default)')
  .option('--members', 'members, their hosts and partition counts')
  .option('--state', 'coordinator, assignment strategy, state and member count'),
  '\nWith --verbose, also Kafka\'s verbose columns: LEADER-EPOCH of the offsets; epochs and current and target\n' +
    'assignments of the members; GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH of the state.\n' +
    examples('kfk group describe --group billing', 'kfk group describe --group billing --members --verbose', 'kfk group describe --group billing -o json | jq .totalLag'));
