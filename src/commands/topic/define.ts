// `kfk topic`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const topic = program.command('topic').description('create, alter, describe, list and delete topics (kafka-topics)');
  topic.addHelpText('after', examples('kfk topic list', 'kfk topic describe --topic orders'));
  return topic;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['create', 'alter', 'describe', 'list', 'delete'] as const;
