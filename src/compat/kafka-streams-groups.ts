// kafka-streams-groups' command line (Kafka 4.4's StreamsGroupCommand, joptsimple) translated to
// `kfk streams-group`, with the tool's checks in its order and its words for a bad command line:
// those of StreamsGroupCommandOptions.checkArgs, then the one-action check. kfk lists, describes
// and deletes streams groups; the offset changes (--reset-offsets, --delete-offsets) and the
// deletion of internal topics are refused with a line saying so.
import { KfkError } from '../errors.js';
import { isJavaLong, type JoptParsed, parseJoptStrict, ToolReport, ToolUsageError } from './jopt.js';

const REQUIRED = ['bootstrap-server', 'group', 'input-topic', 'timeout', 'command-config', 'to-offset', 'from-file', 'to-datetime', 'by-duration', 'shift-by', 'delete-internal-topic'];
const SWITCHES = ['all-input-topics', 'list', 'describe', 'all-groups', 'delete', 'delete-offsets', 'reset-offsets', 'members', 'offsets', 'topology', 'to-earliest', 'to-latest', 'to-current', 'delete-all-internal-topics', 'verbose', 'dry-run', 'execute', 'export'];
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'];
/** GroupState.groupStatesForType(STREAMS). The tool lists them from a hash set, in an order that changes from run to run. */
const STREAMS_STATES = ['Empty', 'Stable', 'Assigning', 'Dead', 'NotReady', 'Reconciling'];

const usage = (message: string) => new ToolUsageError(message);
const o = (name: string) => `[${name}]`;
const sortedList = (names: string[]) => [...names].sort().map(o).join(', ');

function checkInvalid(r: JoptParsed, used: string, invalid: string[]): void {
  if (!r.values.has(used)) return;
  for (const other of invalid) if (r.values.has(other)) throw usage(`Option "${o(used)}" can't be used with option "${o(other)}"`);
}

/** What the tool reports of a failure once it runs (its printError): on stdout. */
const failed = (why: string) => new ToolReport(`\nError: Executing streams group command failed due to ${why}\n`);

function single(r: JoptParsed, name: string): string | undefined {
  const v = r.values.get(name);
  if (v && v.length > 1) throw failed(`Found multiple arguments for option ${name}, but you asked for only one`);
  return v?.[0];
}

/** StreamsGroupCommandOptions.checkArgs after the help and version options, then the one-action check. */
function checkArgs(r: JoptParsed): void {
  const has = (n: string) => r.values.has(n);
  if (!has('bootstrap-server')) throw usage(`Missing required argument "${o('bootstrap-server')}"`);
  if (has('describe')) {
    if (!has('group') && !has('all-groups')) throw usage(`Option ${o('describe')} takes one of these options: ${sortedList(['all-groups', 'group'])}`);
    const views = ['members', 'offsets', 'state', 'topology'];
    if (views.filter(has).length > 1) throw usage(`Option ${o('describe')} takes at most one of these options: ${sortedList(views)}`);
    if (r.values.get('state')?.length) throw usage(`Option ${o('describe')} does not take a value for ${o('state')}`);
  }
  if (has('delete')) {
    if (!has('group') && !has('all-groups')) throw usage(`Option ${o('delete')} takes one of these options: ${sortedList(['all-groups', 'group'])}`);
    if (has('input-topic') || has('all-input-topics')) throw usage('Kafka Streams does not support topic-specific offset deletion from a streams group.');
  }
  if ((has('dry-run') || has('execute')) && !has('reset-offsets')) throw usage(`Option ${o('reset-offsets')} takes the option: ${o('execute')} or ${o('dry-run')}`);
  checkInvalid(r, 'group', ['list']);
  checkInvalid(r, 'group', ['all-groups']);
  if (ACTIONS.filter(has).length !== 1) throw usage('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, or --delete-offsets.');
}

/** --state's value for --list: the states named (Kafka's GroupState.parse, any case), else none. */
function listStates(value: string): string[] {
  const parts = value.split(',');
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  const states = parts.map((s) => STREAMS_STATES.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
  if (states.some((s) => s === undefined)) throw usage(`Invalid state list '${value}'. Valid states are: ${STREAMS_STATES.join(', ')}`);
  return [...new Set(states as string[])];
}

/** The groups named: kfk's --group splits at commas, which a group id of the tool may contain. */
function groups(r: JoptParsed): string[] {
  const named = r.values.get('group') ?? [];
  const comma = named.find((g) => g.includes(','));
  if (comma !== undefined) throw new KfkError(`kfk's kafka-streams-groups cannot name a group with a comma in its id: '${comma}'`);
  return named.flatMap((g) => ['--group', g]);
}

/** `kafka-streams-groups ...` as a kfk command line. */
export function translateStreamsGroups(args: string[]): string[] {
  const r = parseJoptStrict(
    { required: REQUIRED, optional: ['state'], switches: SWITCHES, availableIf: { members: ['describe'], offsets: ['describe'], topology: ['describe'], state: ['describe', 'list'], verbose: ['describe'] } },
    args,
  );
  if (args.length === 0 || r.values.has('help')) return ['streams-group', '--help'];
  if (r.values.has('version')) return ['--version'];
  checkArgs(r);
  const has = (n: string) => r.values.has(n);
  for (const what of ['reset-offsets', 'delete-offsets', 'topology', 'delete-all-internal-topics', 'delete-internal-topic']) {
    if (has(what)) throw new KfkError(`kfk's kafka-streams-groups does not do --${what}: run Kafka's kafka-streams-groups for it (kfk lists, describes and deletes streams groups)`);
  }
  const conn = ['--bootstrap-server', single(r, 'bootstrap-server')!];
  const config = single(r, 'command-config');
  if (config !== undefined) conn.push('--command-config', config);
  const timeout = single(r, 'timeout');
  if (timeout !== undefined) {
    if (!isJavaLong(timeout)) throw failed(`Cannot parse argument '${timeout}' of option timeout`);
    conn.push('--timeout', String(BigInt(timeout)));
  }
  if (has('list')) {
    const out = ['streams-group', 'list', '-o', 'text', ...conn];
    if (has('state')) {
      const value = single(r, 'state');
      out.push(`--state=${value ? listStates(value).join(',') : ''}`);
    }
    return out;
  }
  if (has('describe')) {
    const out = ['streams-group', 'describe', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r))];
    for (const view of ['members', 'offsets', 'state']) if (has(view)) out.push(`--${view}`);
    if (has('verbose')) out.push('--kafka-verbose');
    return out;
  }
  return ['streams-group', 'delete', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r))];
}
