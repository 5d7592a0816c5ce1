// kafka-transactions' command line (TransactionsCommand, argparse4j) translated to `kfk
// transaction`, with the tool's errors as it prints them: each argument converted to its Java
// type as it is read, the first bad one reported; then the required ones; the line wrapped and
// justified to 75 columns as argparse4j does when no terminal width is known.
import { KfkError } from '../errors.js';

/** The tool's error line about its arguments, printed as it is, exit 1 (as kafka-tools.ts' ToolUsageError). */
class ArgparseError extends KfkError {
  constructor(message: string) {
    super(message, { exitCode: 1, verbatim: true });
    this.name = 'ToolUsageError';
  }
}

type JavaType = 'String' | 'Integer' | 'Long' | 'Short';

interface SubSpec {
  options: Record<string, JavaType>;
  required: string[];
}

// In the order kafka-transactions lists them in its `invalid choice` error.
const SUBS: Record<string, SubSpec> = {
  list: { options: { '--duration-filter': 'Long', '--transactional-id-pattern': 'String' }, required: [] },
  describe: { options: { '--transactional-id': 'String' }, required: ['--transactional-id'] },
  'describe-producers': { options: { '--broker-id': 'Integer', '--topic': 'String', '--partition': 'Integer' }, required: ['--partition', '--topic'] },
  abort: {
    options: { '--topic': 'String', '--partition': 'Integer', '--start-offset': 'Long', '--producer-id': 'Long', '--producer-epoch': 'Short', '--coordinator-epoch': 'Integer' },
    required: ['--partition', '--topic'],
  },
  'find-hanging': { options: { '--broker-id': 'Integer', '--max-transaction-timeout': 'Integer', '--topic': 'String', '--partition': 'Integer' }, required: [] },
  forceTerminateTransaction: { options: { '--transactionalId': 'String' }, required: ['--transactionalId'] },
};
const GLOBAL = ['--bootstrap-server', '--command-config'];

const RANGES: Record<Exclude<JavaType, 'String'>, [bigint, bigint]> = {
  Short: [-32768n, 32767n],
  Integer: [-2147483648n, 2147483647n],
  Long: [-9223372036854775808n, 9223372036854775807n],
};

