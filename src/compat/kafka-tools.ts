// The runbook tools' command lines (kafka-delete-records, kafka-metadata-quorum, ...) translated
// to kfk commands, with each tool's own wording of a bad argument. kafka-scripts.ts dispatches
// here. Most of these tools parse with joptsimple (long options, unique abbreviations,
// `--flag=value`); kafka-metadata-quorum and kafka-features with argparse4j.
import { CONTROLLER_UNSUPPORTED, KfkError, UnknownBrokerError } from '../errors.js';
import { javaException, javaExceptionText } from '../kafka/wire/error-codes.js';
import { splitOutside } from '../format/topic-pattern.js';
import { translateTransactions } from './kafka-transactions.js';
import { clusterNotices, translateCluster } from './kafka-cluster.js';
import { translateConsumerGroups } from './kafka-consumer-groups.js';
import { translateShareGroups } from './kafka-share-groups.js';
import { translateStreamsGroups } from './kafka-streams-groups.js';
import { getOffsetsErrorText, translateGetOffsets } from './kafka-get-offsets.js';
import { type JoptResult, parseJopt, parseJoptUncaught, ToolUsageError } from './jopt.js';

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
  const bc = last(r, 'bootstrap-controller');
  if (bc !== undefined) out.push('--bootstrap-controller', bc);
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

/** An argparse4j command line: global options, a subcommand, the subcommand's options. */
interface ArgparseResult {
  global: Map<string, string>;
  /** The global options in the order given (argparse4j's words for two that exclude each other). */
  globalOrder: string[];
  sub: string | undefined;
  values: Map<string, string>;
  switches: Set<string>;
  help: boolean;
}

function parseArgparse(
  spec: { global: string[]; subs: Record<string, { values: string[]; switches: string[] }> },
  args: string[],
  error: (message: string) => ToolUsageError,
): ArgparseResult {
  const out: ArgparseResult = { global: new Map(), globalOrder: [], sub: undefined, values: new Map(), switches: new Set(), help: false };
  const resolve = (typed: string, names: string[]) => {
    if (names.includes(typed)) return typed;
    const m = names.filter((n) => n.startsWith(typed));
    return m.length === 1 ? m[0] : undefined;
  };
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') {
      out.help = true;
      continue;
    }
    const eq = a.indexOf('=');
    const typed = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    if (out.sub === undefined) {
      if (a.startsWith('-')) {
        const name = resolve(typed, spec.global);
        if (!name) {
          unknown.push(a);
          continue;
        }
        const v = inline ?? args[++i];
        if (v === undefined) throw error(`argument ${name}: expected one argument`);
        out.global.set(name, v);
        out.globalOrder.push(name);
        continue;
      }
      if (!(a in spec.subs)) throw error(`invalid choice: '${a}' (choose from ${Object.keys(spec.subs).map((k) => `'${k}'`).join(', ')})`);
      out.sub = a;
      continue;
    }
    const sub = spec.subs[out.sub];
    const name = a.startsWith('-') ? resolve(typed, [...sub.values, ...sub.switches]) : undefined;
    if (!name) {
      unknown.push(a);
      continue;
    }
    if (sub.values.includes(name)) {
      const v = inline ?? args[++i];
      if (v === undefined) throw error(`argument ${name}: expected one argument`);
      out.values.set(name, v);
    } else out.switches.add(name);
  }
  if (out.help) return out;
  if (out.sub === undefined) throw error('too few arguments');
  if (unknown.length) throw error(`unrecognized arguments: '${unknown.join(' ')}'`);
  return out;
}

/** The global flags of the argparse4j tools (kafka-metadata-quorum, kafka-features). */
const ARGPARSE_GLOBAL = ['--bootstrap-server', '--bootstrap-controller', '--command-config'];

/** Exactly one of --bootstrap-server and --bootstrap-controller: argparse4j's words for both, the tool's own for none. */
function oneBootstrap(r: ArgparseResult, error: (message: string) => ToolUsageError, whenNone: string): void {
  if (r.global.has('--bootstrap-server') && r.global.has('--bootstrap-controller')) {
    // argparse4j names the one given second.
    const [first, second] = r.globalOrder.filter((n) => n === '--bootstrap-server' || n === '--bootstrap-controller');
    throw error(`argument ${second ?? '--bootstrap-controller'}: not allowed with argument ${first ?? '--bootstrap-server'}`);
  }
  if (!r.global.has('--bootstrap-server') && !r.global.has('--bootstrap-controller')) throw error(whenNone);
}

/** The connection flags for kfk: --bootstrap-server or (KIP-919) --bootstrap-controller, and --command-config. */
function argparseConnection(r: ArgparseResult): string[] {
  const flag = r.global.has('--bootstrap-controller') ? '--bootstrap-controller' : '--bootstrap-server';
  const out = [flag, r.global.get(flag)!];
  if (r.global.has('--command-config')) out.push('--command-config', r.global.get('--command-config')!);
  return out;
}

