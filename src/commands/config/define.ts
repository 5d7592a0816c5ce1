// `kfk config`: the group of subcommands and its help; each subcommand is a folder beside this file.
import type { AnyCommand, Command, OptionValues } from '../../cli/commander.js';
import { bootstrapControllerFlag, examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  const config = program.command('config').description('describe and change topic, broker, group and client metrics configs (kafka-configs)');
  config.addHelpText('after', examples('kfk config describe --topic orders', 'kfk config alter --topic orders --set retention.ms=3600000'));
  return config;
}

/** The resource both subcommands act on (read by ./resource.ts): --topic, --broker, --group or --client-metrics. */
export function resourceFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, groupHelp: string) {
  return cmd
    .addOption(bootstrapControllerFlag())
    .option('--topic <name>', 'topic')
    .option('--broker <id>', 'broker id')
    .option('--group <id>', groupHelp)
    .option('--client-metrics [name]', 'client metrics subscription (kafka-configs --entity-type client-metrics; kfk client-metrics); describe without a name: every one');
}

/** The subcommands, each a folder beside this file, in the order help lists them (read by scripts/gen-registry.mjs). */
export const subcommands = ['describe', 'alter'] as const;
