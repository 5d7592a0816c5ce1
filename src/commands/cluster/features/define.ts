// `kfk cluster features`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Option } from '../../../cli/commander.js';
import { bootstrapControllerFlag, collect, examples, kafkaCommand } from '../../../cli/flags.js';

export const define = kafkaCommand('features', "feature flags: each one's supported range and finalized level, or raise, lower or remove finalized levels (kafka-features describe|upgrade|downgrade|disable)", (cmd) => cmd
  .addOption(bootstrapControllerFlag())
  .option('--node-id <id>', 'ask this broker (default: any)')
  .addOption(new Option('--upgrade <feature=level>', 'raise a finalized level; repeatable').argParser(collect))
  .addOption(new Option('--downgrade <feature=level>', 'lower a finalized level; repeatable').argParser(collect))
  .addOption(new Option('--disable <feature>', 'remove a finalized level (0); repeatable').argParser(collect))
  .option('--metadata <version>', 'with --upgrade/--downgrade: metadata.version by release name (e.g. 4.0-IV3)')
  .option('--upgrade-release <release>', "raise metadata.version and every feature to a Kafka release's default levels (e.g. 4.4 or 4.4-IV2)")
  .option('--downgrade-release <release>', "lower metadata.version and every feature to a Kafka release's default levels")
  .option('--version-mapping [release]', "print a release's metadata.version and default feature levels (default: the latest production release); no cluster needed")
  .addOption(new Option('--dependencies <feature=level>', 'print the feature levels this feature level needs; repeatable; no cluster needed').argParser(collect))
  .option('--unsafe', 'allow a downgrade that may lose metadata')
  .option('--dry-run', 'only validate the change')
  .addOption(new Option('--kafka-errors', "kafka-features' wording of a failure").hideHelp())
  .addOption(new Option('--op <op>', 'the kafka-features subcommand the drop-in ran').choices(['upgrade', 'downgrade', 'disable']).hideHelp()),
  examples('kfk cluster features', 'kfk cluster features -o json', 'kfk cluster features --upgrade-release 4.4 --dry-run', 'kfk cluster features --version-mapping 3.9', 'kfk cluster features --dependencies eligible.leader.replicas.version=1', 'kfk cluster features --upgrade transaction.version=2 --dry-run', 'kfk cluster features --downgrade group.version=0 --unsafe'));
