// The command-line parser of Kafka's joptsimple tools, as Kafka 4.x's CommandDefaultOptions sets
// it up, to the letter: long options (`--name`, `-name`, `--name=value`) spelled out in full (its
// parser takes no abbreviations), an option's required argument the next token whatever it looks
// like, an optional argument the next token unless that starts with a hyphen, and `availableIf`
// (an option only beside another); and the errors a drop-in reports in the tool's own words.
import { KfkError } from '../errors.js';

/** A Kafka tool's error about its arguments: its line on stderr as it prints it, exit 1. */
export class ToolUsageError extends KfkError {
  constructor(message: string) {
    super(message, { exitCode: 1, verbatim: true });
    this.name = 'ToolUsageError';
  }
}

/**
 * What a tool prints on stdout, exit 0, for a command line it takes but then fails on before it
 * asks the cluster anything (kafka-consumer-groups' `Error: ...` for a value it cannot convert).
 */
export class ToolReport extends KfkError {
  constructor(text: string) {
    super(text, { exitCode: 0, verbatim: true });
    this.name = 'ToolReport';
  }
}

/** Whether `text` is a value Java's Long.parseLong takes (as joptsimple converts an option of type Long). */
export function isJavaLong(text: string): boolean {
  return /^[+-]?\d+$/.test(text) && BigInt(text) <= 9223372036854775807n && BigInt(text) >= -9223372036854775808n;
}

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

export interface JoptSpec {
  /** Options that take a value (without the leading --). */
  values: string[];
  /** Options without a value. */
  switches: string[];
  /** Options whose value may be left out (`--state`, `--state stable`): in `values` when given one, else in `switches`. */
  optional?: string[];
}

export interface JoptResult {
  values: Map<string, string[]>;
  switches: Set<string>;
  positional: string[];
}

/** parseJoptStrict's parse, the options with a value apart from those without. */
export function parseJopt(spec: JoptSpec, args: string[]): JoptResult {
  const parsed = parseJoptStrict({ required: spec.values, optional: spec.optional, switches: spec.switches }, args);
  const out: JoptResult = { values: new Map(), switches: new Set(), positional: parsed.positional };
  for (const [name, values] of parsed.values) {
    if (values.length) out.values.set(name, values);
    else out.switches.add(name);
  }
  return out;
}

/** A parse error as the JVM reports joptsimple's exception when the tool does not catch it (kafka-consumer-groups, kafka-reassign-partitions). */
export function parseJoptUncaught(spec: JoptSpec, args: string[]): JoptResult {
  try {
    return parseJopt(spec, args);
  } catch (err) {
    if (!(err instanceof ToolUsageError)) throw err;
    const kind = err.message.endsWith('requires an argument') ? 'OptionMissingRequiredArgumentException' : 'UnrecognizedOptionException';
    throw new ToolUsageError(`Exception in thread "main" joptsimple.${kind}: ${err.message}`);
  }
}
