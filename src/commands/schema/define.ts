// `kfk schema`: the group of subcommands and its help; each subcommand is a folder beside this file.
import { type AnyCommand, type Command, Option, type OptionValues } from '../../cli/commander.js';
import { type Connected, collect, examples, kafkaCommand } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const schema = program.command('schema').description("Schema Registry subjects and versions (Confluent's REST API: Confluent, Apicurio, Redpanda, Karapace)");
  schema.addHelpText('after', examples('kfk schema list', 'kfk schema register --subject orders-value --schema-file order.avsc', 'kfk schema get --subject orders-value'));
  return schema;
}

/** The flag every schema subcommand takes for the registry, first of its own. */
function registryFlag(cmd: Connected) {
  return cmd.option('--schema-registry-url <url>', 'Schema Registry URL (env KFK_SCHEMA_REGISTRY_URL, property schema.registry.url; default: the kfk local registry)');
}

/** A `kfk schema` subcommand: kafkaCommand() with --schema-registry-url before the command's own flags. */
// biome-ignore lint/complexity/noBannedTypes: {} are @commander-js/extra-typings' own defaults for a Command's global options
export function schemaCommand<A extends unknown[], O extends OptionValues, G extends OptionValues = {}>(
  name: string,
  description: string,
  flags: (cmd: ReturnType<typeof registryFlag>) => Command<A, O, G>,
  help: string,
) {
  return kafkaCommand(name, description, (cmd) => flags(registryFlag(cmd)), help);
}

/** How a schema file is read: its --type and its --references (register, compatibility). */
export function schemaFileFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .addOption(new Option('--type <type>', 'schema type (default: from the file extension)').choices(['avro', 'protobuf', 'json-schema']))
    .option('--reference <name=subject:version>', 'a schema reference; repeatable', collect);
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'get', 'register', 'delete', 'compatibility', 'config'] as const;
