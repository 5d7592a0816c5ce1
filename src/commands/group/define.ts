// `kfk group`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const group = program.command('group').description('consumer groups: lag, members, offset resets (kafka-consumer-groups)');
  group.addHelpText('after', examples('kfk group list', 'kfk group describe --group billing', 'kfk group reset-offsets --group billing --topic orders --to-earliest --execute'));
  return group;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'describe', 'reset-offsets', 'delete', 'delete-offsets'] as const;
