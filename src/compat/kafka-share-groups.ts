// kafka-share-groups' command line (Kafka 4.4's ShareGroupCommand, joptsimple) translated to
// `kfk share-group`, with the tool's checks in its order and its words for a bad command line:
// those of ShareGroupCommandOptions.checkArgs, then the one-action check, then what the tool
// finds wrong once it runs (an unknown --state, a value given twice).
import { KfkError } from '../errors.js';
import { isJavaLong, type JoptParsed, parseJoptStrict, ToolReport, ToolUsageError } from './jopt.js';

const REQUIRED = ['bootstrap-server', 'group', 'topic', 'timeout', 'command-config', 'to-offset', 'from-file', 'to-datetime'];
const SWITCHES = ['all-topics', 'list', 'describe', 'all-groups', 'delete', 'reset-offsets', 'delete-offsets', 'dry-run', 'execute', 'export', 'to-earliest', 'to-latest', 'to-current', 'members', 'offsets', 'verbose'];
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'];
/** The reset's scope and its scenarios, each list in the order the tool checks them. */
const SCOPES = ['topic', 'all-topics', 'from-file'];
const SCENARIOS = ['to-offset', 'to-datetime', 'to-earliest', 'to-latest', 'to-current', 'from-file'];
/** GroupState.groupStatesForType(SHARE). The tool lists them from a hash set, in an order that changes from run to run. */
const SHARE_STATES = ['Dead', 'Empty', 'Stable'];

const usage = (message: string) => new ToolUsageError(message);
/** joptsimple's name of an option in messages: `[name]`. */
const o = (name: string) => `[${name}]`;
const sortedList = (names: string[]) => [...names].sort().map(o).join(', ');

/** CommandLineUtils.checkInvalidArgs: `used` beside any of `invalid`. */
function checkInvalid(r: JoptParsed, used: string, invalid: string[]): void {
  if (!r.values.has(used)) return;
  for (const other of invalid) if (r.values.has(other)) throw usage(`Option "${o(used)}" can't be used with option "${o(other)}"`);
}

/** What the tool reports of a failure once it runs (its printError): on stdout, exit 0. */
const failed = (why: string) => new ToolReport(`\nError: Executing share group command failed due to ${why}\n`);

/** An option the tool reads with valueOf: given twice, joptsimple refuses (once the tool runs). */
function single(r: JoptParsed, name: string): string | undefined {
  const v = r.values.get(name);
  if (v && v.length > 1) throw failed(`Found multiple arguments for option ${name}, but you asked for only one`);
  return v?.[0];
}

/** A Long option's value, as joptsimple converts it (once the tool runs). */
function long(r: JoptParsed, name: string): string | undefined {
  const v = single(r, name);
  if (v === undefined) return undefined;
  if (!isJavaLong(v)) throw failed(`Cannot parse argument '${v}' of option ${name}`);
  return String(BigInt(v));
}

/** ShareGroupCommandOptions.checkArgs after the help and version options, then the one-action check. */
function checkArgs(r: JoptParsed): void {
  const has = (n: string) => r.values.has(n);
  if (!has('bootstrap-server')) throw usage(`Missing required argument "${o('bootstrap-server')}"`);
  if (has('describe')) {
    if (!has('group') && !has('all-groups')) throw usage(`Option ${o('describe')} takes one of these options: ${sortedList(['group', 'all-groups'])}`);
    const views = ['members', 'offsets', 'state'];
    if (views.filter(has).length > 1) throw usage(`Option ${o('describe')} takes at most one of these options: ${sortedList(views)}`);
    if (r.values.get('state')?.length) throw usage(`Option ${o('describe')} does not take a value for ${o('state')}`);
  }
  if (has('delete')) {
    if (!has('group') && !has('all-groups')) throw usage(`Option ${o('delete')} takes the options ${o('group')} or ${o('all-groups')}.`);
    if (has('all-groups') && has('group')) throw usage(`Option ${o('delete')} takes either ${o('group')} or ${o('all-groups')}, not both.`);
    if (has('all-topics') || has('topic')) throw usage(`Option ${o('delete')} does not take the options ${o('topic')} or ${o('all-topics')}.`);
  }
  if (has('delete-offsets') && (!has('group') || !has('topic'))) throw usage(`Option ${o('delete-offsets')} takes the following options: ${sortedList(['group', 'topic'])}`);
  if (has('reset-offsets')) {
    if (has('dry-run') && has('execute')) throw usage(`Option ${o('reset-offsets')} only accepts one of ${o('execute')} and ${o('dry-run')}`);
    if (!has('dry-run') && !has('execute')) throw usage(`Option ${o('reset-offsets')} takes the option: ${o('execute')} or ${o('dry-run')}`);
    if (!has('group')) throw usage(`Option ${o('reset-offsets')} takes the option: ${o('group')}`);
    if (!SCOPES.some(has)) throw usage(`Option ${o('reset-offsets')} takes one of these options: ${sortedList(SCOPES)}`);
    for (const s of SCOPES) checkInvalid(r, s, SCOPES.filter((x) => x !== s));
    if (!SCENARIOS.some(has)) throw usage(`Option ${o('reset-offsets')} takes one of these options: ${sortedList(SCENARIOS)}`);
    for (const s of SCENARIOS) checkInvalid(r, s, SCENARIOS.filter((x) => x !== s));
  }
  checkInvalid(r, 'group', ['all-groups']);
  checkInvalid(r, 'group', ['list']);
  checkInvalid(r, 'topic', ['list', 'describe', 'delete']);
  if (ACTIONS.filter(has).length !== 1) throw usage('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets.');
}

