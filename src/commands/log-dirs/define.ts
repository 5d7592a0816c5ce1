// `kfk log-dirs`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const logDirs = program.command('log-dirs').description("brokers' log directories and the size of each topic in them (kafka-log-dirs)");
  logDirs.addHelpText('after', examples('kfk log-dirs describe', 'kfk log-dirs describe --topic-list orders'));
  return logDirs;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['describe'] as const;
