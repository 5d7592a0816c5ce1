// kafka-consumer-groups' command line (ConsumerGroupCommand, joptsimple without abbreviations)
// translated to `kfk group`, with the tool's checks in its order and its words: what its parser
// refuses (the exception's line, as the JVM prints it), then ConsumerGroupCommandOptions' checks,
// then "exactly one action". A check the tool makes only once connected (the reset's scope and
// scenario) is left to `kfk group reset-offsets --kafka-errors`, which makes it in the same place.
import { KfkError } from '../errors.js';
import { RESET_WARNING } from '../format/group-text.js';
import { isJavaLong, parseJoptUncaught, ToolReport, ToolUsageError } from './jopt.js';

const VALUES = ['bootstrap-server', 'group', 'topic', 'timeout', 'command-config', 'to-offset', 'from-file', 'to-datetime', 'by-duration', 'shift-by', 'validate-regex'];
const SWITCHES = ['all-topics', 'list', 'describe', 'all-groups', 'delete', 'reset-offsets', 'delete-offsets', 'dry-run', 'execute', 'export', 'to-earliest', 'to-latest', 'to-current', 'members', 'verbose', 'offsets'];
const OPTIONAL = ['state', 'type'];
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets', 'validate-regex'];
/** The reset scenarios, in the order ConsumerGroupCommandOptions checks that each is alone. */
const SCENARIOS = ['to-offset', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'shift-by', 'from-file'];
/** Options joptsimple allows only beside others (`availableIf`). */
const AVAILABLE_IF: Record<string, string[]> = { members: ['describe'], verbose: ['describe'], offsets: ['describe'], state: ['describe', 'list'], type: ['list'] };

