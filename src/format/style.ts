// Colour, decided once per stream: plain text in a pipe, colour on a terminal.
import type { TableStyle } from './topic-describe.js';

export async function tableStyle(color: boolean): Promise<TableStyle> {
  if (!color) return { bold: (s) => s, warn: (s) => s, bad: (s) => s };
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { bold: (s) => c.bold(s), warn: (s) => c.yellow(s), bad: (s) => c.red(s) };
}

/** -o: explicit choice, else Kafka-identical text in a pipe and a table on a terminal. */
export function outputMode(flag: string | undefined, stdoutIsTTY: boolean | undefined): 'text' | 'table' | 'json' {
  if (flag === 'text' || flag === 'table' || flag === 'json') return flag;
  return stdoutIsTTY ? 'table' : 'text';
}
