// `kfk config`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const config = program.command('config').description('describe and change topic and broker configs (kafka-configs)');
  config.addHelpText('after', examples('kfk config describe --topic orders', 'kfk config alter --topic orders --set retention.ms=3600000'));
  return config;
}