function metadataQuorum(given: string[]): string[] {
  // remove-controller's short options.
  const args = given.map((a) => (a === '-i' ? '--controller-id' : a === '-d' ? '--controller-directory-id' : a));
  const error = (m: string) => new ToolUsageError(`kafka-metadata-quorum: error: ${m}`);
  const r = parseArgparse(
    {
      global: ARGPARSE_GLOBAL,
      subs: { describe: { values: [], switches: ['--status', '--replication', '--human-readable'] }, 'add-controller': { values: [], switches: ['--dry-run'] }, 'remove-controller': { values: ['--controller-id', '--controller-directory-id'], switches: ['--dry-run', '--unregister'] } },
    },
    args,
    error,
  );
  if (r.help) return ['cluster', 'quorum', '--help'];
  oneBootstrap(r, error, 'one of the arguments --bootstrap-server --bootstrap-controller is required');
  if (r.sub === 'add-controller') {
    // The tool reads the new controller's server.properties from --command-config (and connects with it).
    if (!r.global.has('--command-config')) throw new ToolUsageError('You must supply the configuration file of the controller you are adding when using add-controller.');
    const conn = argparseConnection(r).slice(0, 2);
    return ['cluster', 'add-controller', '-o', 'text', ...conn, '--controller-config', r.global.get('--command-config')!, ...(r.switches.has('--dry-run') ? ['--dry-run'] : [])];
  }
  if (r.sub === 'remove-controller') {
    const missing = ['--controller-id', '--controller-directory-id'].filter((n) => !r.values.has(n));
    if (missing.length) throw error(`argument ${missing[0]}/${missing[0] === '--controller-id' ? '-i' : '-d'} is required`);
    const id = r.values.get('--controller-id')!;
    if (!/^-?\d+$/.test(id)) throw error(`argument --controller-id/-i: could not convert '${id}' to Integer (For input string: "${id}")`);
    return ['cluster', 'remove-controller', '-o', 'text', ...argparseConnection(r), '--controller-id', id, '--controller-directory-id', r.values.get('--controller-directory-id')!, ...(r.switches.has('--dry-run') ? ['--dry-run'] : []), ...(r.switches.has('--unregister') ? ['--unregister'] : [])];
  }
  if (!r.switches.has('--status') && !r.switches.has('--replication')) throw new ToolUsageError('One of --status or --replication must be specified with describe sub-command');
  return ['cluster', 'quorum', '-o', 'text', ...argparseConnection(r), ...[...r.switches]];
}

/** Every --feature value (argparse4j's append, unique prefixes, `--feature=v`), in order, each after `flag`. */
function featureValues(after: string[], flag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < after.length; i++) {
    const [name, inline] = after[i].startsWith('--') && after[i].includes('=') ? [after[i].slice(0, after[i].indexOf('=')), after[i].slice(after[i].indexOf('=') + 1)] : [after[i], undefined];
    if (name.length > 2 && '--feature'.startsWith(name)) out.push(flag, inline ?? after[++i]);
  }
  return out;
}

function features(args: string[]): string[] {
  const error = (m: string) => new ToolUsageError(`Command line error: ${m}. Type --help for help.`);
  const r = parseArgparse(
    {
      global: ARGPARSE_GLOBAL,
      subs: {
        describe: { values: ['--node-id'], switches: [] },
        upgrade: { values: ['--metadata', '--feature', '--release-version'], switches: ['--dry-run'] },
        downgrade: { values: ['--metadata', '--feature', '--release-version'], switches: ['--unsafe', '--dry-run'] },
        disable: { values: ['--feature'], switches: ['--unsafe', '--dry-run'] },
        'version-mapping': { values: ['--release-version'], switches: [] },
        'feature-dependencies': { values: ['--feature'], switches: [] },
      },
    },
    args,
    error,
  );
  if (r.help) return ['cluster', 'features', '--help'];
  oneBootstrap(r, error, 'You must specify either --bootstrap-controller or --bootstrap-server.');
  if (r.sub === 'upgrade' || r.sub === 'downgrade' || r.sub === 'disable') {
    if (r.values.has('--release-version') && (r.values.has('--metadata') || r.values.has('--feature'))) throw new ToolUsageError('Can not specify `release-version` with other feature flags.');
    const out = ['cluster', 'features', '-o', 'text', '--kafka-errors', '--op', r.sub, ...argparseConnection(r)];
    if (r.values.has('--release-version')) out.push(`--${r.sub}-release`, r.values.get('--release-version')!);
    if (r.values.has('--metadata')) out.push('--metadata', r.values.get('--metadata')!);
    // --feature may be given many times (argparse4j's append): every value, in order.
    const featureFlag = r.sub === 'disable' ? '--disable' : `--${r.sub}`;
    const after = args.slice(args.indexOf(r.sub) + 1);
    out.push(...featureValues(after, featureFlag));
    for (const s of r.switches) out.push(s);
    return out;
  }
  if (r.sub === 'version-mapping') {
    const out = ['cluster', 'features', '-o', 'text', ...argparseConnection(r), '--version-mapping'];
    if (r.values.has('--release-version')) out.push(r.values.get('--release-version')!);
    return out;
  }
  if (r.sub === 'feature-dependencies') {
    const deps = featureValues(args.slice(args.indexOf(r.sub) + 1), '--dependencies');
    if (deps.length === 0) throw error('argument --feature is required');
    return ['cluster', 'features', '-o', 'text', ...argparseConnection(r), ...deps];
  }
  const out = ['cluster', 'features', '-o', 'text', ...argparseConnection(r)];
  if (r.values.has('--node-id')) out.push('--node-id', r.values.get('--node-id')!);
  return out;
}

