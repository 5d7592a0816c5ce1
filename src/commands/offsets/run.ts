// GetOffsetShell: topic:partition:offset per line, sorted, at --time (default latest).
import type { CommandContext } from '../../cli/context.js';
import type { FlagsOf } from '../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../errors.js';
import { render } from '../../cli/output.js';
import { parseTime } from '../../format/time.js';
import { topicMatcher } from '../../format/topic-pattern.js';

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

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const time = parseOffsetTime(opts.time);
  let only: Set<number> | null = null;
  if (opts.partitions !== undefined) {
    if (!/^\d+(,\d+)*$/.test(opts.partitions)) throw new UsageError(`invalid --partitions '${opts.partitions}': expected 0,1,2`);
    only = new Set(opts.partitions.split(',').map(Number));
  }
  const matches = topicMatcher(opts.topic);
  const client = await ctx.kafka('all');
  const { listTopicNames, explainMissingTopics } = await import('../../kafka/admin/topics.js');
  const api = await import('../../kafka/admin/offsets.js');
  const names = (await ctx.bounded(listTopicNames(client, { includeInternal: !opts.excludeInternal }))).filter(matches).sort();
  if (names.length === 0 && opts.topic !== undefined) throw await ctx.bounded(explainMissingTopics(client, [opts.topic]));
  const wanted = (await ctx.bounded(api.partitionsOf(client, names)))
    .map((t) => ({ topic: t.topic, partitions: only ? t.partitions.filter((p) => only!.has(p)) : t.partitions }))
    .filter((t) => t.partitions.length > 0);
  const { offsets, unread } = wanted.length ? await ctx.bounded(api.listOffsetsOf(client, wanted, time)) : { offsets: [], unread: [] };
  // As kafka-get-offsets: a partition whose offset cannot be read (no leader) is skipped with a
  // line on stderr, the others are printed, and the exit code is 0 while any could be read.
  // (kafka-get-offsets first waits for a leader for 60 s; kfk tells at once.)
  for (const u of unread) ctx.io.note(`skipped ${u.topic}-${u.partition}: ${u.error === 'LEADER_NOT_AVAILABLE' ? 'the partition has no leader' : u.error}`);
  await render(ctx.io, opts.output, offsets, {
    // As kafka-get-offsets: a partition without a record at or after --time is left out.
    text: (all) => all.filter((o) => o.offset >= 0).map((o) => `${o.topic}:${o.partition}:${o.offset}\n`).join(''),
    json: (all) =>
      [
        ...all.map((o) => ({ ...o, offset: o.offset >= 0 ? o.offset : null })),
        ...unread.map((u) => ({ topic: u.topic, partition: u.partition, offset: null, error: u.error })),
      ].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)),
  });
  return unread.length > 0 && offsets.length === 0 ? 1 : 0;
}
