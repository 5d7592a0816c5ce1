// joptsimple's command-line parse as Kafka 4.x's CommandDefaultOptions sets it up, to the letter:
// long options (`--name`, `-name`, `--name=value`) spelled out in full, an option's required
// argument the next token whatever it looks like, an optional argument the next token unless
// that starts with a hyphen, and `availableIf` (an option only beside another). Beside jopt.ts'
// parser, which the older drop-ins use, for the tools whose errors depend on these
// (kafka-share-groups, kafka-get-offsets).
import { ToolUsageError } from './jopt.js';

export interface JoptOptions {
  /** Options that take a value. */
  required: string[];
  /** Options whose value may be left out (`withOptionalArg`). */
  optional?: string[];
  /** Options without a value. */
  switches: string[];
  /** Options only allowed beside one of these (`availableIf`), by option. */
  availableIf?: Record<string, string[]>;
}

export interface JoptParsed {
  /** Each option given, with its values in order (a switch or an optional argument left out: none). */
  values: Map<string, string[]>;
  /** The options in command-line order. */
  order: string[];
  positional: string[];
}

/** Parses `args` as joptsimple does, with its messages for an unknown option or a missing argument. */
export function parseJoptStrict(spec: JoptOptions, args: string[]): JoptParsed {
  const optional = spec.optional ?? [];
  const known = new Set([...spec.required, ...optional, ...spec.switches, 'help', 'version']);
  const out: JoptParsed = { values: new Map(), order: [], positional: [] };
  // joptsimple takes any token that starts with a hyphen (but `-` and `--`) for an option.
  const optionish = (a: string) => a.startsWith('-') && a !== '-' && a !== '--';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      out.positional.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (!known.has(name)) throw new ToolUsageError(`${name} is not a recognized option`);
    const values = out.values.get(name) ?? out.values.set(name, []).get(name)!;
    out.order.push(name);
    if (spec.required.includes(name)) {
      if (eq >= 0) values.push(body.slice(eq + 1));
      else if (i + 1 < args.length) values.push(args[++i]);
      else throw new ToolUsageError(`Option ${name} requires an argument`);
    } else if (optional.includes(name)) {
      if (eq >= 0) values.push(body.slice(eq + 1));
      else if (i + 1 < args.length && !optionish(args[i + 1])) values.push(args[++i]);
    }
    // A switch's `=value` is left aside, as joptsimple does.
  }
  // availableIf: the options given without one they need, in the order they were defined.
  const unavailable = Object.entries(spec.availableIf ?? {})
    .filter(([name, needs]) => out.values.has(name) && !needs.some((n) => out.values.has(n)))
    .map(([name]) => name);
  if (unavailable.length) throw new ToolUsageError(`Option(s) [${unavailable.join(', ')}] are unavailable given other options on the command line`);
  return out;
}
