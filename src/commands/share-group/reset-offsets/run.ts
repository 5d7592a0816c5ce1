// kafka-share-groups --reset-offsets: a plan per partition, shown (dry run, the default) or applied
// (--execute, AlterShareGroupOffsets). Refused while the group has members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { grid, resetPlanText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';
import { parseTime } from '../../../format/time.js';
import type { PartitionOffset, TopicPartitions } from '../../../kafka/admin/offsets.js';

type Spec = { kind: 'earliest' | 'latest' | 'current' } | { kind: 'offset'; offset: number } | { kind: 'time'; at: number };

function spec(o: Flags): Spec {
  const given: Spec[] = [];
  if (o.toEarliest) given.push({ kind: 'earliest' });
  if (o.toLatest) given.push({ kind: 'latest' });
  if (o.toCurrent) given.push({ kind: 'current' });
  if (o.toOffset !== undefined) {
    if (!/^\d+$/.test(o.toOffset.trim())) throw new UsageError(`invalid --to-offset '${o.toOffset}': expected a non-negative integer`);
    given.push({ kind: 'offset', offset: Number(o.toOffset) });
  }
  if (o.toDatetime !== undefined) {
    const t = /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(o.toDatetime) ? o.toDatetime + 'Z' : o.toDatetime;
    given.push({ kind: 'time', at: parseTime(t, '--to-datetime') });
  }
  if (given.length !== 1) throw new UsageError('give exactly one of --to-earliest, --to-latest, --to-current, --to-offset, --to-datetime');
  return given[0];
}

function parseTopicArg(arg: string): { topic: string; partitions: number[] | null } {
  const i = arg.indexOf(':');
  if (i < 0) return { topic: arg, partitions: null };
  const partitions: number[] = [];
  for (const part of arg.slice(i + 1).split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) throw new UsageError(`invalid --topic '${arg}': expected topic or topic:0,1,2`);
    for (let p = Number(range[1]); p <= Number(range[2] ?? range[1]); p++) partitions.push(p);
  }
  return { topic: arg.slice(0, i), partitions };
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const how = spec(opts);
  if (opts.dryRun && opts.execute) throw new UsageError('--dry-run and --execute cannot be used together');
  if (!opts.allTopics && !opts.topic?.length) throw new UsageError('give --topic or --all-topics');
  if (opts.allTopics && opts.topic?.length) throw new UsageError('--topic and --all-topics cannot be used together');
  const topicArgs = (opts.topic ?? []).map(parseTopicArg);

  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/share-groups.js');
  const offsets = await import('../../../kafka/admin/offsets.js');
  const d = await ctx.bounded(api.describeShareGroup(client, opts.group));
  if (d && d.state !== 'Empty' && d.state !== 'Dead') throw new KfkError(`Share group '${opts.group}' is not empty.`);
  const known = d ? await ctx.bounded(api.shareGroupOffsets(client, opts.group)) : [];
  const current = new Map(known.filter((k) => k.startOffset !== null).map((k) => [offsets.tpKey(k.topic, k.partition), k.startOffset!]));

  let targets: TopicPartitions[];
  if (opts.allTopics) {
    const byTopic = new Map<string, number[]>();
    for (const k of known) (byTopic.get(k.topic) ?? byTopic.set(k.topic, []).get(k.topic)!).push(k.partition);
    targets = [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
  } else {
    const parts = new Map((await ctx.bounded(offsets.partitionsOf(client, [...new Set(topicArgs.map((t) => t.topic))]))).map((k) => [k.topic, k.partitions]));
    targets = topicArgs.map((t) => {
      const all = parts.get(t.topic)!;
      const missing = (t.partitions ?? []).filter((p) => !all.includes(p));
      if (missing.length) throw new KfkError(`topic '${t.topic}' has no partition ${missing.join(', ')} (partitions 0-${all.length - 1})`);
      return { topic: t.topic, partitions: t.partitions ?? all };
    });
  }
  if (targets.length === 0) {
    await render(ctx.io, opts.output, [], { text: () => '\n' });
    return 0;
  }
  const key = (p: { topic: string; partition: number }) => offsets.tpKey(p.topic, p.partition);
  const [earliest, latest] = await ctx.bounded(Promise.all([offsets.listOffsets(client, targets, offsets.EARLIEST), offsets.listOffsets(client, targets, offsets.LATEST)]));
  const lo = new Map(earliest.map((e) => [key(e), e.offset]));
  const hi = new Map(latest.map((e) => [key(e), e.offset]));
  const atTime = how.kind === 'time' ? new Map((await ctx.bounded(offsets.listOffsets(client, targets, how.at))).map((e) => [key(e), e.offset])) : null;
  const plan: PartitionOffset[] = [];
  for (const t of targets) {
    for (const partition of t.partitions) {
      const k = offsets.tpKey(t.topic, partition);
      let offset: number;
      if (how.kind === 'earliest') offset = lo.get(k)!;
      else if (how.kind === 'latest') offset = hi.get(k)!;
      else if (how.kind === 'offset') offset = Math.min(Math.max(how.offset, lo.get(k)!), hi.get(k)!);
      else if (how.kind === 'current') offset = current.get(k) ?? hi.get(k)!;
      else {
        const found = atTime!.get(k)!;
        offset = found >= 0 ? found : hi.get(k)!;
      }
      plan.push({ topic: t.topic, partition, offset });
    }
  }
  // Printed in the order of the HashMap kafka-share-groups prints from.
  const { javaHashOrder, javaTopicPartitionHash } = await import('../../../kafka/admin/topics.js');
  plan.splice(0, plan.length, ...javaHashOrder(plan, javaTopicPartitionHash));
  if (opts.execute) await ctx.bounded(api.alterShareOffsets(client, opts.group, plan));
  else if (!opts.dryRun) ctx.io.err('kfk: dry run (the default): nothing was changed; add --execute to apply this plan');
  await render(ctx.io, opts.output, { group: opts.group, executed: Boolean(opts.execute), offsets: plan }, {
    text: (r) => resetPlanText(r.group, r.offsets),
    table: (r, style) => grid(['TOPIC', 'PARTITION', 'START-OFFSET', 'NEW-OFFSET'], r.offsets.map((p) => [p.topic, String(p.partition), current.has(key(p)) ? String(current.get(key(p))) : '-', String(p.offset)]), style),
  });
  return 0;
}