function leaderElection(args: string[]): string[] {
  const r = parseJopt({ values: ['bootstrap-server', 'admin.config', 'path-to-json-file', 'topic', 'partition', 'election-type'], switches: ['all-topic-partitions'] }, args);
  if (r.switches.has('help') || args.length === 0) return ['partition', 'elect-leaders', '--help'];
  if (r.switches.has('version')) return ['--version'];
  const missing = ['bootstrap-server', 'election-type'].filter((n) => !r.values.has(n));
  if (missing.length) throw new ToolUsageError(`Missing required option(s): ${missing.join(', ')}`);
  const chosen = [r.values.has('topic'), r.switches.has('all-topic-partitions'), r.values.has('path-to-json-file')].filter(Boolean).length;
  if (chosen !== 1) throw new ToolUsageError('One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file');
  if (r.values.has('topic') && !r.values.has('partition')) throw new ToolUsageError('Missing required option(s): partition');
  if (!r.values.has('topic') && r.values.has('partition')) throw new ToolUsageError('Option partition is only allowed if topic is used');
  const type = last(r, 'election-type')!;
  if (!/^(preferred|unclean)$/i.test(type)) throw new ToolUsageError(`Cannot parse argument '${type}' of option election-type`);
  const out = ['partition', 'elect-leaders', '-o', 'text', '--bootstrap-server', last(r, 'bootstrap-server')!, '--election-type', type.toLowerCase()];
  const config = last(r, 'admin.config');
  if (config !== undefined) out.push('--command-config', config);
  if (r.values.has('topic')) {
    const partition = last(r, 'partition')!;
    if (!/^-?\d+$/.test(partition)) throw new ToolUsageError(`Cannot parse argument '${partition}' of option partition`);
    out.push('--topic', last(r, 'topic')!, '--partition', partition);
  }
  if (r.switches.has('all-topic-partitions')) out.push('--all-topic-partitions');
  if (r.values.has('path-to-json-file')) out.push('--path-to-json-file', last(r, 'path-to-json-file')!);
  return out;
}

function logDirs(args: string[]): string[] {
  const r = parseJopt({ values: ['bootstrap-server', 'command-config', 'topic-list', 'broker-list'], switches: ['describe'] }, args);
  if (r.switches.has('help') || args.length === 0) return ['log-dirs', 'describe', '--help'];
  if (r.switches.has('version')) return ['--version'];
  requireArgs(r, 'bootstrap-server');
  if (!r.switches.has('describe')) throw new ToolUsageError('Missing required argument "[describe]"');
  const brokers = last(r, 'broker-list') ?? '';
  for (const b of brokers.split(',').filter((x) => x !== '')) if (!/^-?\d+$/.test(b)) throw new ToolUsageError(`For input string: "${b}"`);
  const out = ['log-dirs', 'describe', '-o', 'text', ...connection(r)];
  if (brokers !== '') out.push('--broker-list', brokers);
  const topics = last(r, 'topic-list');
  if (topics) out.push('--topic-list', topics);
  return out;
}

/** kafka-broker-api-versions (BrokerApiVersionsCommand): --bootstrap-server, --command-config. */
function brokerApiVersions(args: string[]): string[] {
  const r = parseJopt({ values: ['bootstrap-server', 'command-config'], switches: [] }, args);
  if (r.switches.has('help') || args.length === 0) return ['cluster', 'api-versions', '--help'];
  if (r.switches.has('version')) return ['--version'];
  requireArgs(r, 'bootstrap-server');
  return ['cluster', 'api-versions', '-o', 'text', '--broker-api-versions-order', ...connection(r)];
}

/**
 * kafka-client-metrics (ClientMetricsCommand): --list, --describe, --alter, --delete of client
 * metrics subscriptions (kfk client-metrics); the tool's checks in its order and words.
 */
