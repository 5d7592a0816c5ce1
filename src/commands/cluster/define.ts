// `kfk cluster`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';

export function define(program: AnyCommand) {
  return program.command('cluster').description('the cluster: id, controller, brokers, the metadata quorum and feature levels');
}
