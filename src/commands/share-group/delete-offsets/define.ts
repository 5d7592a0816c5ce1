// `kfk share-group delete-offsets`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('delete-offsets', "delete a share group's start offsets (and delivery state) for topics; the group must have no members", (cmd) => cmd
  .requiredOption('--group <id>', 'share group')
  .requiredOption('--topic <topic>', 'topic; repeatable', collect)
  .addOption(new Option('--kafka-errors', "kafka-share-groups' exit code: 0 when the group or a topic failed").hideHelp()),
  examples('kfk share-group delete-offsets --group workers --topic orders'));
