// What several commands share: the connection flags (defined here once, added to every command
// that talks to Kafka), -o/--output, repeatable flags, the examples block of --help, and
// kafkaCommand(), which puts them together around the flags of a command that talks to Kafka.
import { Option, type AnyCommand, type Command, type OptionValues } from './commander.js';

/** A repeatable flag's parser: each use appends its value. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --group (repeatable) and --all-groups, for the commands that act on groups of one kind: `group` and `all` say which in help. */
export function groupsFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, group: string, all: string) {
  return cmd.option('--group <id>', `${group}; repeatable`, collect).option('--all-groups', all);
}

export const OUTPUT_FORMATS = ['text', 'table', 'json'] as const;

export function examples(...lines: string[]): string {
  return '\nExamples:\n' + lines.map((l) => `  $ ${l}`).join('\n') + '\n';
}

const CONNECTION = 'Connection:';

function connectionHead<A extends unknown[], O extends Record<string, unknown>, G extends Record<string, unknown>>(cmd: Command<A, O, G>) {
  return cmd
    .addOption(
      new Option('--bootstrap-server <servers>', 'host:port[,host:port...] (env KFK_BOOTSTRAP_SERVER; default: profile, local cluster, localhost:9092)').helpGroup(CONNECTION),
    )
    .addOption(new Option('--command-config <file>', 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, ...)').helpGroup(CONNECTION))
    .addOption(new Option('--command-property <key=value>', 'a Kafka client property; repeatable').argParser(collect).helpGroup(CONNECTION))
    .addOption(new Option('--profile <name>', 'named profile from the kfk config file (env KFK_PROFILE)').helpGroup(CONNECTION));
}

function connectionTail<A extends unknown[], O extends Record<string, unknown>, G extends Record<string, unknown>>(cmd: Command<A, O, G>) {
  return cmd
    .addOption(new Option('-v, --verbose', 'client logs and stack traces on stderr').helpGroup(CONNECTION))
    .addOption(new Option('--no-color', 'never colour output (also NO_COLOR)').helpGroup(CONNECTION));
}

/** The flags of every command that talks to Kafka, in help's "Connection:" group. */
export function connectionFlags<A extends unknown[], O extends Record<string, unknown>, G extends Record<string, unknown>>(cmd: Command<A, O, G>) {
  return connectionTail(
    connectionHead(cmd).addOption(new Option('--timeout <ms>', 'bound on connecting and on each request (env KFK_TIMEOUT)').default(undefined, '10000').helpGroup(CONNECTION)),
  );
}

/** The connection flags without --timeout, for a command whose --timeout means something else. */
export function connectionFlagsWithoutTimeout<A extends unknown[], O extends Record<string, unknown>, G extends Record<string, unknown>>(cmd: Command<A, O, G>) {
  return connectionTail(connectionHead(cmd));
}

/**
 * --bootstrap-controller (KIP-919), for the commands whose Kafka tool takes it (kafka-metadata-quorum,
 * kafka-features, kafka-configs for brokers, kafka-acls, kafka-reassign-partitions --list and --cancel):
 * kfk talks to the controllers' listener directly.
 */
export function bootstrapControllerFlag() {
  return new Option('--bootstrap-controller <servers>', "a controller's host:port instead of --bootstrap-server (KIP-919)").helpGroup(CONNECTION);
}

/** --schema-registry-url of the commands that read and write records (produce, consume). */
export function schemaRegistryUrlFlag() {
  return new Option('--schema-registry-url <url>', 'Schema Registry URL (env KFK_SCHEMA_REGISTRY_URL, property schema.registry.url; default: the kfk local registry when it runs)');
}

/** -o text|table|json: text is Kafka's tool's output when piped, a table on a terminal. */
export function outputFlag() {
  return new Option('-o, --output <format>', 'text (Kafka-identical when piped), table or json').choices(OUTPUT_FORMATS);
}

/** A command that talks to Kafka before its own flags: the connection flags, nothing else yet. */
function connected(parent: AnyCommand, name: string) {
  return connectionFlags(parent.command(name));
}
/** A command with the connection flags, as its own flags receive it. */
export type Connected = ReturnType<typeof connected>;
type ConnectedOpts = ReturnType<Connected['opts']>;

// biome-ignore lint/complexity/noBannedTypes: {} are @commander-js/extra-typings' own defaults for a Command's global options
type NoGlobals = {};

/** A command's own flags, given the command with the connection flags. */
export type FlagsSpec<C> = (cmd: Connected) => C;
/** How a command is added under its parent: what each define.ts exports as `define`. */
export type Definer<C> = (parent: AnyCommand) => C;

/**
 * The frame of a command that talks to Kafka: the connection flags (help's "Connection:" group),
 * its description, its own flags, then -o/--output, and its examples (help: the text after its
 * help). A define.ts is one call: `export const define = kafkaCommand(name, description, flags, help)`
 * (or without flags: `kafkaCommand(name, description, help)`); nothing is built until the command
 * is added under its parent.
 */
export function kafkaCommand(name: string, description: string, help: string): Definer<ReturnType<typeof withOutput<[], ConnectedOpts, NoGlobals>>>;
export function kafkaCommand<A extends unknown[], O extends OptionValues, G extends OptionValues = NoGlobals>(name: string, description: string, flags: FlagsSpec<Command<A, O, G>>, help: string): Definer<ReturnType<typeof withOutput<A, O, G>>>;
export function kafkaCommand(name: string, description: string, flags: FlagsSpec<AnyCommand> | string, help?: string): Definer<AnyCommand> {
  const own = kafkaCommandWithoutOutput(name, description, flags as FlagsSpec<AnyCommand>, help as string);
  return (parent) => withOutput(own(parent) as Command);
}

function withOutput<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd.addOption(outputFlag());
}

/** kafkaCommand() for a command without -o/--output, or with its own. */
export function kafkaCommandWithoutOutput(name: string, description: string, help: string): Definer<Connected>;
export function kafkaCommandWithoutOutput<A extends unknown[], O extends OptionValues, G extends OptionValues = NoGlobals>(name: string, description: string, flags: FlagsSpec<Command<A, O, G>>, help: string): Definer<Command<A, O, G>>;
export function kafkaCommandWithoutOutput(name: string, description: string, flags: FlagsSpec<AnyCommand> | string, help?: string): Definer<AnyCommand> {
  const [own, text] = typeof flags === 'string' ? [undefined, flags] : [flags, help as string];
  return (parent) => {
    const cmd = connected(parent, name).description(description).addHelpText('after', text);
    return own ? own(cmd) : cmd;
  };
}
