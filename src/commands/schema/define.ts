// `kfk schema`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const schema = program.command('schema').description("Schema Registry subjects and versions (Confluent's REST API: Confluent, Apicurio, Redpanda, Karapace)");
  schema.addHelpText('after', examples('kfk schema list', 'kfk schema register --subject orders-value --schema-file order.avsc', 'kfk schema get --subject orders-value'));
  return schema;
}

/** The flag every schema subcommand takes for the registry. */
export const REGISTRY_FLAG = ['--schema-registry-url <url>', 'Schema Registry URL (env KFK_SCHEMA_REGISTRY_URL, property schema.registry.url; default: the kfk local registry)'] as const;
