// GetOffsetShell: topic:partition:offset per line, sorted, at --time (default latest).
import type { CommandContext } from '../../cli/context.js';
import type { FlagsOf } from '../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../errors.js';
import { render } from '../../cli/output.js';
import { parseTime } from '../../format/time.js';
import { topicMatcher } from '../../format/topic-pattern.js';
import { parseTopicPartitionRules, ruleMatchers } from '../../format/topic-partition-rules.js';

type Flags = FlagsOf<typeof define>;

export function parseOffsetTime(text: string | undefined): number {
  if (text === undefined) return -1;
  const t = text.trim().toLowerCase();
  if (t === 'latest' || t === '-1') return -1;
  if (t === 'earliest' || t === '-2') return -2;
  if (/^-\d+$/.test(t)) throw new UsageError(`--time ${text} is not supported: use earliest (-2), latest (-1), epoch ms or a date-time`);
  if (/^\d+$/.test(t)) return Number(t);
  return parseTime(text, '--time');
}

/** --topic-partitions as predicates, or a usage error naming the rule it cannot read. */
function rulesOf(list: string): ReturnType<typeof ruleMatchers> {
  try {
    return ruleMatchers(parseTopicPartitionRules(list));
  } catch (err) {
    const bad = (err as { badRule?: string }).badRule;
    throw new UsageError(bad === undefined ? `invalid --topic-partitions '${list}': ${(err as Error).message}` : `invalid --topic-partitions rule '${bad}': expected topic-regex[:N|:N-M|:N-|:-M]`);
  }
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const time = parseOffsetTime(opts.time);
  if (opts.topicPartitions !== undefined && (opts.topic !== undefined || opts.partitions !== undefined)) throw new UsageError('--topic-partitions cannot be used with --topic or --partitions');
  let only: Set<number> | null = null;
  if (opts.partitions !== undefined) {
    if (!/^\d+(,\d+)*$/.test(opts.partitions)) throw new UsageError(`invalid --partitions '${opts.partitions}': expected 0,1,2`);
    only = new Set(opts.partitions.split(',').map(Number));
  }
  const rules = opts.topicPartitions === undefined ? null : rulesOf(opts.topicPartitions);
  const matches = rules ? rules.topic : topicMatcher(opts.topic);
  const client = await ctx.kafka('all');
  const { listTopicNames, explainMissingTopics } = await import('../../kafka/admin/topics.js');
  const api = await import('../../kafka/admin/offsets.js');
  const names = (await ctx.bounded(listTopicNames(client, { includeInternal: !opts.excludeInternal }))).filter(matches).sort();
  if (names.length === 0 && opts.topic !== undefined && !opts.kafkaErrors) throw await ctx.bounded(explainMissingTopics(client, [opts.topic]));
  const wanted = (await ctx.bounded(api.partitionsOf(client, names)))
    .map((t) => ({ topic: t.topic, partitions: t.partitions.filter((p) => (only ? only.has(p) : true) && (rules ? rules.partition(t.topic, p) : true)) }))
    .filter((t) => t.partitions.length > 0);
  // kafka-get-offsets refuses filters that name no partition.
  if (opts.kafkaErrors && wanted.length === 0) throw new KfkError('Could not match any topic-partitions with the specified filters');
  const { offsets, unread } = wanted.length ? await ctx.bounded(api.listOffsetsOf(client, wanted, time)) : { offsets: [], unread: [] };
  // As kafka-get-offsets: a partition whose offset cannot be read (no leader) is skipped with a
  // line on stderr, the others are printed, and the exit code is 0 while any could be read.
  // (kafka-get-offsets first waits for a leader for 60 s; kfk tells at once.)
  for (const u of unread) ctx.io.note(`skipped ${u.topic}-${u.partition}: ${u.error === 'LEADER_NOT_AVAILABLE' ? 'the partition has no leader' : u.error}`);
  await render(ctx.io, opts.output, offsets, {
    // As kafka-get-offsets: a partition without a record at or after --time is left out, and the
    // others come in the order of their `topic-partition` names (a TreeMap by TopicPartition's
    // toString: orders-10 before orders-2).
    text: (all) =>
      all
        .filter((o) => o.offset >= 0)
        .map((o) => ({ o, key: `${o.topic}-${o.partition}` }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(({ o }) => `${o.topic}:${o.partition}:${o.offset}\n`)
        .join(''),
    json: (all) =>
      [
        ...all.map((o) => ({ ...o, offset: o.offset >= 0 ? o.offset : null })),
        ...unread.map((u) => ({ topic: u.topic, partition: u.partition, offset: null, error: u.error })),
      ].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)),
  });
  // kafka-get-offsets skips what it cannot read and exits 0.
  return unread.length > 0 && offsets.length === 0 && !opts.kafkaErrors ? 1 : 0;
}
