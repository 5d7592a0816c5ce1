// kafka-share-groups' command line (Kafka 4.4's ShareGroupCommand, joptsimple) translated to
// `kfk share-group`, with the tool's checks in its order and its words for a bad command line:
// those of ShareGroupCommandOptions.checkArgs, then the one-action check, then what the tool
// finds wrong once it runs (an unknown --state, a value given twice).
import { checkInvalid, groupFlags, optionName as o, sortedOptions as sortedList, stateList, toolValues } from './group-tool-args.js';
import { type JoptParsed, parseJoptStrict, ToolReport, ToolUsageError } from './jopt.js';

const REQUIRED = ['bootstrap-server', 'group', 'topic', 'timeout', 'command-config', 'to-offset', 'from-file', 'to-datetime'];
const SWITCHES = ['all-topics', 'list', 'describe', 'all-groups', 'delete', 'reset-offsets', 'delete-offsets', 'dry-run', 'execute', 'export', 'to-earliest', 'to-latest', 'to-current', 'members', 'offsets', 'verbose'];
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'];
/** The reset's scope and its scenarios, each list in the order the tool checks them. */
const SCOPES = ['topic', 'all-topics', 'from-file'];
const SCENARIOS = ['to-offset', 'to-datetime', 'to-earliest', 'to-latest', 'to-current', 'from-file'];
/** GroupState.groupStatesForType(SHARE). The tool lists them from a hash set, in an order that changes from run to run. */
const SHARE_STATES = ['Dead', 'Empty', 'Stable'];

const usage = (message: string) => new ToolUsageError(message);

/** What the tool reports of a failure once it runs (its printError): on stdout, exit 0. */
const failed = (why: string) => new ToolReport(`\nError: Executing share group command failed due to ${why}\n`);

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

/** The groups named: kfk's --group splits at commas, which a group id of the tool may contain. */
const groups = (r: JoptParsed): string[] => groupFlags(r.values.get('group') ?? [], 'kafka-share-groups');

/** `kafka-share-groups ...` as a kfk command line. */
export function translateShareGroups(args: string[]): string[] {
  const r = parseJoptStrict(
    { required: REQUIRED, optional: ['state'], switches: SWITCHES, availableIf: { members: ['describe'], offsets: ['describe'], state: ['describe', 'list'], verbose: ['describe'] } },
    args,
  );
  if (args.length === 0 || r.values.has('help')) return ['share-group', '--help'];
  if (r.values.has('version')) return ['--version'];
  checkArgs(r);
  const { single, long, connection } = toolValues(r, failed);
  const conn = connection();
  const has = (n: string) => r.values.has(n);

  if (has('list')) {
    const out = ['share-group', 'list', '-o', 'text', ...conn];
    if (has('state')) {
      const value = single('state');
      out.push(`--state=${value ? stateList(value, SHARE_STATES).join(',') : ''}`);
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
    const group = single('group')!;
    return ['share-group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...conn, ...groups({ ...r, values: new Map([['group', [group]]]) }), ...r.values.get('topic')!.flatMap((t) => ['--topic', t])];
  }
  // --reset-offsets
  const group = single('group')!;
  const out = ['share-group', 'reset-offsets', '-o', 'text', ...conn, ...groups({ ...r, values: new Map([['group', [group]]]) })];
  for (const t of r.values.get('topic') ?? []) out.push('--topic', t);
  if (has('all-topics')) out.push('--all-topics');
  const toOffset = long('to-offset');
  if (toOffset !== undefined) out.push('--to-offset', toOffset);
  const datetime = single('to-datetime');
  if (datetime !== undefined) out.push('--to-datetime', datetime);
  const file = single('from-file');
  if (file !== undefined) out.push('--from-file', file);
  for (const s of ['to-earliest', 'to-latest', 'to-current', 'dry-run', 'execute', 'export']) if (has(s)) out.push(`--${s}`);
  return out;
}
