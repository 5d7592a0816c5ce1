// `kfk transaction`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const tx = program.command('transaction').description("transactions: list them, describe one, a partition's producers, find and abort hanging ones (kafka-transactions)");
  tx.addHelpText(
    'after',
    examples(
      'kfk transaction list',
      'kfk transaction describe --transactional-id orders-tx',
      'kfk transaction describe-producers --topic orders --partition 0',
      'kfk transaction find-hanging --broker-id 1',
      'kfk transaction abort --topic orders --partition 0 --start-offset 1042',
      'kfk transaction force-terminate --transactional-id orders-tx',
    ),
  );
  return tx;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'describe', 'describe-producers', 'find-hanging', 'abort', 'force-terminate'] as const;
