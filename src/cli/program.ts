// The command tree: kfk's top-level options and help, and buildProgram(), which defines each
// command from the registry. The registry (commands.generated.ts, written by
// scripts/gen-registry.mjs from the folders of src/commands/) holds every command's define.ts (its
// flags and help, light) and its run module (run.ts beside it), loaded only when that command
// runs. The flags a run receives are typed from its define.ts (runs() in command-node.ts).
import { Command, type AnyCommand, type Option } from './commander.js';
import type { Node, RunLoader } from './command-node.js';
import { COMMANDS } from './commands.generated.js';
import { examples } from './flags.js';
import { hintKafkaFlags } from './kafka-flags.js';

/** Makes a command's action from its run module: main.ts builds the context and loads the module. */
export type Launcher = <F>(load: RunLoader<F>) => (flags: F, command: AnyCommand) => Promise<void>;

export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** The top-level commands, in the order help lists them (scripts/gen-registry.mjs reads this list; `__complete` is the folder complete-names). */
export const TOP_LEVEL_COMMANDS = ['topic', 'group', 'share-group', 'streams-group', 'config', 'acl', 'cluster', 'offsets', 'records', 'partition', 'log-dirs', 'quota', 'user', 'token', 'client-metrics', 'dump-log', 'transaction', 'produce', 'consume', 'schema', 'local', 'compat', 'completion', '__complete'] as const;

/** buildProgram's `only` for the top-level commands alone, without their subcommands or actions. */
export const TOP_LEVEL_ONLY = Symbol('top-level commands only');

/** Defines a node under its parent, and its subcommands; a command that runs gets its action: its run module, with its positional arguments among the flags under their names. */
function add(parent: AnyCommand, node: Node, launch: Launcher, shallow = false): void {
  const cmd = node.define(parent);
  if (shallow) return;
  if ('subs' in node) {
    for (const sub of node.subs) add(cmd, sub, launch);
    return;
  }
  if (!node.load) return;
  const action = launch(node.load);
  cmd.action((...args: unknown[]) => {
    const command = args[args.length - 1] as AnyCommand;
    const flags = args[args.length - 2] as Record<string, unknown>;
    if (command.registeredArguments.length === 0) return action(flags, command);
    return action({ ...flags, ...Object.fromEntries(command.registeredArguments.map((a, i) => [a.name(), args[i]])) }, command);
  });
}

/**
 * The command tree. With `only`, just that top-level command is built (what a run of it needs:
 * building every command's options is a few ms of each start). With TOP_LEVEL_ONLY, the
 * top-level commands without what is under them: enough for `kfk --help` (which lists their
 * names, arguments and descriptions only), `--version` and an unknown command's error.
 */
export function buildProgram(
  version: string,
  launch: Launcher,
  output?: ProgramOutput,
  only?: (typeof TOP_LEVEL_COMMANDS)[number] | typeof TOP_LEVEL_ONLY,
): AnyCommand {
  // `kfk completion` prints a script for the whole tree, so it is built whole.
  const shallow = only === TOP_LEVEL_ONLY;
  const whole = only === undefined || only === 'completion' || shallow;
  const program = new Command('kfk');
  // Set before any subcommand exists: commander copies these settings into each one.
  program.exitOverride();
  if (output) {
    program.configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      // commander's errors are "error: ...\n(Did you mean x?)": make them one kfk line.
      outputError: (text, write) => write(`kfk: ${text.replace(/^error: /, '').replace(/\n\((Did you mean [^)]*)\)/, ' ($1)').replace(/\s*$/, '')}\n`),
    });
  }
  program
    .description('A fast command-line toolkit for Apache Kafka: topics, produce, consume.')
    .version(version, '-V, --version', 'print the kfk version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    // kfk's help has no colour: a text's width is its length. commander's own measure strips
    // colour codes with a regular expression for every word it wraps, about a third of the time
    // `kfk --help` spends in commander.
    .configureHelp({ displayWidth: (text) => (text.includes('\x1b') ? stripColor(text).length : text.length) })
    .addHelpText(
      'after',
      examples(
        'kfk local start',
        'kfk topic create --topic orders --partitions 3',
        'seq 1 5 | kfk produce --topic orders',
        'kfk consume --topic orders --from-beginning --timeout-ms 1000',
      ) +
        '\nExit codes: 0 success, 1 failure, 2 usage error.\n' +
        'Configuration: flags > environment > --command-config > profile > defaults.\n',
    );

  for (const name of TOP_LEVEL_COMMANDS) if (whole || only === name) add(program, COMMANDS[name], launch, shallow);

  deferRequiredOptions(program);
  hintKafkaFlags(program);
  return program;
}

/** A text without its colour codes (commander's expression, for a text that has them). */
function stripColor(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a colour code starts with ESC
  return text.replace(/\x1b\[\d*(;\d*)*m/g, '');
}

/**
 * commander checks required options before unknown ones, so `kfk produce --topik x` would say
 * that --topic is missing. Required options are checked after, when the command is about to run
 * (unknown options have been reported by then), with commander's wording.
 */
function deferRequiredOptions(program: AnyCommand): void {
  const required = new WeakSet<Option>();
  const walk = (cmd: AnyCommand) => {
    for (const o of cmd.options) {
      if (o.mandatory) {
        o.mandatory = false;
        required.add(o);
      }
    }
    cmd.commands.forEach(walk);
  };
  walk(program);
  program.hook('preAction', (_program, command) => {
    for (const o of command.options) {
      if (required.has(o) && command.getOptionValue(o.attributeName()) === undefined) {
        command.error(`error: required option '${o.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
      }
    }
  });
}