/** Where java.text.BreakIterator's line instance allows a break in these strings: after spaces, and after a hyphen or dot inside a word. */
function segments(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const next = s[i + 1];
    if (next === undefined) break;
    const afterSpace = (c === ' ' || c === '\n') && next !== ' ';
    const afterHyphen = c === '-' && /[A-Za-z0-9]/.test(next) && i > 0 && /[^\s'"(]/.test(s[i - 1]) && !(/[0-9]/.test(next) && !/[0-9A-Za-z]/.test(s[i - 1]));
    const afterDot = c === '.' && /[A-Za-z]/.test(next) && i > 0 && /[A-Za-z0-9]/.test(s[i - 1]);
    if (afterSpace || afterHyphen || afterDot) {
      out.push(s.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** TextHelper.adjustSpace: trims the line, then widens its runs of spaces to fill `width`. */
function justify(line: string, width: number): string {
  const trimmed = line.replace(/^ +/, '').replace(/ +$/, '');
  const blocks = trimmed.match(/ +/g)?.length ?? 0;
  if (blocks === 0) return trimmed;
  const need = width - trimmed.length;
  const each = Math.floor(need / blocks);
  const rem = need % blocks;
  const remStart = Math.floor((blocks - rem + 1) / 2);
  let b = 0;
  return trimmed.replace(/ +/g, (run) => {
    const add = each + (remStart <= b && b < remStart + rem ? 1 : 0);
    b++;
    return run + ' '.repeat(add);
  });
}

/** argparse4j's `prog: error: message` as handleError prints it (TextHelper.wrap at 75 columns), without the last newline. */
export function argparseErrorText(prog: string, message: string, width = 75): string {
  const text = `${prog}: error: ${message}\n`;
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const seg of segments(text)) {
    currentWidth += seg.length;
    if (currentWidth > width) {
      lines.push(justify(current, width));
      current = '';
      currentWidth = seg.length;
    }
    current += seg;
  }
  lines.push(current);
  return lines.join('\n').replace(/\n$/, '');
}

const usage = (message: string) => new ArgparseError(argparseErrorText('kafka-transactions.sh', message));

function convert(name: string, type: JavaType, value: string): string {
  if (type === 'String') return value;
  const ok = /^[+-]?\d+$/.test(value);
  const v = ok ? BigInt(value) : undefined;
  const [lo, hi] = RANGES[type];
  if (v !== undefined && v >= lo && v <= hi) return String(v);
  // Integer/Long.parseLong name the input; Short.parseShort says when it is out of its range.
  const why = type === 'Short' && ok ? `Value out of range. Value:"${value}" Radix:10` : `For input string: "${value}"`;
  throw usage(`argument ${name}: could not convert '${value}' to ${type} (${why})`);
}

interface Parsed {
  help: boolean;
  version: boolean;
  global: Map<string, string>;
  sub?: string;
  values: Map<string, string>;
}

function resolve(typed: string, names: string[]): string {
  if (names.includes(typed)) return typed;
  const m = names.filter((n) => n.startsWith(typed)).sort();
  if (m.length === 1) return m[0];
  if (m.length > 1) throw usage(`ambiguous option: ${typed} could match ${m.join(', ')}`);
  throw usage(`unrecognized arguments: '${typed}'`);
}

function parse(args: string[]): Parsed {
  const out: Parsed = { help: false, version: false, global: new Map(), values: new Map() };
  const isValue = (a: string | undefined) => a !== undefined && (!a.startsWith('-') || /^-\d/.test(a));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') {
      out.help = true;
      continue;
    }
    if (out.sub === undefined && (a === '-v' || a === '--version')) {
      out.version = true;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const typed = eq > 0 ? a.slice(0, eq) : a;
    const spec = out.sub === undefined ? undefined : SUBS[out.sub];
    if (!a.startsWith('-') || a === '-') {
      if (out.sub !== undefined) throw usage(`unrecognized arguments: '${a}'`);
      if (!(a in SUBS)) throw usage(`invalid choice: '${a}' (choose from ${Object.keys(SUBS).map((k) => `'${k}'`).join(', ')})`);
      out.sub = a;
      continue;
    }
    const name = resolve(typed, spec ? Object.keys(spec.options) : GLOBAL);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (isValue(args[i + 1])) value = args[++i];
    else throw usage(`argument ${name}: expected one argument`);
    if (spec) out.values.set(name, convert(name, spec.options[name], value));
    else out.global.set(name, value);
  }
  return out;
}

/** `kafka-transactions ...` as a kfk command line. */
export function translateTransactions(args: string[]): string[] {
  const r = parse(args);
  if (r.help) return ['transaction', ...(r.sub === undefined ? [] : [r.sub === 'forceTerminateTransaction' ? 'force-terminate' : r.sub]), '--help'];
  if (r.version) return ['--version'];
  if (r.sub === undefined) throw usage('too few arguments');
  if (!r.global.has('--bootstrap-server')) throw usage('argument --bootstrap-server is required');
  for (const req of SUBS[r.sub].required) if (!r.values.has(req)) throw usage(`argument ${req} is required`);
  const conn = ['--bootstrap-server', r.global.get('--bootstrap-server')!, ...(r.global.has('--command-config') ? ['--command-config', r.global.get('--command-config')!] : [])];
  const pass = (...names: string[]) => names.flatMap((n) => (r.values.has(n) ? [n, r.values.get(n)!] : []));
  switch (r.sub) {
    case 'list':
      return ['transaction', 'list', '-o', 'text', '--kafka-errors', ...conn, ...pass('--duration-filter', '--transactional-id-pattern')];
    case 'describe':
      return ['transaction', 'describe', '-o', 'text', '--kafka-errors', ...conn, ...pass('--transactional-id')];
    case 'describe-producers':
      return ['transaction', 'describe-producers', '-o', 'text', '--kafka-errors', ...conn, ...pass('--topic', '--partition', '--broker-id')];
    case 'abort':
      return ['transaction', 'abort', '-o', 'text', '--kafka-errors', ...conn, ...pass('--topic', '--partition', '--start-offset', '--producer-id', '--producer-epoch', '--coordinator-epoch')];
    case 'find-hanging':
      return ['transaction', 'find-hanging', '-o', 'text', '--kafka-errors', ...conn, ...pass('--broker-id', '--topic', '--partition', '--max-transaction-timeout')];
    case 'forceTerminateTransaction':
      return ['transaction', 'force-terminate', '-o', 'text', '--kafka-errors', ...conn, '--transactional-id', r.values.get('--transactionalId')!];
    default:
      throw new KfkError(`Unexpected command ${r.sub}`);
  }
}
