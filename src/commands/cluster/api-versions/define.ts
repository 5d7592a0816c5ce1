// `kfk cluster api-versions`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('api-versions', 'the APIs each broker offers and their versions (kafka-broker-api-versions)', (cmd) => cmd,
  examples('kfk cluster api-versions', 'kfk cluster api-versions -o json'));