function clientMetrics(args: string[]): string[] {
  const r = parseJopt({ values: ['bootstrap-server', 'command-config', 'name', 'interval', 'match', 'metrics'], switches: ['alter', 'delete', 'describe', 'list', 'generate-name'] }, args);
  if (r.switches.has('help') || args.length === 0) return ['client-metrics', '--help'];
  if (r.switches.has('version')) return ['--version'];
  const given = (o: string) => r.values.has(o) || r.switches.has(o);
  const actions = ['alter', 'delete', 'describe', 'list'].filter(given);
  if (actions.length !== 1) throw new ToolUsageError('Command must include exactly one action: --alter, --delete, --describe or --list.');
  if (!r.values.has('bootstrap-server')) throw new ToolUsageError('--bootstrap-server must be specified.');
  // CommandLineUtils.checkInvalidArgs, action by action as the tool lists them.
  const invalid: Record<string, string[]> = { delete: ['generate-name', 'interval', 'match', 'metrics'], describe: ['generate-name', 'interval', 'match', 'metrics'], list: ['name', 'generate-name', 'interval', 'match', 'metrics'] };
  for (const action of ['delete', 'describe', 'list']) {
    const other = given(action) ? invalid[action].find(given) : undefined;
    if (other) throw new ToolUsageError(`Option "[${action}]" can't be used with option "[${other}]"`);
  }
  const name = last(r, 'name');
  if (given('alter') && (name !== undefined) === given('generate-name')) throw new ToolUsageError('One of --name or --generate-name must be specified with --alter.');
  if (given('delete') && name === undefined) throw new ToolUsageError('A client metrics resource name must be specified with --delete.');
  const interval = last(r, 'interval');
  if (interval !== undefined && interval !== '' && !/^[+-]?\d+$/.test(interval)) throw new ToolUsageError('Invalid interval value. Enter an integer, or leave empty to reset.');
  const out = ['client-metrics', actions[0], ...connection(r)];
  if (actions[0] === 'list') out.push('-o', 'text', '--kafka-text');
  if (actions[0] === 'describe') out.push('-o', 'text');
  if (name !== undefined) out.push('--name', name);
  if (given('generate-name')) out.push('--generate-name');
  // joptsimple's values of a repeated option, each split at commas, joined with commas.
  for (const key of ['metrics', 'match']) if (r.values.has(key)) out.push(`--${key}`, (r.values.get(key) ?? []).join(','));
  if (interval !== undefined) out.push('--interval', interval);
  return out;
}

/**
 * kafka-groups (GroupsCommand, Kafka 4.0+): --list with --group-type, --protocol, --consumer,
 * --share or --streams; the tool's checks in its order and words.
 */
function groups(args: string[]): string[] {
  const r = parseJopt({ values: ['bootstrap-server', 'command-config', 'group-type', 'protocol'], switches: ['list', 'consumer', 'share', 'streams'] }, args);
  if (r.switches.has('help') || args.length === 0) return ['group', 'list', '--help'];
  if (r.switches.has('version')) return ['--version'];
  if (!r.values.has('bootstrap-server')) throw new ToolUsageError('Missing required option(s) [bootstrap-server]');
  const given = (o: string) => r.values.has(o) || r.switches.has(o);
  // --consumer, --share and --streams each exclude the others and the two filters (availableUnless).
  for (const kind of ['consumer', 'share', 'streams']) {
    if (!given(kind)) continue;
    const other = ['group-type', 'protocol', 'consumer', 'share', 'streams'].find((o) => o !== kind && given(o));
    if (other) throw new ToolUsageError(`Option "[${kind}]" can't be used with option "[${other}]"`);
  }
  if (!r.switches.has('list')) throw new ToolUsageError('Command must include exactly one action: --list.');
  const out = ['group', 'list', '-o', 'text', '--kafka-groups', ...connection(r)];
  const type = last(r, 'group-type');
  if (type !== undefined) {
    // GroupType.parse: case aside, one of the four (UNKNOWN is no type to filter by).
    if (!['classic', 'consumer', 'share', 'streams'].includes(type.toLowerCase())) throw new ToolUsageError('--group-type must be a valid group type.');
    out.push('--type', type.toLowerCase());
  }
  const protocol = last(r, 'protocol');
  if (protocol !== undefined) out.push('--protocol-type', protocol);
  if (r.switches.has('consumer')) out.push('--consumer-kinds');
  if (r.switches.has('share')) out.push('--type', 'share');
  if (r.switches.has('streams')) out.push('--type', 'streams');
  return out;
}

/**
 * kafka-delegation-tokens (DelegationTokenCommand): --create, --renew, --expire, --describe of
 * delegation tokens (kfk token); the tool's checks in its order and words. Its --hmac goes to the
 * command as the drop-in's own flag: it is already on this command line.
 */