/** `kafka-consumer-groups ...` as a kfk command line. */
export function translateConsumerGroups(args: string[]): string[] {
  const r = parseJoptUncaught({ values: VALUES, switches: SWITCHES, optional: OPTIONAL }, args);
  const has = (o: string) => r.switches.has(o) || r.values.has(o);
  for (const [option, needs] of Object.entries(AVAILABLE_IF)) {
    if (has(option) && !needs.some(has)) throw new ToolUsageError(`Exception in thread "main" joptsimple.UnavailableOptionException: Option(s) [${option}] are unavailable given other options on the command line`);
  }
  if (r.switches.has('help') || args.length === 0) return ['group', '--help'];
  if (r.switches.has('version')) return ['--version'];
  if (!r.values.has('bootstrap-server')) throw new ToolUsageError('Missing required argument "[bootstrap-server]"');
  // The tool's sets of two options print in an order that changes from run to run; this is one of them.
  const scope = '[all-groups], [group]';
  if (has('describe')) {
    if (!has('group') && !has('all-groups')) throw new ToolUsageError(`Option [describe] takes one of these options: ${scope}`);
    if (['members', 'offsets', 'state'].filter(has).length > 1) throw new ToolUsageError('Option [describe] takes at most one of these options: [members], [offsets], [state]');
    if (r.values.has('state')) throw new ToolUsageError('Option [describe] does not take a value for [state]');
  }
  if (has('delete')) {
    if (!has('group') && !has('all-groups')) throw new ToolUsageError(`Option [delete] takes one of these options: ${scope}`);
    if (has('topic')) throw new ToolUsageError('The consumer does not support topic-specific offset deletion from a consumer group.');
  }
  if (has('delete-offsets') && (!has('group') || !has('topic'))) throw new ToolUsageError('Option [delete-offsets] takes the following options: [group], [topic]');
  // Printed before the checks that follow it, as the tool prints it (on stderr, with them).
  let warning = '';
  if (has('reset-offsets')) {
    if (has('dry-run') && has('execute')) throw new ToolUsageError('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    if (!has('dry-run') && !has('execute')) warning = `${RESET_WARNING}\n`;
    if (!has('group') && !has('all-groups')) throw new ToolUsageError(`${warning}Option [reset-offsets] takes one of these options: ${scope}`);
    for (const [i, used] of SCENARIOS.entries()) {
      const other = has(used) ? SCENARIOS.find((s, j) => j !== i && has(s)) : undefined;
      if (other) throw new ToolUsageError(`${warning}Option "[${used}]" can't be used with option "[${other}]"`);
    }
  }
  const invalid = (used: string, others: string[]) => {
    const other = has(used) ? others.find(has) : undefined;
    if (other) throw new ToolUsageError(`${warning}Option "[${used}]" can't be used with option "[${other}]"`);
  };
  invalid('group', ['all-groups']);
  invalid('group', ['list']);
  invalid('topic', ['list', 'describe']);
  const actions = ACTIONS.filter(has);
  if (actions.length !== 1) throw new ToolUsageError(`${warning}Command must include exactly one action: ${ACTIONS.map((a) => `--${a}`).join(', ')}`);

  // The tool checks a regex before it reads anything else.
  if (actions[0] === 'validate-regex') throw new KfkError("kfk's kafka-consumer-groups does not support --validate-regex (the broker's RE2J syntax is not checked by kfk)");
  // What the tool reads of its options when it starts (before it asks the cluster), in its order.
  for (const v of r.values.get('to-offset') ?? []) long('to-offset', v);
  for (const o of ['by-duration', 'shift-by', 'timeout']) if ((r.values.get(o) ?? []).length > 1) throw failed(`Found multiple arguments for option ${o}, but you asked for only one`);
  if (r.values.has('shift-by')) long('shift-by', r.values.get('shift-by')![0]);
  if (r.values.has('timeout')) long('timeout', r.values.get('timeout')![0]);
  if (actions[0] === 'delete-offsets' && r.values.get('group')!.length > 1) throw failed('Found multiple arguments for option group, but you asked for only one');

  const last = (o: string) => r.values.get(o)!.at(-1)!;
  const conn = ['--bootstrap-server', last('bootstrap-server')];
  if (r.values.has('command-config')) conn.push('--command-config', last('command-config'));
  if (r.values.has('timeout')) conn.push('--timeout', last('timeout'));
  // kfk's describe and delete split --group at commas, which a group id may contain.
  const comma = ['describe', 'delete'].includes(actions[0]) ? r.values.get('group')?.find((g) => g.includes(',')) : undefined;
  if (comma !== undefined) throw new KfkError(`kfk's kafka-consumer-groups cannot name a group with a comma in its id: '${comma}'`);
  const groups = (r.values.get('group') ?? []).flatMap((g) => ['--group', g]);
  const scopeFlags = has('all-groups') ? ['--all-groups'] : groups;
  switch (actions[0]) {
    case 'list': {
      const out = ['group', 'list', '-o', 'text', ...conn];
      // An empty value (`--state=`) adds the column without filtering, as a missing one.
      for (const o of OPTIONAL) if (has(o)) out.push(`--${o}`, ...(r.values.has(o) && last(o) !== '' ? [last(o)] : []));
      return out;
    }
    case 'describe': {
      const out = ['group', 'describe', '-o', 'text', '--kafka-errors', ...conn, ...scopeFlags];
      for (const o of ['members', 'offsets', 'state']) if (has(o)) out.push(`--${o}`);
      if (has('verbose')) out.push('--kafka-verbose');
      return out;
    }
    case 'delete':
      return ['group', 'delete', '-o', 'text', '--kafka-errors', ...conn, ...scopeFlags];
    case 'delete-offsets':
      return ['group', 'delete-offsets', '-o', 'text', '--kafka-errors', ...conn, ...groups, ...(r.values.get('topic') ?? []).flatMap((t) => ['--topic', t])];
    case 'reset-offsets': {
      const out = ['group', 'reset-offsets', '-o', 'text', '--kafka-errors', ...conn, ...scopeFlags];
      for (const t of r.values.get('topic') ?? []) out.push('--topic', t);
      for (const o of ['all-topics', 'to-earliest', 'to-latest', 'to-current', 'dry-run', 'execute', 'export']) if (has(o)) out.push(`--${o}`);
      for (const o of ['to-offset', 'shift-by', 'to-datetime', 'by-duration', 'from-file']) if (has(o)) out.push(`--${o}`, last(o));
      return out;
    }
    default:
      throw new KfkError(`Unexpected action --${actions[0]}`);
  }
}

/** The tool's report of a failure once it runs: stdout, exit 0. */
const failed = (why: string) => new ToolReport(`\nError: Executing consumer group command failed due to ${why}\n`);

/** A Long option's value, as joptsimple converts it when the tool reads it. */
function long(option: string, value: string): void {
  if (!isJavaLong(value)) throw failed(`Cannot parse argument '${value}' of option ${option}`);
}
