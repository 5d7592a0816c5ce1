// The kafka-acls drop-in: Kafka's AclCommand command line translated to `kfk acl ...`, and its
// way of reporting errors: a bad command line as a bare line on stderr, everything else as
// "Error while executing ACL command: <Java exception>" on stdout; exit 1 for both.
import { UsageError } from '../errors.js';
import { AclToolError } from '../commands/acl/plan.js';
import { AclRequestError } from '../kafka/admin/acls.js';
import { javaExceptionName } from '../kafka/wire/error-codes.js';

const ACTIONS: Record<string, string> = { '--list': 'list', '--add': 'create', '--remove': 'delete' };
const VALUE_FLAGS = [
  '--bootstrap-server',
  '--bootstrap-controller',
  '--command-config',
  '--topic',
  '--group',
  '--transactional-id',
  '--delegation-token',
  '--user-principal',
  '--resource-pattern-type',
  '--operation',
  '--allow-principal',
  '--deny-principal',
  '--allow-host',
  '--deny-host',
];
const SWITCHES = ['--cluster', '--idempotent', '--producer', '--consumer', '--force', '--help', '--version', ...Object.keys(ACTIONS)];

export function translateAcls(raw: string[]): string[] {
  const args = raw.flatMap((a) => (/^--[^=]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (VALUE_FLAGS.includes(a)) {
      const v = args[i + 1];
      if (v === undefined) throw new UsageError(`Option ${a.slice(2)} requires an argument`);
      i++;
      seen.add(a);
      out.push(a, v);
    } else if (a === '--principal') {
      // An optional value, as in kafka-acls.
      seen.add(a);
      if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) out.push(a, args[++i]);
    } else if (SWITCHES.includes(a)) {
      seen.add(a);
      if (!(a in ACTIONS)) out.push(a);
    } else if (a.startsWith('-')) {
      throw new UsageError(`${a.replace(/^--?/, '')} is not a recognized option`);
    }
    // Kafka's tool ignores stray words.
  }
  if (args.length === 0 || seen.has('--help')) return ['acl', '--help'];
  if (seen.has('--version')) return ['--version'];
  if (seen.has('--bootstrap-server') && seen.has('--bootstrap-controller')) throw new UsageError('Only one of --bootstrap-server or --bootstrap-controller must be specified');
  if (!seen.has('--bootstrap-server') && !seen.has('--bootstrap-controller')) throw new UsageError('One of --bootstrap-server or --bootstrap-controller must be specified');
  const actions = Object.keys(ACTIONS).filter((a) => seen.has(a));
  if (actions.length !== 1) throw new UsageError('Command must include exactly one action: --list, --add, --remove. ');
  const sub = ACTIONS[actions[0]];
  // kafka-acls takes --force with any action and uses it only to remove.
  const flags = sub === 'delete' ? out : out.filter((a) => a !== '--force');
  return ['acl', sub, '-o', 'text', '--kafka-acls-text', ...flags];
}

/** kafka-acls' report of an error: the line and the stream it goes to; undefined for kfk's own. */
export function aclsErrorReport(err: unknown): { text: string; toStdout: boolean } | undefined {
  const prefix = 'Error while executing ACL command: ';
  if (err instanceof AclToolError) return { text: prefix + err.javaText, toStdout: true };
  if (err instanceof UsageError) return { text: err.message, toStdout: false };
  if (err instanceof AclRequestError) {
    const cls = javaExceptionName(err.code);
    const message = err.brokerMessage ?? err.message;
    return { text: prefix + (cls ? `org.apache.kafka.common.errors.${cls}: ${message}` : message), toStdout: true };
  }
  if (err instanceof Error) return { text: prefix + err.message.split('\n')[0], toStdout: true };
  return undefined;
}
