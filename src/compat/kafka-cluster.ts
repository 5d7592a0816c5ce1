// kafka-cluster's command line (ClusterTool, argparse4j) translated to `kfk cluster`: cluster-id,
// unregister, unregister-controller and list-endpoints, with the tool's argument errors as
// argparse4j prints them (wrapped and justified at 75 columns).
import { KfkError } from '../errors.js';
import { argparseErrorText } from './kafka-transactions.js';

/** The tool's error line about its arguments, printed as it is, exit 1. */
class ArgparseError extends KfkError {
  constructor(message: string) {
    super(argparseErrorText('kafka-cluster', message), { exitCode: 1, verbatim: true });
    this.name = 'ToolUsageError';
  }
}

// In the order the tool lists them in its `invalid choice` error.
const SUBS = ['cluster-id', 'unregister', 'unregister-controller', 'list-endpoints', 'api-versions'];
/** Each option by its long name, with its short one and whether it takes a value. */
const OPTIONS: Record<string, { short: string; value: boolean; subs?: string[] }> = {
  '--bootstrap-server': { short: '-b', value: true },
  '--bootstrap-controller': { short: '-C', value: true },
  '--config': { short: '', value: true },
  '--command-config': { short: '-c', value: true },
  '--id': { short: '-i', value: true, subs: ['unregister', 'unregister-controller'] },
  '--include-fenced-brokers': { short: '', value: false, subs: ['list-endpoints'] },
};
const label = (long: string) => (OPTIONS[long].short ? `${long}/${OPTIONS[long].short}` : long);

/** `--config` is deprecated in favour of `--command-config`: the tool's notice, on stdout. */
export function clusterNotices(args: string[]): string[] {
  return args.some((a) => a === '--config' || a.startsWith('--config=')) && !args.some((a) => ['-c', '--command-config'].includes(a) || a.startsWith('--command-config='))
    ? ['Option --config has been deprecated and will be removed in a future version. Use --command-config instead.']
    : [];
}

/** `kafka-cluster ...` as a kfk command line. */
export function translateCluster(args: string[]): string[] {
  let sub: string | undefined;
  const values = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return ['cluster', ...(sub === undefined ? [] : [sub === 'cluster-id' ? 'id' : sub === 'list-endpoints' ? 'endpoints' : sub]), '--help'];
    if (sub === undefined) {
      if (a.startsWith('-')) throw new ArgparseError(`unrecognized arguments: '${a}'`);
      if (!SUBS.includes(a)) throw new ArgparseError(`invalid choice: '${a}' (choose from ${SUBS.map((s) => `'${s}'`).join(', ')})`);
      sub = a;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const typed = eq > 0 ? a.slice(0, eq) : a;
    const mine = Object.keys(OPTIONS).filter((o) => !OPTIONS[o].subs || OPTIONS[o].subs!.includes(sub!));
    const byShort = mine.find((o) => OPTIONS[o].short === typed);
    const prefixed = typed.startsWith('--') ? mine.filter((o) => o.startsWith(typed)) : [];
    if (!byShort && !mine.includes(typed) && prefixed.length > 1) throw new ArgparseError(`ambiguous option: ${typed} could match ${prefixed.sort().join(', ')}`);
    const name = byShort ?? (mine.includes(typed) ? typed : prefixed.length === 1 ? prefixed[0] : undefined);
    if (!a.startsWith('-') || name === undefined) throw new ArgparseError(`unrecognized arguments: '${a}'`);
    let value: string | true = true;
    if (OPTIONS[name].value) {
      if (eq > 0) value = a.slice(eq + 1);
      else if (args[i + 1] !== undefined && (!args[i + 1].startsWith('-') || /^-\d/.test(args[i + 1]))) value = args[++i];
      else throw new ArgparseError(`argument ${label(name)}: expected one argument`);
    }
    if (name === '--id' && typeof value === 'string' && !(/^[+-]?\d+$/.test(value) && Math.abs(Number(value)) <= 2147483647)) {
      throw new ArgparseError(`argument --id/-i: could not convert '${value}' to Integer (For input string: "${value}")`);
    }
    const other = name === '--bootstrap-server' ? '--bootstrap-controller' : name === '--bootstrap-controller' ? '--bootstrap-server' : undefined;
    if (other && values.has(other)) throw new ArgparseError(`argument ${label(name)}: not allowed with argument ${label(other)}`);
    values.set(name, value);
  }
  if (sub === undefined) throw new ArgparseError('too few arguments');
  if (OPTIONS['--id'].subs!.includes(sub) && !values.has('--id')) throw new ArgparseError('argument --id/-i is required');
  if (!values.has('--bootstrap-server') && !values.has('--bootstrap-controller')) throw new ArgparseError('one of the arguments --bootstrap-server/-b --bootstrap-controller/-C is required');
  if (values.has('--config') && values.has('--command-config')) throw new KfkError('--config and --command-config cannot be specified together.', { verbatim: true });
  const str = (n: string) => values.get(n) as string;
  const out = ['cluster', sub === 'cluster-id' ? 'id' : sub === 'list-endpoints' ? 'endpoints' : sub, '-o', 'text'];
  if (values.has('--bootstrap-server')) out.push('--bootstrap-server', str('--bootstrap-server'));
  else out.push('--bootstrap-controller', str('--bootstrap-controller'));
  const config = values.get('--command-config') ?? values.get('--config');
  if (typeof config === 'string') out.push('--command-config', config);
  if (values.has('--id')) out.push('--id', String(Number(str('--id'))));
  if (values.has('--include-fenced-brokers')) out.push('--include-fenced-brokers');
  return out;
}
