// kafka-leader-election: ElectLeaders for the partitions named (flags or JSON file) or all,
// printed as LeaderElectionCommand prints the outcome.
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { hashSetOrder } from '../../../format/java-order.js';
import { javaException } from '../../../kafka/wire/error-codes.js';
import type { PartitionElection } from '../../../kafka/admin/leaders.js';

type Flags = FlagsOf<typeof define>;

type TP = { topic: string; partition: number };

/** kafka-leader-election's JSON file, with its errors worded as the tool words them. */
export function parseElectionJson(path: string): TP[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KfkError(`java.io.IOException: Unable to read file ${path}`);
  }
  let js: unknown;
  try {
    js = JSON.parse(text);
  } catch {
    throw new KfkError('Replica election data is empty');
  }
  if (typeof js !== 'object' || js === null || Array.isArray(js) || !('partitions' in js)) throw new KfkError('Replica election data is missing "partitions" field');
  const list = (js as { partitions: unknown }).partitions;
  if (!Array.isArray(list)) throw new KfkError(`Expected JSON array, found ${JSON.stringify(list)}`);
  const out = list.map((p: Record<string, unknown>) => {
    if (typeof p?.topic !== 'string') throw new KfkError('No such field exists: `topic`');
    if (!Number.isInteger(p.partition)) throw new KfkError('No such field exists: `partition`');
    return { topic: p.topic, partition: p.partition as number };
  });
  const key = (p: TP) => `${p.topic}-${p.partition}`;
  const dups = hashSetOrder(out.filter((p, i) => out.findIndex((q) => key(q) === key(p)) !== i).filter((p, i, a) => a.findIndex((q) => key(q) === key(p)) === i));
  if (dups.length) throw new KfkError(`Replica election data contains duplicate partitions: [${dups.map(key).join(', ')}]`);
  return out.filter((p, i) => out.findIndex((q) => key(q) === key(p)) === i);
}

/** LeaderElectionCommand's lines. */
export function electionText(type: string, rs: PartitionElection[]): string {
  const T = type.toUpperCase();
  const names = (o: PartitionElection['outcome']) => hashSetOrder(rs.filter((r) => r.outcome === o));
  const list = (xs: PartitionElection[]) => xs.map((r) => `${r.topic}-${r.partition}`).join(', ');
  let out = '';
  const elected = names('elected');
  if (elected.length) out += `Successfully completed leader election (${T}) for partitions ${list(elected)}\n`;
  const noop = names('not-needed');
  if (noop.length) out += `Valid replica already elected for partitions ${list(noop)}\n`;
  for (const r of names('failed')) {
    out += `Error completing leader election (${T}) for partition: ${r.topic}-${r.partition}: ${javaException(r.errorCode, r.message, `org.apache.kafka.common.errors.${r.error}`)}\n`;
  }
  return out;
}

function parsePartitions(values: string[]): number[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => {
      if (!/^\d+$/.test(v.trim())) throw new UsageError(`invalid --partition '${v}': expected a partition number`);
      return Number(v);
    });
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const given = [opts.topic !== undefined, Boolean(opts.allTopicPartitions), opts.pathToJsonFile !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give one of --topic, --all-topic-partitions or --path-to-json-file');
  if (opts.partition && opts.topic === undefined) throw new UsageError('--partition needs --topic');
  const client = await ctx.kafka();
  let wanted: TP[] | null = null;
  if (opts.pathToJsonFile !== undefined) wanted = parseElectionJson(opts.pathToJsonFile);
  else if (opts.topic !== undefined) {
    let partitions: number[];
    if (opts.partition) partitions = parsePartitions(opts.partition);
    else {
      const { partitionsOf } = await import('../../../kafka/admin/offsets.js');
      partitions = (await ctx.bounded(partitionsOf(client, [opts.topic])))[0].partitions;
    }
    wanted = [...new Set(partitions)].map((partition) => ({ topic: opts.topic!, partition }));
  }
  const { electLeaders } = await import('../../../kafka/admin/leaders.js');
  const type = opts.electionType as 'preferred' | 'unclean';
  const results = (await ctx.bounded(electLeaders(client, type, wanted))).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  await render(ctx.io, opts.output, results, {
    text: (rs) => electionText(type, rs),
    table: (rs, style) => grid(['TOPIC', 'PARTITION', 'OUTCOME', 'ERROR'], rs.map((r) => [r.topic, String(r.partition), r.outcome, r.outcome === 'failed' ? `${r.error}: ${r.message ?? ''}` : '']), style),
    json: (rs) => rs.map((r) => ({ topic: r.topic, partition: r.partition, outcome: r.outcome, error: r.outcome === 'failed' ? r.error : null, message: r.outcome === 'failed' ? r.message : null })),
  });
  const failed = results.filter((r) => r.outcome === 'failed').length;
  if (failed) throw new KfkError(`${failed} replica(s) could not be elected`, { verbatim: false });
  return 0;
}
