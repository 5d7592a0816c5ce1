// `kfk cluster endpoints`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { bootstrapControllerFlag, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('endpoints', 'the brokers, or with --bootstrap-controller the controllers, with host, port, rack and fenced state (kafka-cluster list-endpoints; Kafka 4.0+)', (cmd) => cmd.addOption(bootstrapControllerFlag()).option('--include-fenced-brokers', 'fenced brokers too (through a broker only)'),
  examples('kfk cluster endpoints', 'kfk cluster endpoints --include-fenced-brokers', 'kfk cluster endpoints --bootstrap-controller ctl1:9093 -o json'));
