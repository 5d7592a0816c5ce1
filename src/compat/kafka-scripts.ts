// Drop-ins for runbooks: Kafka's own command lines (kafka-topics, kafka-console-producer,
// kafka-console-consumer; 3.x and 4.x spellings) translated to kfk commands, which print
// Kafka's text. `kfk compat kafka-topics --list ...` and the kfk-kafka-* bins use this.
import { UsageError } from '../errors.js';
import { MissingTopicsError } from '../kafka/admin/missing-topics.js';
import type { KafkaMajor } from '../kafka/wire/client.js';
import { aclsErrorReport, translateAcls } from './kafka-acls.js';
import { translateTool } from './kafka-tools.js';
import { KAFKA_TOOLS } from './tool-names.js';

export interface Translation {
  argv: string[];
  /** How Kafka's tool introduces an error. */
  errorPrefix: string;
  /** kafka-topics prints its error line on stdout. */
  errorsToStdout: boolean;
  /**
   * Lines Kafka 4.x prints on stdout first: the deprecation notices for the old flag names.
   * Kafka 3.x's tools print none (see noticesFor).
   */
  notices: string[];
  /** The tool's own report of an error (its line and stream), where it differs from kfk's. */
  report?: (err: unknown) => { text: string; toStdout: boolean } | undefined;
  /** The tool's own wording of an error on a cluster of this Kafka version, where it is not kfk's. */
  errorText?: (err: unknown, major: KafkaMajor | undefined) => string | undefined;
}

/**
 * The notices to print for a cluster of this Kafka major version: none for 3.x (those flags are
 * not deprecated there), 4.x's when the cluster is 4.x or could not be asked (4.x prints them
 * before it connects).
 */
export function noticesFor(t: Translation, major: KafkaMajor | undefined): string[] {
  return major === 3 ? [] : t.notices;
}

/** Kafka 3.x's kafka-topics names a missing topic as Java's Optional: `Topic 'Optional[x]' ...`. */
function topicsErrorText(err: unknown, major: KafkaMajor | undefined): string | undefined {
  if (major === 3 && err instanceof MissingTopicsError && err.topics.length === 1) {
    return `Topic 'Optional[${err.topics[0]}]' does not exist as expected`;
  }
  return undefined;
}

const TOPIC_ACTIONS = ['--list', '--describe', '--create', '--alter', '--delete'] as const;
/** kafka-topics flags that take a value, and the kfk flag each becomes. */
const TOPIC_VALUE_FLAGS: Record<string, string> = {
  '--bootstrap-server': '--bootstrap-server',
  '--command-config': '--command-config',
  '--topic': '--topic',
  '--partitions': '--partitions',
  '--replication-factor': '--replication-factor',
  '--config': '--config',
  '--delete-config': '--delete-config',
  '--replica-assignment': '--replica-assignment',
  '--topic-id': '--topic-id',
};
const TOPIC_SWITCHES = [
  '--if-exists',
  '--if-not-exists',
  '--under-replicated-partitions',
  '--under-min-isr-partitions',
  '--at-min-isr-partitions',
  '--unavailable-partitions',
  '--topics-with-overrides',
  '--exclude-internal',
];
/** Which kfk topic subcommand accepts which switch (kafka-topics ignores the rest). */
const SWITCHES_FOR: Record<string, string[]> = {
  create: ['--if-not-exists'],
  alter: ['--if-exists'],
  delete: ['--if-exists'],
  list: ['--exclude-internal'],
  describe: TOPIC_SWITCHES.filter((s) => s !== '--if-not-exists'),
};

