// `kfk cluster`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';

export function define(program: AnyCommand) {
  return program.command('cluster').description('the cluster: id, controller, brokers, the metadata quorum and feature levels');
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['describe', 'quorum', 'features', 'add-controller', 'remove-controller', 'id', 'endpoints', 'api-versions', 'unregister', 'unregister-controller'] as const;
