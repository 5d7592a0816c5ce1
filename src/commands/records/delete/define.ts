// `kfk records delete`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete', "delete the records before an offset: each partition's log start offset moves forward (kafka-delete-records)", (cmd) => cmd
  .option('--offset-json-file <file>', 'kafka-delete-records\' JSON: {"partitions":[{"topic":"t","partition":0,"offset":10}],"version":1}')
  .option('--topic <name>', 'the topic (instead of --offset-json-file)')
  .option('--partition <n>', 'a partition of --topic; repeatable or 0,1,2 (default: all)', collect)
  .option('--before-offset <n>', 'delete the records before this offset; -1: all records up to the high watermark')
  .addOption(new Option('--kafka-exit-codes', 'exit 0 when a partition failed, as kafka-delete-records').hideHelp()),
  examples(
    'kfk records delete --topic orders --partition 0 --before-offset 100',
    'kfk records delete --topic orders --before-offset -1',
    'kfk records delete --offset-json-file offsets.json',
  ) + '\nExit codes: 0 every partition done, 1 a partition failed (the others are still done), 2 usage error.\n');
