// `kfk records`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const records = program.command('records').description("delete a partition's records before an offset (kafka-delete-records)");
  records.addHelpText('after', examples('kfk records delete --topic orders --partition 0 --before-offset 100'));
  return records;
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['delete'] as const;
