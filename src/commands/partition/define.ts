// `kfk partition`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const partition = program.command('partition').description('leader elections and reassignments of partitions (kafka-leader-election, kafka-reassign-partitions)');
  partition.addHelpText('after', examples('kfk partition elect-leaders --topic orders', 'kfk partition elect-leaders --all-topic-partitions'));
  return partition;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['elect-leaders', 'reassign'] as const;
