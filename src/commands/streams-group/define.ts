// `kfk streams-group`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const group = program.command('streams-group').description('streams groups (KIP-1071, Kafka Streams applications): lag, members and tasks, state (kafka-streams-groups)');
  group.addHelpText(
    'after',
    examples('kfk streams-group list --state', 'kfk streams-group describe --group orders-app', 'kfk streams-group describe --group orders-app --members --verbose') +
      '\nA streams group is the application.id of a Kafka Streams application run with group.protocol=streams.\n',
  );
  return group;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'describe', 'reset-offsets', 'delete', 'delete-offsets'] as const;
