// `kfk partition elect-leaders`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('elect-leaders', 'elect leaders: the preferred replica, or an out-of-sync one where no leader is left (kafka-leader-election)', (cmd) => cmd
  .addOption(new Option('--election-type <type>', 'preferred: the first replica leads again; unclean: elect an out-of-sync replica where no in-sync one is left').choices(['preferred', 'unclean']).default('preferred'))
  .option('--topic <name>', 'the partitions of this topic')
  .option('--partition <n>', 'only this partition of --topic; repeatable or 0,1,2 (default: all)', collect)
  .option('--path-to-json-file <file>', 'kafka-leader-election\'s JSON: {"partitions":[{"topic":"t","partition":0}]}')
  .option('--all-topic-partitions', 'every partition of the cluster that needs an election'),
  examples('kfk partition elect-leaders --topic orders', 'kfk partition elect-leaders --all-topic-partitions', 'kfk partition elect-leaders --election-type unclean --topic orders --partition 0') +
    '\nExit codes: 0 every election done or not needed, 1 a partition could not be elected, 2 usage error.\n');
