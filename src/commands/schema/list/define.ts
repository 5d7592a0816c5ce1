// `kfk schema list`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import type { AnyCommand, FlagsOf } from '../../../cli/commander.js';
import { connectionFlags, examples, outputFlag } from '../../../cli/flags.js';
import { REGISTRY_FLAG } from '../define.js';

export function define(parent: AnyCommand) {
  return connectionFlags(parent.command('list'))
    .description('list subjects (with --subject: its versions)')
    .option(...REGISTRY_FLAG)
    .option('--subject <subject>', 'list the versions of this subject')
    .option('--deleted', 'include soft-deleted subjects')
    .addOption(outputFlag())
    .addHelpText('after', examples('kfk schema list', 'kfk schema list --subject orders-value -o json'));
}

export type Flags = FlagsOf<typeof define>;
