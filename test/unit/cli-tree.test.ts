import type { AnyCommand as Command } from '../../src/cli/commander.js';
import { describe, expect, it } from 'vitest';
import { TOP_LEVEL_ONLY, buildProgram } from '../../src/cli/program.js';

function leaves(cmd: Command, path: string[] = []): Array<{ path: string[]; cmd: Command }> {
  const subs = cmd.commands.filter((c) => c.name() !== 'help');
  if (subs.length === 0) return [{ path, cmd }];
  return subs.flatMap((c) => leaves(c, [...path, c.name()]));
}

describe('the command tree', () => {
  const program = buildProgram('0.0.0', () => async () => undefined);
  const all = leaves(program);
  it('has the commands every runbook needs', () => {
    const names = all.map((l) => l.path.join(' '));
    for (const n of ['topic create', 'topic alter', 'topic describe', 'topic list', 'topic delete', 'produce', 'consume', 'local start', 'local stop', 'local status', 'local logs', 'group list', 'group describe', 'group reset-offsets', 'group delete', 'group delete-offsets', 'config describe', 'config alter', 'cluster describe', 'offsets']) {
      expect(names).toContain(n);
    }
  });
  it.each(all.map((l) => [l.path.join(' '), l.cmd] as const))('%s --help shows an example', (_name, cmd) => {
    let text = '';
    cmd.configureOutput({ writeOut: (s) => (text += s) });
    cmd.outputHelp();
    expect(text).toMatch(/Examples:\n {2}\$ .*\bkfk /);
  });
});

describe('kfk --help from the top-level commands alone', () => {
  it('is the same text as from the whole tree', () => {
    const help = (program: Command) => {
      let text = '';
      program.configureOutput({ writeOut: (s) => (text += s) });
      program.outputHelp();
      return text;
    };
    const whole = help(buildProgram('0.0.0', () => async () => undefined));
    const top = buildProgram('0.0.0', () => async () => undefined, undefined, TOP_LEVEL_ONLY);
    expect(help(top)).toBe(whole);
    expect(whole).toContain('  topic ');
    // The top-level commands only: nothing under them was defined.
    expect(top.commands.find((c) => c.name() === 'topic')?.commands).toEqual([]);
  });
});
