// `kfk partition reassign`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand, Command, OptionValues } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  const r = parent.command('reassign').description('move partitions between brokers with kafka-reassign-partitions\' JSON files: generate, execute, verify, cancel, list');
  r.addHelpText('after', examples('kfk partition reassign execute --reassignment-json-file plan.json --throttle 10000000', 'kfk partition reassign verify --reassignment-json-file plan.json'));
  return r;
}

/** The JSON file given to execute, and --preserve-throttles: what verify and cancel take. */
export function reassignmentFileFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd.requiredOption('--reassignment-json-file <file>', 'the JSON file given to execute').option('--preserve-throttles', 'leave the throttles in place');
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['generate', 'execute', 'verify', 'cancel', 'list'] as const;
