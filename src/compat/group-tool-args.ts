// What the drop-ins of Kafka's group tools (kafka-share-groups, kafka-streams-groups) read alike
// from a joptsimple command line: option names as joptsimple prints them, CommandLineUtils'
// checkInvalidArgs, a value read once, a --state list, the groups named, the connection flags.
import { KfkError } from '../errors.js';
import { isJavaLong, type JoptParsed, type ToolReport, ToolUsageError } from './jopt.js';

/** joptsimple's name of an option in messages: `[name]`. */
export const optionName = (name: string) => `[${name}]`;
/** Option names as the tools list them in a message: sorted, each `[name]`. */
export const sortedOptions = (names: string[]) => [...names].sort().map(optionName).join(', ');

/** CommandLineUtils.checkInvalidArgs: `used` beside any of `invalid`. */
export function checkInvalid(r: JoptParsed, used: string, invalid: string[]): void {
  if (!r.values.has(used)) return;
  for (const other of invalid) if (r.values.has(other)) throw new ToolUsageError(`Option "${optionName(used)}" can't be used with option "${optionName(other)}"`);
}

/**
 * The parsing of a group tool's command line once the tool runs: what it reports then (`failed`,
 * the tool's printError on stdout) of an option read with valueOf but given twice, or of a Long
 * option that is not a number.
 */
export function toolValues(r: JoptParsed, failed: (why: string) => ToolReport) {
  /** An option the tool reads with valueOf: given twice, joptsimple refuses. */
  const single = (name: string): string | undefined => {
    const v = r.values.get(name);
    if (v && v.length > 1) throw failed(`Found multiple arguments for option ${name}, but you asked for only one`);
    return v?.[0];
  };
  /** A Long option's value, as joptsimple converts it. */
  const long = (name: string): string | undefined => {
    const v = single(name);
    if (v === undefined) return undefined;
    if (!isJavaLong(v)) throw failed(`Cannot parse argument '${v}' of option ${name}`);
    return String(BigInt(v));
  };
  /** --bootstrap-server, --command-config and --timeout as kfk's flags. */
  const connection = (): string[] => {
    const conn = ['--bootstrap-server', single('bootstrap-server')!];
    const config = single('command-config');
    if (config !== undefined) conn.push('--command-config', config);
    const timeout = long('timeout');
    if (timeout !== undefined) conn.push('--timeout', timeout);
    return conn;
  };
  return { single, long, connection };
}

/** --state's value for --list: the states named (Kafka's GroupState.parse, any case) among `valid`, or the tool's error. */
export function stateList(value: string, valid: string[]): string[] {
  // Java's String.split drops the empty strings at the end.
  const parts = value.split(',');
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  const states = parts.map((s) => valid.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
  if (states.some((s) => s === undefined)) throw new ToolUsageError(`Invalid state list '${value}'. Valid states are: ${valid.join(', ')}`);
  return [...new Set(states as string[])];
}

/** The groups named, as kfk's --group flags: kfk's --group splits at commas, which a group id of the tool may contain. */
export function groupFlags(named: string[], tool: string): string[] {
  const comma = named.find((g) => g.includes(','));
  if (comma !== undefined) throw new KfkError(`kfk's ${tool} cannot name a group with a comma in its id: '${comma}'`);
  return named.flatMap((g) => ['--group', g]);
}
