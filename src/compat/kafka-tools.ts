// The runbook tools' command lines (kafka-delete-records, kafka-metadata-quorum, ...) translated
// to kfk commands, with each tool's own wording of a bad argument. kafka-scripts.ts dispatches
// here. Most of these tools parse with joptsimple (long options, unique abbreviations,
// `--flag=value`); kafka-metadata-quorum and kafka-features with argparse4j.
import { KfkError } from '../errors.js';

/** A Kafka tool's error about its arguments: its line on stderr as it prints it, exit 1. */
export class ToolUsageError extends KfkError {
  constructor(message: string) {
    super(message, { exitCode: 1, verbatim: true });
    this.name = 'ToolUsageError';
  }
}

export interface JoptSpec {
  /** Options that take a value (without the leading --). */
  values: string[];
  /** Options without a value. */
  switches: string[];
}

export interface JoptResult {
  values: Map<string, string[]>;
  switches: Set<string>;
  positional: string[];
}

/** joptsimple's parse: `--name value`, `--name=value`, a unique prefix of a name; others are errors. */
export function parseJopt(spec: JoptSpec, args: string[]): JoptResult {
  const all = [...spec.values, ...spec.switches, 'help', 'version'];
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
    const name = all.includes(typed) ? typed : (() => {
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
    } else {
      out.switches.add(name);
    }
  }
  return out;
}

/** CommandLineUtils.checkRequiredArgs. */
function requireArgs(r: JoptResult, ...names: string[]): void {
  for (const n of names) if (!r.values.has(n)) throw new ToolUsageError(`Missing required argument "[${n}]"`);
}

const last = (r: JoptResult, name: string) => r.values.get(name)?.at(-1);

/** --bootstrap-server and --command-config, as kfk's flags. */
function connection(r: JoptResult): string[] {
  const out: string[] = [];
  const bs = last(r, 'bootstrap-server');
  if (bs !== undefined) out.push('--bootstrap-server', bs);
  const cc = last(r, 'command-config');
  if (cc !== undefined) out.push('--command-config', cc);
  return out;
}

function deleteRecords(args: string[]): string[] {
  const r = parseJopt({ values: ['bootstrap-server', 'offset-json-file', 'command-config'], switches: [] }, args);
  if (r.switches.has('help') || args.length === 0) return ['records', 'delete', '--help'];
  if (r.switches.has('version')) return ['--version'];
  requireArgs(r, 'bootstrap-server', 'offset-json-file');
  return ['records', 'delete', '-o', 'text', '--kafka-exit-codes', ...connection(r), '--offset-json-file', last(r, 'offset-json-file')!];
}

export interface ToolTranslation {
  argv: string[];
}

/** The tools translated here, by script name; undefined for another name. */
export function translateTool(tool: string, args: string[]): ToolTranslation | undefined {
  switch (tool.replace(/\.sh$/, '')) {
    case 'kafka-delete-records':
      return { argv: deleteRecords(args) };
    default:
      return undefined;
  }
}

export const RUNBOOK_TOOLS = ['kafka-delete-records'] as const;
