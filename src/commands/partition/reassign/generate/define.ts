// `kfk partition reassign generate`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { examples, kafkaCommandWithoutOutput } from '../../../../cli/flags.js';

export const define = kafkaCommandWithoutOutput('generate', 'propose a reassignment of whole topics onto a list of brokers, to save and --execute (kafka-reassign-partitions --generate)', (cmd) => cmd
  .requiredOption('--topics-to-move-json-file <file>', '{"topics":[{"topic":"orders"}],"version":1}')
  .requiredOption('--broker-list <ids>', 'the brokers to spread the replicas over, e.g. 1,2,3')
  .option('--disable-rack-aware', 'ignore the brokers\' racks (by default, when the brokers have racks, each partition\'s replicas go to as many racks as they can)'),
  examples('kfk partition reassign generate --topics-to-move-json-file topics.json --broker-list 2,3,4 > plan.txt'));