/** --state's value for --list: the states named (Kafka's GroupState.parse, any case), else none. */
function listStates(value: string): string[] {
  // Java's String.split drops the empty strings at the end.
  const parts = value.split(',');
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  const states = parts.map((s) => SHARE_STATES.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
  if (states.some((s) => s === undefined)) throw usage(`Invalid state list '${value}'. Valid states are: ${SHARE_STATES.join(', ')}`);
  return [...new Set(states as string[])];
}

/** The groups named: kfk's --group splits at commas, which a group id of the tool may contain. */
function groups(r: JoptParsed): string[] {
  const named = r.values.get('group') ?? [];
  const comma = named.find((g) => g.includes(','));
  if (comma !== undefined) throw new KfkError(`kfk's kafka-share-groups cannot name a group with a comma in its id: '${comma}'`);
  return named.flatMap((g) => ['--group', g]);
}

/** `kafka-share-groups ...` as a kfk command line. */
export function translateShareGroups(args: string[]): string[] {
  const r = parseJoptStrict(
    { required: REQUIRED, optional: ['state'], switches: SWITCHES, availableIf: { members: ['describe'], offsets: ['describe'], state: ['describe', 'list'], verbose: ['describe'] } },
    args,
  );
  if (args.length === 0 || r.values.has('help')) return ['share-group', '--help'];
  if (r.values.has('version')) return ['--version'];
  checkArgs(r);
  const conn = ['--bootstrap-server', single(r, 'bootstrap-server')!];
  const config = single(r, 'command-config');
  if (config !== undefined) conn.push('--command-config', config);
  const timeout = long(r, 'timeout');
  if (timeout !== undefined) conn.push('--timeout', timeout);
  const has = (n: string) => r.values.has(n);

  if (has('list')) {
    const out = ['share-group', 'list', '-o', 'text', ...conn];
    if (has('state')) {
      const value = single(r, 'state');
      out.push(`--state=${value ? listStates(value).join(',') : ''}`);
    }
    return out;
  }
  if (has('describe')) {
    const out = ['share-group', 'describe', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r))];
    for (const view of ['members', 'offsets', 'state']) if (has(view)) out.push(`--${view}`);
    if (has('verbose')) out.push('--kafka-verbose');
    return out;
  }
  if (has('delete')) return ['share-group', 'delete', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r))];
  if (has('delete-offsets')) {
    const group = single(r, 'group')!;
    return ['share-group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...conn, ...groups({ ...r, values: new Map([['group', [group]]]) }), ...r.values.get('topic')!.flatMap((t) => ['--topic', t])];
  }
  // --reset-offsets
  const group = single(r, 'group')!;
  const out = ['share-group', 'reset-offsets', '-o', 'text', ...conn, ...groups({ ...r, values: new Map([['group', [group]]]) })];
  for (const t of r.values.get('topic') ?? []) out.push('--topic', t);
  if (has('all-topics')) out.push('--all-topics');
  const toOffset = long(r, 'to-offset');
  if (toOffset !== undefined) out.push('--to-offset', toOffset);
  const datetime = single(r, 'to-datetime');
  if (datetime !== undefined) out.push('--to-datetime', datetime);
  const file = single(r, 'from-file');
  if (file !== undefined) out.push('--from-file', file);
  for (const s of ['to-earliest', 'to-latest', 'to-current', 'dry-run', 'execute', 'export']) if (has(s)) out.push(`--${s}`);
  return out;
}
