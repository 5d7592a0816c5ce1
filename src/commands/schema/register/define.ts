// `kfk schema register`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { type AnyCommand, type FlagsOf, Option } from '../../../cli/commander.js';
import { collect, examples, kafkaCommand } from '../../../cli/flags.js';
import { REGISTRY_FLAG } from '../define.js';

export function define(parent: AnyCommand) {
  return kafkaCommand(parent, 'register', {
    description: 'register a schema under a subject and print its id (the same id when it is registered already)',
    flags: (cmd) =>
      cmd
        .option(...REGISTRY_FLAG)
        .requiredOption('--subject <subject>', 'the subject')
        .requiredOption('--schema-file <file>', 'the schema: .avsc, .proto or .json')
        .addOption(new Option('--type <type>', 'schema type (default: from the file extension)').choices(['avro', 'protobuf', 'json-schema']))
        .option('--reference <name=subject:version>', 'a schema reference; repeatable', collect),
    help: examples('kfk schema register --subject orders-value --schema-file order.avsc', 'kfk schema register --subject pay-value --schema-file pay.proto --reference common.proto=common:1'),
  });
}

export type Flags = FlagsOf<typeof define>;
