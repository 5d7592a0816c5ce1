// `kfk completion <shell>`: its argument and help. The work is in ./run.ts, loaded when the command runs.
import { Argument, type AnyCommand, type ArgsOf, type FlagsOf } from '../../cli/commander.js';
import { examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  return program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      examples('kfk completion bash > ~/.local/share/bash-completion/completions/kfk', 'kfk completion zsh > "${fpath[1]}/_kfk"', 'kfk completion fish > ~/.config/fish/completions/kfk.fish'),
    );
}

/** The flags, and the <shell> argument under its name. */
export type Flags = FlagsOf<typeof define> & { shell: ArgsOf<typeof define>[0] };