/** `--flag=value` and `--flag value` both work, as in joptsimple. */
function splitEquals(args: string[]): string[] {
  return args.flatMap((a) => (/^--[^=]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
}

function translateTopics(raw: string[]): string[] {
  const args = splitEquals(raw);
  if (args.includes('--help') || args.length === 0) return ['topic', '--help'];
  if (args.includes('--version')) return ['--version'];
  if (args.includes('--zookeeper')) throw new UsageError('--zookeeper is not supported: use --bootstrap-server');
  const actions = TOPIC_ACTIONS.filter((a) => args.includes(a));
  if (actions.length !== 1) throw new UsageError('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
  const sub = actions[0].slice(2);
  const out = ['topic', sub, '-o', 'text'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((TOPIC_ACTIONS as readonly string[]).includes(a)) continue;
    if (a in TOPIC_VALUE_FLAGS) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`Option ${a} requires an argument`);
      if (a === '--topic-id') throw new UsageError('--topic-id is not supported: use --topic');
      out.push(TOPIC_VALUE_FLAGS[a], v);
    } else if (TOPIC_SWITCHES.includes(a)) {
      if (SWITCHES_FOR[sub].includes(a)) out.push(a);
    } else {
      throw new UsageError(`${a} is not a recognized option`);
    }
  }
  return out;
}

/** Kafka client flags kfk has no use for: accepted and ignored, with their value when they take one. */
const IGNORED_WITH_VALUE = ['--key-deserializer', '--value-deserializer', '--max-partition-memory-bytes', '--socket-buffer-size', '--message-send-max-retries-backoff'];
const IGNORED_SWITCHES = ['--enable-systest-events'];
/** Old spellings that 4.x renamed. */
const RENAMED: Record<string, string> = { '--broker-list': '--bootstrap-server', '--whitelist': '--include' };

/** Kafka 4.x's notices for the 3.x flag names, in the order it prints them. */
function deprecationNotices(command: 'produce' | 'consume', args: string[]): string[] {
  const [prefix, client, newProperty] = command === 'produce' ? ['Warning:', 'producer', 'reader'] : ['Option', 'consumer', 'formatter'];
  const old: Array<[string, string]> = [
    [`--${client}-property`, '--command-property'],
    [`--${client}.config`, '--command-config'],
    ['--property', `--${newProperty}-property`],
  ];
  return old.filter(([flag]) => args.includes(flag)).map(([flag, now]) => `${prefix} ${flag} is deprecated and will be removed in a future version. Use ${now} instead.`);
}

/** The console consumer's deserializer flags are formatter properties (key.deserializer, value.deserializer). */
const CONSUMER_DESERIALIZER_FLAGS: Record<string, string> = { '--key-deserializer': 'key.deserializer', '--value-deserializer': 'value.deserializer' };

function translateClient(command: 'produce' | 'consume', raw: string[]): string[] {
  const args = splitEquals(raw);
  const out: string[] = [command];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (command === 'consume' && a in CONSUMER_DESERIALIZER_FLAGS && args[i + 1] !== undefined) {
      // First, so that a --property of the same name wins, as in Kafka.
      out.splice(1, 0, '--property', `${CONSUMER_DESERIALIZER_FLAGS[a]}=${args[++i]}`);
      continue;
    }
    if (IGNORED_WITH_VALUE.includes(a)) {
      i++;
      continue;
    }
    if (IGNORED_SWITCHES.includes(a)) continue;
    out.push(RENAMED[a] ?? a);
  }
  return out;
}

/** Kafka 4.x's notices for kafka-console-share-consumer's deprecated flags, in the order it prints them. */
function shareDeprecationNotices(args: string[]): string[] {
  const old: Array<[string, string]> = [
    ['--consumer-property', '--command-property'],
    ['--consumer-config', '--command-config'],
    ['--property', '--formatter-property'],
  ];
  return old.filter(([flag]) => args.includes(flag)).map(([flag, now]) => `Option ${flag} is deprecated and will be removed in a future version. Use ${now} instead.`);
}

/**
 * kafka-console-share-consumer (Kafka 4.1+): `kfk consume --share-group G`, with Kafka's default
 * group `share`; --consumer-config is its spelling of --consumer.config.
 */
function translateShareConsumer(raw: string[]): string[] {
  const args = splitEquals(raw);
  if (args.includes('--help')) return ['consume', '--help'];
  if (args.includes('--version')) return ['--version'];
  let group = 'share';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--group' && args[i + 1] !== undefined) group = args[++i];
    else if (a === '--consumer-config' && args[i + 1] !== undefined) rest.push('--consumer.config', args[++i]);
    else rest.push(a);
  }
  const out = translateClient('consume', rest);
  out.splice(1, 0, '--share-group', group);
  return out;
}

export function translate(tool: string, args: string[]): Translation {
  switch (tool) {
    case 'kafka-topics':
    case 'kafka-topics.sh':
      return { argv: translateTopics(args), errorPrefix: 'Error while executing topic command : ', errorsToStdout: true, notices: [], errorText: topicsErrorText };
    case 'kafka-console-producer':
    case 'kafka-console-producer.sh':
      return { argv: translateClient('produce', args), errorPrefix: 'ERROR ', errorsToStdout: false, notices: deprecationNotices('produce', splitEquals(args)) };
    case 'kafka-console-consumer':
    case 'kafka-console-consumer.sh':
      return { argv: translateClient('consume', args), errorPrefix: 'ERROR ', errorsToStdout: false, notices: deprecationNotices('consume', splitEquals(args)) };
    case 'kafka-console-share-consumer':
    case 'kafka-console-share-consumer.sh':
      return { argv: translateShareConsumer(args), errorPrefix: 'ERROR ', errorsToStdout: false, notices: shareDeprecationNotices(splitEquals(args)) };
    case 'kafka-acls':
    case 'kafka-acls.sh':
      return { argv: translateAcls(args), errorPrefix: 'Error while executing ACL command: ', errorsToStdout: true, notices: [], report: aclsErrorReport };
    default: {
      // The runbook tools print their errors on stderr, as the exception's message alone.
      const t = translateTool(tool, args);
      if (t) return { argv: t.argv, errorPrefix: t.errorsToStdout ?? '', errorsToStdout: t.errorsToStdout !== undefined, notices: t.notices ?? [], ...(t.errorText ? { errorText: t.errorText } : {}) };
      throw new UsageError(`unknown Kafka tool '${tool}': expected ${KAFKA_TOOLS.join(', ')}`);
    }
  }
}
