// The command-line parser of Kafka's joptsimple tools (long options, `--flag=value`, unique
// abbreviations unless the tool's parser refuses them) and the errors a drop-in reports in the
// tool's own words.
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

export interface JoptSpec {
  /** Options that take a value (without the leading --). */
  values: string[];
  /** Options without a value. */
  switches: string[];
  /** Options whose value may be left out (`--state`, `--state stable`): in `values` when given one, else in `switches`. */
  optional?: string[];
  /** Whole names only, as a parser built with `new OptionParser(false)` (kafka-consumer-groups). */
  exact?: boolean;
}

export interface JoptResult {
  values: Map<string, string[]>;
  switches: Set<string>;
  positional: string[];
}

/** joptsimple's parse: `--name value`, `--name=value`, a unique prefix of a name; others are errors. */
export function parseJopt(spec: JoptSpec, args: string[]): JoptResult {
  const optional = spec.optional ?? [];
  const all = [...spec.values, ...spec.switches, ...optional, 'help', 'version'];
  const out: JoptResult = { values: new Map(), switches: new Set(), positional: [] };
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
    const typed = eq >= 0 ? body.slice(0, eq) : body;
    const name = all.includes(typed) ? typed : spec.exact ? undefined : (() => {
      const matches = all.filter((n) => n.startsWith(typed));
      return matches.length === 1 ? matches[0] : undefined;
    })();
    if (name === undefined || typed === '') throw new ToolUsageError(`${typed} is not a recognized option`);
    if (spec.values.includes(name)) {
      let v: string | undefined;
      if (eq >= 0) v = body.slice(eq + 1);
      else if (i + 1 < args.length && !(args[i + 1].startsWith('--') && args[i + 1].length > 2)) v = args[++i];
      if (v === undefined) throw new ToolUsageError(`Option ${name} requires an argument`);
      (out.values.get(name) ?? out.values.set(name, []).get(name)!).push(v);
    } else if (optional.includes(name)) {
      // joptsimple takes the next word as the value unless it is an option.
      const v = eq >= 0 ? body.slice(eq + 1) : i + 1 < args.length && !args[i + 1].startsWith('-') ? args[++i] : undefined;
      if (v === undefined) out.switches.add(name);
      else (out.values.get(name) ?? out.values.set(name, []).get(name)!).push(v);
    } else {
      out.switches.add(name);
    }
  }
  return out;
}
