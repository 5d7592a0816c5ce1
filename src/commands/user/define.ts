// `kfk user`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const user = program.command('user').description('users the cluster authenticates: their SCRAM credentials (kafka-configs --entity-type users)');
  user.addHelpText('after', examples('kfk user scram describe', 'kfk user scram set --user alice --mechanism SCRAM-SHA-512 --password-file ./alice.pw', 'kfk user scram delete --user alice --mechanism SCRAM-SHA-512'));
  return user;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['scram'] as const;
