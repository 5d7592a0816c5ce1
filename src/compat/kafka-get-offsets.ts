// kafka-get-offsets' command line (Kafka 4.4's GetOffsetShell, joptsimple) translated to `kfk
// offsets`, with the tool's checks in its order and its words: `Error occurred: ...` for what it
// finds wrong once it has parsed the options, the bare usage line before that.
import { KfkError, errorMessage } from '../errors.js';
import { includeListRegex, parseTopicPartitionRules, topicRegexMatcher } from '../format/topic-partition-rules.js';
import { isJavaLong, type JoptParsed, parseJoptStrict, ToolUsageError } from './jopt.js';

const USAGE = 'An interactive shell for getting topic-partition offsets.';
const TIME_NAMES: Record<string, string> = { earliest: '-2', latest: '-1', 'max-timestamp': '-3', 'earliest-local': '-4', 'latest-tiered': '-5', 'earliest-pending-upload': '-6' };
/** The special times kfk's ListOffsets does not send (they need ListOffsets v7 to v11). */
const UNSUPPORTED_TIMES: Record<string, string> = { '-3': 'max-timestamp', '-4': 'earliest-local', '-5': 'latest-tiered', '-6': 'earliest-pending-upload' };

const NO_MATCH = 'Could not match any topic-partitions with the specified filters';

/** What the tool prints after parsing, on stderr: `Error occurred: <message>`, exit 1. */
const failure = (message: string) => new ToolUsageError(`Error occurred: ${message}`);

/** An option the tool reads with valueOf: given twice, joptsimple refuses. */
function single(r: JoptParsed, name: string): string | undefined {
  const v = r.values.get(name);
  if (v && v.length > 1) throw failure(`Found multiple arguments for option ${name}, but you asked for only one`);
  return v?.[0];
}

/** ToolsUtils.validateBootstrapServer: every comma-separated entry ends in `:port`. */
function validBootstrap(servers: string): boolean {
  if (servers.trim() === '') return false;
  return servers.split(',').every((hp) => /^.*?\[?[0-9a-zA-Z\-%._:]*\]?:[0-9]+$/.test(hp));
}

/** TopicFilter.IncludeList's check of its regular expression. */
function checkRegex(regex: string): void {
  try {
    topicRegexMatcher(regex);
  } catch {
    throw failure(`${regex} is an invalid regex.`);
  }
}

/** --time as kfk's: -1, -2 or a timestamp; the others named as not supported. */
function timeOf(value: string): string {
  const t = Object.hasOwn(TIME_NAMES, value) ? TIME_NAMES[value] : value;
  if (!isJavaLong(t)) {
    throw failure(`Malformed time argument ${value}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload, or a specified long format timestamp`);
  }
  const n = BigInt(t);
  if (n === -1n || n === -2n || n >= 0n) return String(n);
  const named = UNSUPPORTED_TIMES[String(n)];
  throw new KfkError(`kfk's kafka-get-offsets does not support --time ${value}${named && named !== value ? ` (${named})` : ''}: only -1 (latest), -2 (earliest) and timestamps`);
}

/** `kafka-get-offsets ...` as a kfk command line. */
export function translateGetOffsets(args: string[]): string[] {
  // The tool prints its usage for no arguments, exit 1.
  if (args.length === 0) throw new ToolUsageError(USAGE);
  let r: JoptParsed;
  try {
    r = parseJoptStrict({ required: ['bootstrap-server', 'topic-partitions', 'topic', 'partitions', 'time', 'command-config'], switches: ['exclude-internal-topics'] }, args);
  } catch (err) {
    throw failure((err as Error).message);
  }
  if (r.values.has('help')) return ['offsets', '--help'];
  if (r.values.has('version')) return ['--version'];
  if (!r.values.has('bootstrap-server')) throw new ToolUsageError('Missing required argument "[bootstrap-server]"');
  const servers = single(r, 'bootstrap-server')!;
  if (!validBootstrap(servers)) throw new ToolUsageError('Please provide valid host:port like host1:9091,host2:9092');
  const rules = single(r, 'topic-partitions');
  const topic = single(r, 'topic');
  const partitions = single(r, 'partitions');
  if (rules !== undefined && (topic !== undefined || partitions !== undefined)) throw failure('--topic-partitions cannot be used with --topic or --partitions');
  const time = timeOf(single(r, 'time') ?? 'latest');
  const out = ['offsets', '-o', 'text', '--kafka-errors', '--bootstrap-server', servers];
  const config = single(r, 'command-config');
  if (config !== undefined) out.push('--command-config', config);
  out.push('--time', time);
  if (r.values.has('exclude-internal-topics')) out.push('--exclude-internal');
  if (rules !== undefined) {
    // Rule by rule, as the tool reads them: its syntax and numbers, then its topic regex.
    const specs = rules.split(',');
    while (specs.length > 0 && specs.at(-1) === '') specs.pop();
    for (const spec of specs) {
      let topicRegex: string | null;
      try {
        [{ topic: topicRegex }] = parseTopicPartitionRules(spec === '' ? ':' : spec);
      } catch (err) {
        const bad = (err as { badRule?: string }).badRule;
        throw failure(bad === undefined ? (err as Error).message : `org.apache.kafka.tools.TerseException: Invalid rule specification: ${bad}`);
      }
      if (topicRegex !== null) checkRegex(includeListRegex(topicRegex));
    }
    out.push('--topic-partitions', rules);
    return out;
  }
  if (topic !== undefined) {
    const regex = includeListRegex(topic);
    checkRegex(regex);
    out.push('--topic', regex);
  }
  if (partitions !== undefined && partitions !== '') {
    const ids = partitions.split(',');
    while (ids.length > 0 && ids.at(-1) === '') ids.pop();
    const ok = ids.length > 0 && ids.every((p) => /^[+-]?\d+$/.test(p) && Math.abs(Number(p)) <= 2147483648 && Number(p) <= 2147483647);
    if (!ok) throw failure(`--partitions expects a comma separated list of numeric partition ids, but received: ${partitions}`);
    // Negative ids name no partition.
    const kept = [...new Set(ids.map(Number).filter((p) => p >= 0))];
    if (kept.length === 0) throw failure(NO_MATCH);
    out.push('--partitions', kept.join(','));
  }
  return out;
}

/** GetOffsetShell's line for a failure once it runs (kfk offsets' error, in the tool's frame). */
export function getOffsetsErrorText(err: unknown): string {
  return `Error occurred: ${errorMessage(err)}`;
}
