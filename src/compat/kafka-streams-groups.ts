// kafka-streams-groups' command line (Kafka 4.4's StreamsGroupCommand, joptsimple) translated to
// `kfk streams-group`, with the tool's checks in its order and its words for a bad command line:
// those of StreamsGroupCommandOptions.checkArgs, then the one-action check. kfk lists, describes
// and deletes streams groups (and their internal topics), resets and deletes their offsets;
// --topology is refused with a line saying so.
import { KfkError } from '../errors.js';
import { checkInvalid, groupFlags, optionName as o, sortedOptions as sortedList, stateList, toolValues } from './group-tool-args.js';
import { type JoptParsed, parseJoptStrict, ToolReport, ToolUsageError } from './jopt.js';

const REQUIRED = ['bootstrap-server', 'group', 'input-topic', 'timeout', 'command-config', 'to-offset', 'from-file', 'to-datetime', 'by-duration', 'shift-by', 'delete-internal-topic'];
const SWITCHES = ['all-input-topics', 'list', 'describe', 'all-groups', 'delete', 'delete-offsets', 'reset-offsets', 'members', 'offsets', 'topology', 'to-earliest', 'to-latest', 'to-current', 'delete-all-internal-topics', 'verbose', 'dry-run', 'execute', 'export'];
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'];
/** The reset scenarios, in the order StreamsGroupCommandOptions checks that each is alone. */
const SCENARIOS = ['to-offset', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'shift-by', 'from-file'];
/** GroupState.groupStatesForType(STREAMS). The tool lists them from a hash set, in an order that changes from run to run. */
const STREAMS_STATES = ['Empty', 'Stable', 'Assigning', 'Dead', 'NotReady', 'Reconciling'];

const usage = (message: string) => new ToolUsageError(message);

/** What the tool reports of a failure once it runs (its printError): on stdout. */
const failed = (why: string) => new ToolReport(`\nError: Executing streams group command failed due to ${why}\n`);

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
  if (has('delete-offsets')) {
    if ((!has('input-topic') && !has('all-input-topics')) || !has('group')) throw usage(`Option ${o('delete-offsets')} takes the ${o('group')} and one of these options: ${sortedList(['all-input-topics', 'input-topic'])}`);
    const named = r.values.get('group')!;
    if (named.length > 1) throw usage(`Option ${o('delete-offsets')} supports only one ${o('group')} at a time, but found: [${named.join(', ')}]`);
  }
  if (has('reset-offsets')) {
    if (has('dry-run') && has('execute')) throw usage(`Option ${o('reset-offsets')} only accepts one of ${o('execute')} and ${o('dry-run')}`);
    if (!has('dry-run') && !has('execute')) throw usage(`Option ${o('reset-offsets')} takes the option: ${o('execute')} or ${o('dry-run')}`);
    if (!has('group') && !has('all-groups')) throw usage(`Option ${o('reset-offsets')} takes one of these options: ${sortedList(['all-groups', 'group'])}`);
    for (const s of SCENARIOS) checkInvalid(r, s, SCENARIOS.filter((x) => x !== s));
  }
  if (has('delete-all-internal-topics')) {
    if (!has('reset-offsets') && !has('delete')) throw usage(`Option ${o('delete-all-internal-topics')} takes one of these options: ${sortedList(['delete', 'reset-offsets'])}`);
    if (has('reset-offsets') && !has('execute')) throw usage(`Option ${o('delete-all-internal-topics')} takes ${o('execute')} when ${o('reset-offsets')} is used.`);
  } else if (has('delete-internal-topic') && (!has('reset-offsets') || !has('execute'))) {
    throw usage(`Option ${o('delete-internal-topic')} takes ${o('reset-offsets')} when ${o('execute')} is used.`);
  }
  checkInvalid(r, 'group', ['list']);
  checkInvalid(r, 'group', ['all-groups']);
  if (ACTIONS.filter(has).length !== 1) throw usage('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, or --delete-offsets.');
}

/** The groups named: kfk's --group splits at commas, which a group id of the tool may contain. */
const groups = (r: JoptParsed): string[] => groupFlags(r.values.get('group') ?? [], 'kafka-streams-groups');

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
  if (has('topology')) throw new KfkError("kfk's kafka-streams-groups does not do --topology (a broker plugin's description of the topology): run Kafka's kafka-streams-groups for it");
  const { single, long, connection } = toolValues(r, failed);
  const conn = connection();
  if (has('list')) {
    const out = ['streams-group', 'list', '-o', 'text', ...conn];
    if (has('state')) {
      const value = single('state');
      out.push(`--state=${value ? stateList(value, STREAMS_STATES).join(',') : ''}`);
    }
    return out;
  }
  if (has('describe')) {
    const out = ['streams-group', 'describe', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r))];
    for (const view of ['members', 'offsets', 'state']) if (has(view)) out.push(`--${view}`);
    if (has('verbose')) out.push('--kafka-verbose');
    return out;
  }
  const internal = [...(has('delete-all-internal-topics') ? ['--delete-all-internal-topics'] : []), ...(r.values.get('delete-internal-topic') ?? []).flatMap((t) => ['--delete-internal-topic', t])];
  if (has('delete')) return ['streams-group', 'delete', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r)), ...internal];
  if (has('delete-offsets')) {
    const topics = has('all-input-topics') ? ['--all-topics'] : r.values.get('input-topic')!.flatMap((t) => ['--topic', t]);
    return ['streams-group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...conn, ...groups(r), ...topics];
  }
  if (!has('input-topic') && !has('all-input-topics') && !has('from-file')) throw usage('One of the reset scopes should be defined: --all-input-topics, --input-topic.');
  if (!SCENARIOS.some(has)) {
    // The tool prints its HashSet of the eight, whose order changes from run to run: one of them.
    throw usage("Option '[reset-offsets]' requires one of the following scenarios: [[to-datetime], [by-duration], [to-latest], [to-current], [to-earliest], [to-offset], [shift-by], [from-file]]");
  }
  const out = ['streams-group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...conn, ...(has('all-groups') ? ['--all-groups'] : groups(r))];
  for (const t of r.values.get('input-topic') ?? []) out.push('--topic', t);
  if (has('all-input-topics')) out.push('--all-topics');
  const toOffset = long('to-offset');
  if (toOffset !== undefined) out.push('--to-offset', toOffset);
  const shift = long('shift-by');
  if (shift !== undefined) out.push('--shift-by', shift);
  for (const v of ['to-datetime', 'by-duration', 'from-file']) {
    const value = single(v);
    if (value !== undefined) out.push(`--${v}`, value);
  }
  for (const s of ['to-earliest', 'to-latest', 'to-current', 'dry-run', 'execute', 'export']) if (has(s)) out.push(`--${s}`);
  return [...out, ...internal];
}