function delegationTokens(args: string[]): string[] {
  // Every option but the two connection ones takes its argument optionally (withOptionalArg); a
  // Long one takes the next word when it is a number, negative ones too (joptsimple).
  const periods = ['--max-life-time-period', '--renew-time-period', '--expiry-time-period'];
  const joined = args.flatMap((a, i) => (i > 0 && periods.includes(args[i - 1]) && /^-\d+$/.test(a) ? [] : periods.includes(a) && /^-\d+$/.test(args[i + 1] ?? '') ? [`${a}=${args[i + 1]}`] : [a]));
  const r = parseJopt({ values: ['bootstrap-server', 'command-config'], optional: ['owner-principal', 'renewer-principal', 'max-life-time-period', 'renew-time-period', 'expiry-time-period', 'hmac'], switches: ['create', 'renew', 'expire', 'describe'] }, joined);
  if (r.switches.has('help') || args.length === 0) return ['token', '--help'];
  if (r.switches.has('version')) return ['--version'];
  const given = (o: string) => r.values.has(o) || r.switches.has(o);
  const actions = ['create', 'renew', 'expire', 'describe'].filter(given);
  if (actions.length !== 1) throw new ToolUsageError('Command must include exactly one action: --create, --renew, --expire or --describe');
  requireArgs(r, 'bootstrap-server', 'command-config');
  const action = actions[0];
  const period = { create: 'max-life-time-period', renew: 'renew-time-period', expire: 'expiry-time-period' }[action as 'create'];
  // checkRequiredArgs asks has(): an optional argument given without its value passes.
  const needs = action === 'create' ? [period] : action === 'describe' ? [] : ['hmac', period];
  const missing = needs.find((o) => !given(o));
  if (missing) throw new ToolUsageError(`Missing required argument "[${missing}]"`);
  const invalid: Record<string, string[]> = {
    create: ['hmac', 'renew-time-period', 'expiry-time-period'],
    renew: ['renewer-principal', 'max-life-time-period', 'expiry-time-period', 'owner-principal'],
    expire: ['renew', 'max-life-time-period', 'renew-time-period', 'owner-principal'],
    describe: ['renew-time-period', 'max-life-time-period', 'hmac', 'expiry-time-period'],
  };
  const other = invalid[action].find(given);
  if (other) throw new ToolUsageError(`Option "[${action}]" can't be used with option "[${other}]"`);
  const out = ['token', action, '-o', 'text', '--kafka-text', ...connection(r)];
  if (period !== undefined) {
    const v = last(r, period);
    // An optional Long argument: a value that is not a number is not taken as its argument, and
    // the tool then fails reading the option's value (before it prints anything).
    if (v === undefined || !/^[+-]?\d+$/.test(v)) throw new KfkError('Cannot invoke "java.lang.Long.longValue()" because the return value of "joptsimple.OptionSet.valueOf(joptsimple.OptionSpec)" is null', { verbatim: true });
    out.push(`--${period}`, v);
  }
  for (const key of ['renewer-principal', 'owner-principal']) for (const v of r.values.get(key) ?? []) out.push(`--${key}`, v);
  const hmac = last(r, 'hmac');
  if (hmac !== undefined) out.push('--kafka-hmac', hmac);
  return out;
}

/**
 * kafka-dump-log (DumpLogSegments): segment, index and transaction index files (kfk dump-log).
 * The decoders kfk does not have (cluster metadata, share group state, remote log metadata, a
 * decoder class) are refused in one line.
 */
function dumpLog(args: string[]): string[] {
  const unsupported = ['remote-log-metadata-decoder'];
  const r = parseJopt({ values: ['files', 'max-bytes', 'max-message-size'], optional: ['key-decoder-class', 'value-decoder-class'], switches: ['print-data-log', 'deep-iteration', 'verify-index-only', 'index-sanity-check', 'offsets-decoder', 'transaction-log-decoder', 'share-group-state-decoder', 'cluster-metadata-decoder', 'skip-record-metadata', ...unsupported] }, args);
  if (r.switches.has('help') || args.length === 0) return ['dump-log', '--help'];
  if (r.switches.has('version')) return ['--version'];
  requireArgs(r, 'files');
  const files = r.values.get('files')!;
  if (files.length > 1) throw new KfkError('joptsimple.MultipleArgumentsForOptionException: Found multiple arguments for option files, but you asked for only one', { verbatim: true });
  const other = [...unsupported, 'key-decoder-class', 'value-decoder-class'].find((o) => r.switches.has(o) || r.values.has(o));
  if (other) throw new KfkError(`--${other} is not supported by kfk's kafka-dump-log: --offsets-decoder, --transaction-log-decoder, --share-group-state-decoder and --cluster-metadata-decoder are`);
  const maxBytes = last(r, 'max-bytes');
  if (maxBytes !== undefined && !/^[+-]?\d+$/.test(maxBytes)) throw new KfkError(`joptsimple.OptionArgumentConversionException: Cannot parse argument '${maxBytes}' of option max-bytes`, { verbatim: true });
  const out = ['dump-log', '--files', files[0]];
  if (maxBytes !== undefined) out.push('--max-bytes', String(Number(maxBytes)));
  for (const o of ['print-data-log', 'deep-iteration', 'verify-index-only', 'index-sanity-check', 'offsets-decoder', 'transaction-log-decoder', 'share-group-state-decoder', 'cluster-metadata-decoder', 'skip-record-metadata']) if (r.switches.has(o)) out.push(`--${o}`);
  return out;
}

const QUOTA_KEYS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate'];
const IP_QUOTA_KEYS = ['connection_creation_rate'];
const SCRAM_KEYS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];
const ENTITY_TYPES = ['broker-loggers', 'topics', 'clients', 'users', 'brokers', 'ips', 'client-metrics', 'groups'];

