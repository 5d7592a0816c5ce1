// `kfk share-group`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const group = program.command('share-group').description('share groups (KIP-932): start offsets, lag, members, offset resets (kafka-share-groups)');
  group.addHelpText(
    'after',
    examples('kfk share-group list --state', 'kfk share-group describe --group workers --members', 'kfk share-group reset-offsets --group workers --topic orders --to-earliest --execute') +
      '\nA share group is joined with `kfk consume --share-group G`; `kfk config alter --group G --add-config\nshare.auto.offset.reset=earliest` makes a new one start at the log start.\n',
  );
  return group;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'describe', 'reset-offsets', 'delete', 'delete-offsets'] as const;
