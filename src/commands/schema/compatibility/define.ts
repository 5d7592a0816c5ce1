// `kfk schema compatibility`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { type AnyCommand, type FlagsOf, Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';
import { REGISTRY_FLAG } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'compatibility', {
    description: "test a schema against a subject's version under the subject's compatibility level (exit 1 when incompatible)",
    flags: (cmd) =>
      cmd
        .option(...REGISTRY_FLAG)
        .requiredOption('--subject <subject>', 'the subject')
        .requiredOption('--schema-file <file>', 'the schema to test')
        .option('--version <version>', 'the version to test against', 'latest')
        .addOption(new Option('--type <type>', 'schema type (default: from the file extension)').choices(['avro', 'protobuf', 'json-schema']))
        .option('--reference <name=subject:version>', 'a schema reference; repeatable', collect),
    help: examples('kfk schema compatibility --subject orders-value --schema-file order-v2.avsc'),
  });
}

export type Flags = FlagsOf<typeof define>;