/** kafka-configs: quotas of users, clients and ips (kfk quota), configs of topics and brokers (kfk config). */
function configs(args: string[]): string[] {
  const spec = {
    values: ['bootstrap-server', 'bootstrap-controller', 'command-config', 'entity-type', 'entity-name', 'add-config', 'add-config-file', 'delete-config', 'topic', 'client', 'user', 'ip', 'broker', 'group'],
    switches: ['describe', 'alter', 'entity-default', 'all', 'force', 'user-defaults', 'client-defaults', 'ip-defaults', 'broker-defaults'],
  };
  const r = parseJopt(spec, args);
  if (r.switches.has('help') || args.length === 0) return ['quota', '--help'];
  if (r.switches.has('version')) return ['--version'];
  const actions = ['describe', 'alter'].filter((a) => r.switches.has(a));
  if (actions.length !== 1) throw new ToolUsageError('Command must include exactly one action: --describe, --alter');
  if (r.values.has('bootstrap-server') && r.values.has('bootstrap-controller')) throw new ToolUsageError('Only one of --bootstrap-server or --bootstrap-controller can be specified');
  if (!r.values.has('bootstrap-server') && !r.values.has('bootstrap-controller')) throw new ToolUsageError('Either --bootstrap-server or --bootstrap-controller must be specified.');
  // --entity-name and --entity-default pair with the --entity-types in command-line order.
  const types: string[] = [];
  const names: Array<string | null> = [];
  const shorthands: Record<string, string> = { topic: 'topics', client: 'clients', user: 'users', ip: 'ips', broker: 'brokers', group: 'groups' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/=.*$/, '').replace(/^--?/, '');
    const inline = args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : undefined;
    const value = () => inline ?? args[++i];
    if (a === 'entity-type') types.push(value());
    else if (a === 'entity-name') names.push(value());
    else if (a === 'entity-default') names.push(null);
    else if (a in shorthands) {
      types.push(shorthands[a]);
      names.push(value());
    } else if (a.endsWith('-defaults') && `${a.slice(0, -9)}` in shorthands) {
      types.push(shorthands[a.slice(0, -9)]);
      names.push(null);
    } else if (spec.values.includes(a) && inline === undefined) i++;
  }
  for (const t of types) {
    if (!ENTITY_TYPES.includes(t)) throw new ToolUsageError(`Invalid entity type ${t}, the entity type must be one of ${ENTITY_TYPES.join(', ')} with a --bootstrap-server or --bootstrap-controller argument`);
  }
  if (types.length === 0) throw new ToolUsageError('At least one entity type must be specified');
  if (types.length > 1 && !(types.length === 2 && types.includes('users') && types.includes('clients'))) throw new ToolUsageError("Only 'users' and 'clients' entity types may be specified together");
  if (names.length > types.length) throw new ToolUsageError('More entity names specified than entity types');
  const add = (r.values.get('add-config') ?? []).join(',');
  const del = (r.values.get('delete-config') ?? []).join(',');
  const alter = actions[0] === 'alter';
  if (alter) {
    if (r.values.has('add-config-file')) throw new KfkError('--add-config-file is not supported by kfk: use --add-config');
    if (!add && !del) throw new ToolUsageError('At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
    if (names.length === 0 && ['users', 'clients', 'brokers', 'ips'].includes(types[0])) throw new ToolUsageError('An entity-name or default entity must be specified with --alter of users, clients, brokers or ips');
  }
  const conn = connection(r);
  // Through a controller's listener (KIP-919) Kafka's admin client has broker configs only.
  if (r.values.has('bootstrap-controller') && types[0] !== 'brokers') throw new KfkError(CONTROLLER_UNSUPPORTED);
  if (['users', 'clients', 'ips'].includes(types[0])) {
    const flag = { users: '--user', clients: '--client', ips: '--ip' } as Record<string, string>;
    const entity: string[] = [];
    types.forEach((t, i) => {
      if (i >= names.length) entity.push(flag[t]);
      else if (names[i] === null) entity.push(`${flag[t]}-default`);
      else entity.push(flag[t], names[i]!);
    });
    // The SCRAM credentials too, for users alone and not their defaults (as ConfigCommand).
    const withScram = types.length === 1 && types[0] === 'users' && !names.includes(null);
    if (!alter) return ['quota', 'describe', '-o', 'text', ...conn, ...entity, ...(withScram ? ['--with-scram'] : [])];
    const addKeys = splitOutside(add, '[', ']').filter((x) => x !== '').map((kv) => kv.split('=')[0]);
    const delKeys = del.split(',').filter((x) => x !== '');
    const users = types.includes('users') && types.length === 1;
    for (const [keys, verb] of [[addKeys, 'added'], [delKeys, 'deleted']] as const) {
      if (types[0] === 'ips') {
        const bad = keys.filter((k) => !IP_QUOTA_KEYS.includes(k));
        if (bad.length) throw new ToolUsageError(`Only connection quota configs can be ${verb} for 'ips' using --bootstrap-server. Unexpected config names: ${bad.join(',')}`);
      } else if (users) {
        const bad = keys.filter((k) => !QUOTA_KEYS.includes(k) && !SCRAM_KEYS.includes(k));
        if (bad.length) throw new ToolUsageError(`Only quota and SCRAM credential configs can be ${verb} for 'users' using --bootstrap-server. Unexpected config names: ${bad.join(',')}`);
      } else {
        const bad = keys.filter((k) => !QUOTA_KEYS.includes(k));
        if (bad.length) throw new ToolUsageError(`Only quota configs can be ${verb} for 'clients' using --bootstrap-server. Unexpected config names: ${bad.join(',')}`);
      }
    }
    if (users && [...addKeys, ...delKeys].some((k) => SCRAM_KEYS.includes(k))) {
      if (names.includes(null)) throw new ToolUsageError('The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.');
      if ([...addKeys, ...delKeys].some((k) => QUOTA_KEYS.includes(k))) throw new ToolUsageError("Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.");
      const out = ['user', 'scram', 'set', ...conn, '--user', names[0]!];
      if (add) out.push('--kafka-add-config', add);
      if (del) out.push('--kafka-delete-config', del);
      return out;
    }
    const out = ['quota', 'alter', ...conn, ...entity];
    if (add) out.push('--add-config', add);
    if (del) out.push('--delete-config', del);
    return out;
  }
  const targets: Record<string, string> = { topics: '--topic', brokers: '--broker', groups: '--group', 'client-metrics': '--client-metrics' };
  const target = targets[types[0]];
  if (target === undefined) throw new KfkError(`--entity-type ${types[0]} is not supported by kfk's kafka-configs: topics, brokers, groups, client-metrics, users, clients and ips are`);
  if (types[0] === 'client-metrics' && (names.length === 0 || names[0] === null)) {
    // Every client metrics resource the cluster lists; no resource to alter without a name.
    if (alter) throw new ToolUsageError('An entity name must be specified with --alter of client-metrics');
    return ['config', 'describe', '-o', 'text', ...conn, target, ...(r.switches.has('all') ? ['--all'] : [])];
  }
  if (names.length === 0 || names[0] === null) throw new KfkError(`kfk's kafka-configs needs --entity-name for ${types[0]}`);
  if (!alter) return ['config', 'describe', '-o', 'text', '--kafka-configs-text', ...conn, target, names[0], ...(r.switches.has('all') ? ['--all'] : [])];
  const out = ['config', 'alter', '-o', 'text', ...conn, target, names[0]];
  if (add) out.push('--set', add);
  for (const k of del.split(',').filter((x) => x !== '')) out.push('--delete', k);
  return out;
}

