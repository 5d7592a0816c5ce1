// What an unknown option says when it is one of Kafka's tools' flags. An operator who types a
// runbook's `kafka-topics --list` as `kfk topic --list`, or `kfk config describe --entity-type
// topics`, is told where it goes: the kfk command that does it, or the drop-in that takes the
// tool's own flags. A flag commander has a suggestion for (a typo of one of kfk's) keeps it,
// unless it names a subcommand. A tool's name as kfk's command (`kfk kafka-topics --list`) is
// pointed to its drop-in.
import type { AnyCommand } from './commander.js';
import { KAFKA_TOOLS, type KafkaTool } from '../compat/tool-names.js';

/** The drop-in that takes the flags of the tool a command stands for, by command path. */
const DROP_INS: Record<string, KafkaTool> = {
  topic: 'kafka-topics',
  group: 'kafka-consumer-groups',
  'share-group': 'kafka-share-groups',
  'streams-group': 'kafka-streams-groups',
  config: 'kafka-configs',
  quota: 'kafka-configs',
  user: 'kafka-configs',
  acl: 'kafka-acls',
  transaction: 'kafka-transactions',
  'log-dirs': 'kafka-log-dirs',
  offsets: 'kafka-get-offsets',
  records: 'kafka-delete-records',
  'partition elect-leaders': 'kafka-leader-election',
  'partition reassign': 'kafka-reassign-partitions',
  'cluster quorum': 'kafka-metadata-quorum',
  'cluster add-controller': 'kafka-metadata-quorum',
  'cluster remove-controller': 'kafka-metadata-quorum',
  'cluster features': 'kafka-features',
  'cluster id': 'kafka-cluster',
  'cluster endpoints': 'kafka-cluster',
  'cluster api-versions': 'kafka-broker-api-versions',
  'cluster unregister': 'kafka-cluster',
  'cluster unregister-controller': 'kafka-cluster',
};

/** A tool's action flag whose kfk subcommand has another name. */
const ACTIONS: Record<string, string> = {
  'acl --add': 'create',
  'acl --remove': 'delete',
  'cluster --cluster-id': 'id',
  'cluster --list-endpoints': 'endpoints',
};

/** The words of a command after `kfk`. */
function pathOf(cmd: AnyCommand): string[] {
  const words: string[] = [];
  for (let c: AnyCommand | null = cmd; c?.parent; c = c.parent) words.unshift(c.name());
  return words;
}

/** The tool whose flags the command at `path` stands for: its own entry or its nearest parent's. */
function dropInOf(path: string[]): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const tool = DROP_INS[path.slice(0, n).join(' ')];
    if (tool) return tool;
  }
  return undefined;
}

/**
 * The hint after `unknown option '<flag>'` at the command at `path` with the subcommands `subcommands`:
 * the subcommand a tool's action flag names (`--list` under `kfk topic`: `kfk topic list`), where a
 * flag of its subcommands goes (`ofSubcommands`: `kfk topic --bootstrap-server x list`), or the
 * drop-in of that command's tool; none if none applies, if commander `suggested` a flag and the
 * flag names no subcommand, or if the flag is one of kfk's own elsewhere under the same top-level command (`ofKfk`).
 */
function kafkaFlagHint(
  path: string[],
  subcommands: string[],
  flag: string,
  ofSubcommands: ReadonlySet<string> = new Set(),
  suggested = false,
  ofKfk: ReadonlySet<string> = new Set(),
): string | undefined {
  const name = /^--?([a-z][a-z-]*)(=.*)?$/.exec(flag)?.[1];
  if (name === undefined || path.length === 0) return undefined;
  const action = ACTIONS[`${path.join(' ')} --${name}`] ?? name;
  if (subcommands.includes(action)) return `Did you mean kfk ${[...path, action].join(' ')}?`;
  if (suggested) return undefined;
  if (ofSubcommands.has(`--${name}`)) return `it goes after the command: kfk ${path.join(' ')} <command> --${name}`;
  // A flag of kfk's that this command does not take (`--bootstrap-controller` where the tool
  // refuses it too): the drop-in would not take it either.
  if (ofKfk.has(`--${name}`)) return undefined;
  const tool = dropInOf(path);
  return tool && `kfk-${tool} takes ${tool}${tool.endsWith('s') ? "'" : "'s"} own flags`;
}

/**
 * Gives every command of `program` the hint above in its unknown-option error. Where commander
 * has a suggestion (its "Did you mean --x?", a near flag of kfk's), only a subcommand the flag
 * names replaces it.
 */
export function hintKafkaFlags(program: AnyCommand): void {
  const walk = (cmd: AnyCommand) => {
    const own = cmd as unknown as Internals;
    const original = own.unknownOption;
    own.unknownOption = (flag: string) => {
      // commander's message, taken before it is written: error() writes, then exits (throws).
      let message: string | undefined;
      own.error = (text: string) => {
        message = text;
        throw CAUGHT;
      };
      try {
        original.call(own, flag);
      } catch (err) {
        if (err !== CAUGHT) throw err;
      } finally {
        delete (own as Partial<Internals>).error;
      }
      if (message === undefined) return; // unknown options allowed there
      const hint = kafkaFlagHint(pathOf(cmd), cmd.commands.map((c) => c.name()), flag, flagsBelow(cmd), message.includes('(Did you mean'), flagsBelow(topOf(cmd)));
      own.error(hint === undefined ? message : `error: unknown option '${flag}' (${hint})`, { code: 'commander.unknownOption' });
    };
    cmd.commands.forEach(walk);
  };
  walk(program);
  // `kfk kafka-topics --list`: a tool's name as kfk's command.
  const root = program as unknown as Internals & { args: string[] };
  const unknownCommand = root.unknownCommand;
  root.unknownCommand = () => {
    const tool = root.args[0]?.replace(/\.sh$/, '');
    if ((KAFKA_TOOLS as readonly string[]).includes(tool)) root.error(`error: unknown command '${root.args[0]}' (Did you mean kfk compat ${tool}, or kfk-${tool}?)`, { code: 'commander.unknownCommand' });
    unknownCommand.call(root);
  };
}

/** The top-level command `cmd` is or is under (the same in a build of the whole tree and of that command alone). */
function topOf(cmd: AnyCommand): AnyCommand {
  let c = cmd;
  while (c.parent?.parent) c = c.parent;
  return c;
}

/** The long flags of the commands under `cmd`. */
function flagsBelow(cmd: AnyCommand, into = new Set<string>()): Set<string> {
  for (const sub of cmd.commands) {
    for (const o of sub.options) if (o.long) into.add(o.long);
    flagsBelow(sub, into);
  }
  return into;
}

/** The methods of commander's Command used here (unknownOption and unknownCommand are not in its types). */
interface Internals {
  unknownOption(flag: string): void;
  unknownCommand(): void;
  error(message: string, options?: { code?: string }): never;
}

const CAUGHT = Symbol('commander error caught');
