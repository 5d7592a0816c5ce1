// The output layer: a command hands over a plain result and its views, and -o picks the view
// once, here: json, a table, or text (Kafka's tool's text, what a pipe gets by default).
import type { IO } from './io.js';
import { tableStyle } from '../format/style.js';
import type { TableStyle } from '../format/topic-describe.js';

export type OutputFormat = 'text' | 'table' | 'json';

export interface Views<R> {
  /** Kafka's tool's text; also what a command without a table view prints on a terminal. */
  text(result: R): string | Promise<string>;
  /** A table for a terminal, styled only when colour is on. */
  table?(result: R, style: TableStyle): string | Promise<string>;
  /** The JSON document (default: the result itself). */
  json?(result: R): unknown;
  /** Spaces to indent the JSON with (default: one line). */
  jsonIndent?: number;
}

/** -o: explicit choice, else Kafka-identical text in a pipe and a table on a terminal. */
export function outputMode(flag: string | undefined, stdoutIsTTY: boolean | undefined): OutputFormat {
  if (flag === 'text' || flag === 'table' || flag === 'json') return flag;
  return stdoutIsTTY ? 'table' : 'text';
}

/** Writes `result` to stdout in the chosen view; an empty text writes nothing. */
export async function render<R>(io: IO, flag: string | undefined, result: R, views: Views<R>): Promise<void> {
  const mode = outputMode(flag, io.stdout.isTTY);
  let out: string;
  if (mode === 'json') out = JSON.stringify(views.json ? views.json(result) : result, null, views.jsonIndent) + '\n';
  else if (mode === 'table' && views.table) out = await views.table(result, await tableStyle(io.color));
  else out = await views.text(result);
  if (out !== '') await io.out(out);
}
