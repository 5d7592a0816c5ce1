// Colour, decided once per stream: plain text in a pipe, colour on a terminal.
import type { TableStyle } from './topic-describe.js';

export async function tableStyle(color: boolean): Promise<TableStyle> {
  if (!color) return { bold: (s) => s, warn: (s) => s, bad: (s) => s };
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { bold: (s) => c.bold(s), warn: (s) => c.yellow(s), bad: (s) => c.red(s) };
}
