// `kfk local`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const local = program.command('local').description('run a real Apache Kafka on this machine for development and tests');
  local.addHelpText('after', examples('kfk local start', 'kfk local start --brokers 3', 'kfk local status', 'kfk local stop'));
  return local;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['start', 'stop', 'status', 'logs', 'install'] as const;
