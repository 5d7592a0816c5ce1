// The command reference in docs/reference.md, generated from the same command tree as --help.
import type { AnyCommand as Command } from '../cli/commander.js';
import { buildProgram } from '../cli/program.js';

function helpOf(cmd: Command): string {
  // addHelpText('after', ...) is printed by outputHelp, not helpInformation: capture both.
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.configureHelp({ helpWidth: 100 }); // the same on a terminal and in a pipe
  cmd.outputHelp();
  return text.trimEnd();
}

export function generateReference(): string {
  const program = buildProgram('', () => async () => undefined);
  const sections: string[] = ['# kfk command reference', '', 'Generated from the command tree (`node scripts/gen-docs.mjs`); the same text as `kfk <command> --help`.', ''];
  const visit = (cmd: Command, path: string[]) => {
    if ((cmd as unknown as { _hidden?: boolean })._hidden) return;
    sections.push(`## ${['kfk', ...path].join(' ')}`, '', '```text', helpOf(cmd), '```', '');
    for (const c of cmd.commands) visit(c, [...path, c.name()]);
  };
  visit(program, []);
  return sections.join('\n');
}
