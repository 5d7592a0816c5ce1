// `kfk user scram`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../../cli/commander.js';
import { examples } from '../../../cli/flags.js';

export function define(parent: AnyCommand) {
  const scram = parent.command('scram').description('SCRAM-SHA-256/512 credentials of users: describe, set, delete (kafka-configs --entity-type users, SCRAM-SHA-*)');
  scram.addHelpText(
    'after',
    examples(
      'kfk user scram describe --user alice',
      'kfk user scram set --user alice --password-file ./alice.pw',
      'KFK_PW=... kfk user scram set --user alice --mechanism SCRAM-SHA-512 --iterations 8192 --password-env KFK_PW',
      'kfk user scram delete --user alice --mechanism SCRAM-SHA-256',
    ),
  );
  return scram;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['describe', 'set', 'delete'] as const;
