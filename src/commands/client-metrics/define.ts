// `kfk client-metrics`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const cmd = program
    .command('client-metrics')
    .description('client metrics subscriptions (KIP-714): which metrics clients push to the brokers, how often, from which clients (kafka-client-metrics)');
  cmd.addHelpText('after', examples('kfk client-metrics list', 'kfk client-metrics alter --name producers --metrics org.apache.kafka.producer. --interval 60000 --match client_software_name=kfk'));
  return cmd;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['list', 'describe', 'alter', 'delete'] as const;
