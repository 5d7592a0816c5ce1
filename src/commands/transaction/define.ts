// `kfk transaction`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const tx = program.command('transaction').description('transactions: list them, describe one, a partition\'s producers (kafka-transactions)');
  tx.addHelpText('after', examples('kfk transaction list', 'kfk transaction describe --transactional-id orders-tx', 'kfk transaction describe-producers --topic orders --partition 0'));
  return tx;
}
