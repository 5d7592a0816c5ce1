import { describe, expect, it } from 'vitest';
import type { IO } from '../../src/cli/io.js';
import { outputMode, render, type Views } from '../../src/cli/output.js';

/** An IO whose stdout is a terminal or not, collecting what is written. */
function fakeIO(isTTY: boolean): IO & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    stdin: undefined as never,
    stdout: { isTTY } as never,
    stderr: {} as never,
    env: {},
    color: false,
    colorErr: false,
    out: (text) => void written.push(String(text)),
    err: () => undefined,
    note: () => undefined,
    warn: () => undefined,
  };
}

const views: Views<string[]> = {
  text: (names) => names.map((n) => `${n}\n`).join(''),
  table: (names, style) => `TABLE ${style.bold(names.join(','))}\n`,
};

describe('the output layer', () => {
  it('takes -o as given, else text in a pipe and a table on a terminal', () => {
    expect(outputMode('json', true)).toBe('json');
    expect(outputMode('text', true)).toBe('text');
    expect(outputMode('table', false)).toBe('table');
    expect(outputMode(undefined, false)).toBe('text');
    expect(outputMode(undefined, true)).toBe('table');
  });

  it('renders the view -o chooses', async () => {
    const cases: Array<[string | undefined, boolean, string]> = [
      [undefined, false, 'a\nb\n'],
      [undefined, true, 'TABLE a,b\n'],
      ['text', true, 'a\nb\n'],
      ['table', false, 'TABLE a,b\n'],
      ['json', true, '["a","b"]\n'],
    ];
    for (const [flag, tty, expected] of cases) {
      const io = fakeIO(tty);
      await render(io, flag, ['a', 'b'], views);
      expect(io.written, `-o ${flag}, terminal: ${tty}`).toEqual([expected]);
    }
  });

  it('prints text where a command has no table view', async () => {
    const io = fakeIO(true);
    await render(io, 'table', ['a'], { text: views.text });
    expect(io.written).toEqual(['a\n']);
  });

  it('prints the JSON view, indented when asked', async () => {
    const io = fakeIO(false);
    await render(io, 'json', ['a'], { ...views, json: (names) => ({ names }), jsonIndent: 2 });
    expect(io.written).toEqual(['{\n  "names": [\n    "a"\n  ]\n}\n']);
  });

  it('writes nothing for an empty text', async () => {
    const io = fakeIO(false);
    await render(io, undefined, [], views);
    expect(io.written).toEqual([]);
  });
});
