// kafka-consumer-groups --reset-offsets: a plan per partition, shown (dry run, the default) or
// committed (--execute). Refused while the group has active members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { grid, resetPlanText } from '../../../format/group-text.js';
import { render } from '../../../cli/output.js';
import { parseTime } from '../../../format/time.js';
import type { PartitionOffset, TopicPartitions } from '../../../kafka/admin/offsets.js';

type Spec =
  | { kind: 'earliest' | 'latest' | 'current' }
  | { kind: 'offset'; offset: number }
  | { kind: 'shift'; by: number }
  | { kind: 'time'; at: number };

const integer = (text: string, flag: string) => {
  if (!/^[+-]?\d+$/.test(text.trim())) throw new UsageError(`invalid ${flag} '${text}': expected an integer`);
  return Number(text);
};

/** ISO-8601 duration (PT1H30M, P1DT2H) or kfk's short form (90m, 2h, 1d). */
export function parseDuration(text: string): number {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (iso && text.trim().length > 1 && !/T$/i.test(text.trim())) {
    const [, d = '0', h = '0', m = '0', s = '0'] = iso;
    return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000;
  }
  const short = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (short) return Number(short[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[short[2] as 'ms']!;
  throw new UsageError(`invalid --by-duration '${text}': expected an ISO-8601 duration like PT1H30M, or 90m, 2h, 1d`);
}

function spec(o: Flags): Spec {
  const given: Spec[] = [];
  if (o.toEarliest) given.push({ kind: 'earliest' });
  if (o.toLatest) given.push({ kind: 'latest' });
  if (o.toCurrent) given.push({ kind: 'current' });
  if (o.toOffset !== undefined) given.push({ kind: 'offset', offset: integer(o.toOffset, '--to-offset') });
  if (o.shiftBy !== undefined) given.push({ kind: 'shift', by: integer(o.shiftBy, '--shift-by') });
  if (o.toDatetime !== undefined) {
    // Kafka reads a date-time without a zone as UTC.
    const t = /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(o.toDatetime) ? o.toDatetime + 'Z' : o.toDatetime;
    given.push({ kind: 'time', at: parseTime(t, '--to-datetime') });
  }
  if (o.byDuration !== undefined) given.push({ kind: 'time', at: Date.now() - parseDuration(o.byDuration) });
  if (given.length !== 1) {
    throw new UsageError('give exactly one of --to-earliest, --to-latest, --to-current, --to-offset, --shift-by, --to-datetime, --by-duration');
  }
  return given[0];
}

/** --topic T, T:0,2 or T:1-3 */
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
  const groups = await import('../../../kafka/admin/groups.js');
  const offsets = await import('../../../kafka/admin/offsets.js');
  const d = await ctx.bounded(groups.describeGroup(client, opts.group));
  if (d && d.state !== 'Empty') {
    throw new KfkError(`Assignments can only be reset if the group '${opts.group}' is inactive, but the current state is ${d.state}.`);
  }
  const committed = await ctx.bounded(groups.committedOffsets(client, opts.group));
  const current = new Map(committed.filter((c) => c.offset >= 0).map((c) => [offsets.tpKey(c.topic, c.partition), c.offset]));

  let targets: TopicPartitions[];
  if (opts.allTopics) {
    const byTopic = new Map<string, number[]>();
    for (const c of committed) if (c.offset >= 0) (byTopic.get(c.topic) ?? byTopic.set(c.topic, []).get(c.topic)!).push(c.partition);
    targets = [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
  } else {
    const known = await ctx.bounded(offsets.partitionsOf(client, [...new Set(topicArgs.map((t) => t.topic))]));
    const parts = new Map(known.map((k) => [k.topic, k.partitions]));
    targets = topicArgs.map((t) => {
      const all = parts.get(t.topic)!;
      const missing = (t.partitions ?? []).filter((p) => !all.includes(p));
      if (missing.length) throw new KfkError(`topic '${t.topic}' has no partition ${missing.join(', ')} (partitions 0-${all.length - 1})`);
      return { topic: t.topic, partitions: t.partitions ?? all };
    });
  }
  if (targets.length === 0) {
    // Nothing to reset: an empty list (text: Kafka's empty line).
    await render(ctx.io, opts.output, [], { text: () => '\n' });
    return 0;
  }

  const [earliest, latest] = await ctx.bounded(Promise.all([offsets.listOffsets(client, targets, offsets.EARLIEST), offsets.listOffsets(client, targets, offsets.LATEST)]));
  const key = (p: { topic: string; partition: number }) => offsets.tpKey(p.topic, p.partition);
  const lo = new Map(earliest.map((e) => [key(e), e.offset]));
  const hi = new Map(latest.map((e) => [key(e), e.offset]));
  const clamp = (k: string, n: number) => Math.min(Math.max(n, lo.get(k)!), hi.get(k)!);
  let atTime: Map<string, number> | null = null;
  if (how.kind === 'time') {
    atTime = new Map((await ctx.bounded(offsets.listOffsets(client, targets, how.at))).map((e) => [key(e), e.offset]));
  }

  const plan: PartitionOffset[] = [];
  for (const t of targets) {
    for (const partition of t.partitions) {
      const k = offsets.tpKey(t.topic, partition);
      let offset: number;
      switch (how.kind) {
        case 'earliest': offset = lo.get(k)!; break;
        case 'latest': offset = hi.get(k)!; break;
        case 'offset': offset = clamp(k, how.offset); break;
        case 'current':
        case 'shift': {
          const c = current.get(k);
          if (c === undefined && how.kind === 'shift') {
            throw new KfkError(`Cannot shift offset for partition ${t.topic}-${partition} since there is no current committed offset`);
          }
          // --to-current without a committed offset: the log end, as Kafka.
          offset = c === undefined ? hi.get(k)! : how.kind === 'shift' ? clamp(k, c + how.by) : c;
          break;
        }
        case 'time': {
          const found = atTime!.get(k)!;
          if (found < 0) ctx.io.warn(`partition ${partition} of topic ${t.topic} has no record at or after that time: using the log end`);
          offset = found >= 0 ? found : hi.get(k)!;
          break;
        }
      }
      plan.push({ topic: t.topic, partition, offset });
    }
  }

  // Printed in the order of the HashMap kafka-consumer-groups prints from.
  const { javaHashOrder, javaTopicPartitionHash } = await import('../../../kafka/admin/topics.js');
  plan.splice(0, plan.length, ...javaHashOrder(plan, javaTopicPartitionHash));
  if (opts.execute) await ctx.bounded(groups.commitGroupOffsets(client, opts.group, plan));
  else if (!opts.dryRun) ctx.io.note('dry run (the default): nothing was changed; add --execute to apply this plan');

  await render(ctx.io, opts.output, { group: opts.group, executed: Boolean(opts.execute), offsets: plan }, {
    text: (r) => resetPlanText(r.group, r.offsets),
    table: (r, style) =>
      grid(['TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'NEW-OFFSET'], r.offsets.map((p) => [p.topic, String(p.partition), current.has(key(p)) ? String(current.get(key(p))) : '-', String(p.offset)]), style),
  });
  return 0;
}