function reassignPartitions(args: string[]): string[] {
  const values = ['bootstrap-server', 'bootstrap-controller', 'command-config', 'reassignment-json-file', 'topics-to-move-json-file', 'broker-list', 'throttle', 'replica-alter-log-dirs-throttle', 'timeout'];
  const switches = ['generate', 'execute', 'verify', 'cancel', 'list', 'additional', 'preserve-throttles', 'disable-rack-aware'];
  const r = parseJoptUncaught({ values, switches }, args);
  if (r.switches.has('help') || args.length === 0) return ['partition', 'reassign', '--help'];
  if (r.switches.has('version')) return ['--version'];
  const actions = ['generate', 'execute', 'verify', 'cancel', 'list'].filter((a) => r.switches.has(a));
  if (actions.length !== 1) throw new ToolUsageError('Command must include exactly one action: --generate, --execute, --verify, --cancel, --list');
  const action = actions[0];
  if (r.values.has('bootstrap-server') && r.values.has('bootstrap-controller')) throw new ToolUsageError("Please don't specify both --bootstrap-server and --bootstrap-controller");
  if (!r.values.has('bootstrap-server') && !r.values.has('bootstrap-controller')) throw new ToolUsageError('Please specify either --bootstrap-server or --bootstrap-controller');
  const required: Record<string, string[]> = { verify: ['reassignment-json-file'], generate: ['topics-to-move-json-file', 'broker-list'], execute: ['reassignment-json-file'], cancel: ['reassignment-json-file'], list: [] };
  requireArgs(r, ...required[action]);
  const permitted: Record<string, string[]> = {
    verify: ['bootstrap-server', 'command-config', 'preserve-throttles'],
    generate: ['bootstrap-server', 'broker-list', 'command-config', 'disable-rack-aware'],
    execute: ['additional', 'bootstrap-server', 'command-config', 'throttle', 'replica-alter-log-dirs-throttle', 'timeout'],
    cancel: ['bootstrap-server', 'bootstrap-controller', 'command-config', 'preserve-throttles', 'timeout'],
    list: ['bootstrap-server', 'bootstrap-controller', 'command-config'],
  };
  // The options in command-line order, as joptsimple lists them.
  const given = args.filter((a) => a.startsWith('-')).map((a) => a.replace(/^--?/, '').replace(/=.*$/, '')).map((typed) => [...values, ...switches].find((n) => n === typed) ?? [...values, ...switches].find((n) => n.startsWith(typed))!);
  for (const o of given) if (o !== action && !required[action].includes(o) && !permitted[action].includes(o)) throw new ToolUsageError(`Option "[${o}]" can't be used with action "[${action}]"`);
  const out = ['partition', 'reassign', action, ...connection(r)];
  if (action === 'generate') out.push('--topics-to-move-json-file', last(r, 'topics-to-move-json-file')!, '--broker-list', last(r, 'broker-list')!);
  else if (action !== 'list') out.push('--reassignment-json-file', last(r, 'reassignment-json-file')!);
  else out.push('-o', 'text');
  if (r.switches.has('additional')) out.push('--additional');
  if (r.switches.has('disable-rack-aware')) out.push('--disable-rack-aware');
  if (r.switches.has('preserve-throttles')) out.push('--preserve-throttles');
  const throttle = last(r, 'throttle');
  if (throttle !== undefined) {
    if (!/^-?\d+$/.test(throttle)) throw new ToolUsageError(`Cannot parse argument '${throttle}' of option throttle`);
    out.push('--throttle', throttle);
  }
  const logDirThrottle = last(r, 'replica-alter-log-dirs-throttle');
  if (logDirThrottle !== undefined) {
    if (!/^-?\d+$/.test(logDirThrottle)) throw new ToolUsageError(`Cannot parse argument '${logDirThrottle}' of option replica-alter-log-dirs-throttle`);
    out.push('--log-dir-throttle', logDirThrottle);
  }
  // --timeout: how long execute and cancel wait for log directory moves to start (kfk's --timeout).
  const timeout = last(r, 'timeout');
  if (timeout !== undefined) {
    if (!/^-?\d+$/.test(timeout)) throw new ToolUsageError(`Cannot parse argument '${timeout}' of option timeout`);
    out.push('--timeout', timeout);
  }
  return out;
}

