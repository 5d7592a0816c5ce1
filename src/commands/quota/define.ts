// `kfk quota`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const quota = program.command('quota').description('client quotas of users, client ids and IPs (kafka-configs --entity-type users|clients|ips)');
  quota.addHelpText('after', examples('kfk quota describe', 'kfk quota alter --user alice --add-config producer_byte_rate=1048576'));
  return quota;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['describe', 'alter'] as const;