/**
 * kafka-reassign-partitions' text of a failure from the cluster: the ExecutionException's
 * message, `class: message` of the broker's error; a broker that is not there makes Kafka's
 * admin client wait for it (60 s) and fail with its TimeoutException, which kfk prints at once.
 */
function reassignErrorText(err: unknown): string | undefined {
  if (err instanceof UnknownBrokerError) return 'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: incrementalAlterConfigs';
  return javaFailureText(err);
}

/** A broker's error as Java's ExecutionException words it: `class: message` (the Java client's message when the broker gave none). */
function javaFailureText(err: unknown): string | undefined {
  const e = err as { errorCode?: unknown; brokerMessage?: unknown };
  if (err instanceof Error && typeof e.errorCode === 'number' && e.brokerMessage !== undefined) {
    return typeof e.brokerMessage === 'string' ? javaException(e.errorCode, e.brokerMessage, 'org.apache.kafka.common.KafkaException') : javaExceptionText(e.errorCode, err.message);
  }
  return undefined;
}

export interface ToolTranslation {
  argv: string[];
  /** The tool prints its errors on stdout, after this prefix (kafka-reassign-partitions: "Error: "). */
  errorsToStdout?: string;
  /** The tool's wording of an error, where it is not kfk's. */
  errorText?: (err: unknown) => string | undefined;
  /** Lines the tool prints on stdout first (deprecation notices). */
  notices?: string[];
}

/** The tools translated here, by script name: their translation, and where they print errors. */
const TOOLS: Record<string, { translate: (args: string[]) => string[]; errorsToStdout?: string; errorText?: (err: unknown) => string | undefined; notices?: (args: string[]) => string[] }> = {
  'kafka-delete-records': { translate: deleteRecords },
  'kafka-metadata-quorum': { translate: metadataQuorum },
  'kafka-features': { translate: features },
  'kafka-leader-election': { translate: leaderElection },
  'kafka-log-dirs': { translate: logDirs },
  'kafka-configs': { translate: configs },
  'kafka-transactions': { translate: translateTransactions },
  'kafka-reassign-partitions': { translate: reassignPartitions, errorsToStdout: 'Error: ', errorText: reassignErrorText },
  'kafka-cluster': { translate: translateCluster, errorText: javaFailureText, notices: clusterNotices },
  'kafka-consumer-groups': { translate: translateConsumerGroups },
  'kafka-share-groups': { translate: translateShareGroups },
  'kafka-streams-groups': { translate: translateStreamsGroups },
  'kafka-get-offsets': { translate: translateGetOffsets, errorText: getOffsetsErrorText },
  'kafka-broker-api-versions': { translate: brokerApiVersions },
  'kafka-groups': { translate: groups },
  'kafka-client-metrics': { translate: clientMetrics, errorsToStdout: 'Error while executing client metrics command : ' },
  'kafka-delegation-tokens': { translate: delegationTokens },
  // The tool catches nothing: a failure is the JVM's `Exception in thread "main" ...` (then its stack trace).
  'kafka-dump-log': { translate: dumpLog, errorText: (err) => ((err as { javaException?: string }).javaException === undefined ? undefined : `Exception in thread "main" ${(err as { javaException: string }).javaException}`) },
};

/** The translation of a tool's command line; undefined for a tool not translated here. */
export function translateTool(tool: string, args: string[]): ToolTranslation | undefined {
  const name = tool.replace(/\.sh$/, '');
  if (!Object.hasOwn(TOOLS, name)) return undefined;
  const { translate, errorsToStdout, errorText, notices } = TOOLS[name];
  return { argv: translate(args), ...(errorsToStdout === undefined ? {} : { errorsToStdout }), ...(errorText ? { errorText } : {}), ...(notices ? { notices: notices(args) } : {}) };
}

