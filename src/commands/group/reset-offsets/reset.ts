// What `group reset-offsets` and `share-group reset-offsets` both do: read the reset flags (where
// the offsets go and which topics, checked as kafka-consumer-groups and kafka-share-groups check
// them), plan the reset (src/kafka/admin/reset-plan.ts), apply it with --execute and print the
// plan. Each command's run.ts gives the group's offsets and how to write them.
import type { CommandContext } from '../../../cli/context.js';
import { render } from '../../../cli/output.js';
import { readFileSync } from 'node:fs';
import { KfkError, UsageError } from '../../../errors.js';
import { grid, resetPlanText } from '../../../format/group-text.js';
import { csvCell, csvCells } from '../../../format/reset-csv.js';
import { parseTime } from '../../../format/time.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';
import type { PartitionOffset } from '../../../kafka/admin/offsets.js';
import type { NamedTopic, ResetTo } from '../../../kafka/admin/reset-plan.js';

/** The reset flags' values (flags.ts); a share group's reset has no --shift-by or --by-duration. */
export interface ResetFlagValues {
  topic?: string[];
  allTopics?: boolean;
  toEarliest?: boolean;
  toLatest?: boolean;
  toCurrent?: boolean;
  toOffset?: string;
  shiftBy?: string;
  toDatetime?: string;
  byDuration?: string;
  dryRun?: boolean;
  execute?: boolean;
  /** A share group's reset: the offsets of a CSV file (topic,partition,offset or group,topic,partition,offset). */
  fromFile?: string;
  /** The plan as CSV (topic,partition,offset), as kafka-consumer-groups and kafka-share-groups --export print it. */
  export?: boolean;
}

interface ResetRequest {
  to: ResetTo;
  /** The topics named; null for --all-topics. */
  named: NamedTopic[] | null;
}

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

/**
 * A reset plan file as kafka-share-groups --from-file reads it: lines `topic,partition,offset`,
 * or `group,topic,partition,offset` (the lines of other groups are left out).
 */
export function readResetFile(file: string, text: string, groupId: string): { named: NamedTopic[]; offsets: Map<string, number> } {
  const offsets = new Map<string, number>();
  const byTopic = new Map<string, number[]>();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const cells = csvCells(line);
    if (cells.length === 4 && cells[0] !== groupId) continue;
    const [topic, partition, offset] = cells.slice(cells.length - 3);
    if ((cells.length !== 3 && cells.length !== 4) || topic === '' || !/^\d+$/.test(partition) || !/^\d+$/.test(offset)) {
      throw new KfkError(`cannot read ${file}, line ${i + 1}: expected topic,partition,offset or group,topic,partition,offset`);
    }
    const k = `${topic}\0${Number(partition)}`; // as offsets.ts' tpKey
    if (!offsets.has(k)) (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!).push(Number(partition));
    offsets.set(k, Number(offset));
  }
  if (offsets.size === 0) throw new KfkError(`No reset plan for group ${groupId} found.`);
  return { named: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })), offsets };
}

/** Exactly one target flag. A consumer group's --to-offset may be negative (kept within the log); a share group's may not. */
function resetTo(o: ResetFlagValues, group: ResetGroup['kind']): ResetTo {
  const given: ResetTo[] = [];
  if (o.fromFile !== undefined) given.push({ kind: 'file', offsets: new Map() });
  if (o.toEarliest) given.push({ kind: 'earliest' });
  if (o.toLatest) given.push({ kind: 'latest' });
  if (o.toCurrent) given.push({ kind: 'current' });
  if (o.toOffset !== undefined) {
    if (group === 'share' && !/^\d+$/.test(o.toOffset.trim())) throw new UsageError(`invalid --to-offset '${o.toOffset}': expected a non-negative integer`);
    given.push({ kind: 'offset', offset: integer(o.toOffset, '--to-offset') });
  }
  if (o.shiftBy !== undefined) given.push({ kind: 'shift', by: integer(o.shiftBy, '--shift-by') });
  if (o.toDatetime !== undefined) {
    // Kafka reads a date-time without a zone as UTC.
    const t = /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(o.toDatetime) ? o.toDatetime + 'Z' : o.toDatetime;
    given.push({ kind: 'time', at: parseTime(t, '--to-datetime') });
  }
  if (o.byDuration !== undefined) given.push({ kind: 'time', at: Date.now() - parseDuration(o.byDuration) });
  if (given.length !== 1) {
    const shifts = group !== 'share' ? ', --shift-by, --to-datetime, --by-duration, --from-file' : ', --to-datetime, --from-file';
    throw new UsageError(`give exactly one of --to-earliest, --to-latest, --to-current, --to-offset${shifts}`);
  }
  return given[0];
}

/** --topic T, T:0,2 or T:1-3 */
function parseTopicArg(arg: string): NamedTopic {
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

/** The reset the flags ask for; a usage error for a missing or a second target, or for topics given twice over. */
function resetRequest(o: ResetFlagValues & { group: string }, group: ResetGroup['kind']): ResetRequest {
  const to = resetTo(o, group);
  if (o.dryRun && o.execute) throw new UsageError('--dry-run and --execute cannot be used together');
  if (o.fromFile !== undefined) {
    if (o.allTopics || o.topic?.length) throw new UsageError('--from-file names the partitions: give no --topic or --all-topics with it');
    let text: string;
    try {
      text = readFileSync(o.fromFile, 'utf8');
    } catch (err) {
      throw new KfkError(`cannot read ${o.fromFile}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    const { named, offsets } = readResetFile(o.fromFile, text, o.group);
    return { to: { kind: 'file', offsets }, named };
  }
  if (!o.allTopics && !o.topic?.length) throw new UsageError('give --topic or --all-topics');
  if (o.allTopics && o.topic?.length) throw new UsageError('--topic and --all-topics cannot be used together');
  return { to, named: o.allTopics ? null : (o.topic ?? []).map(parseTopicArg) };
}

/** The table's column of the offsets the group has now, by kind of group (Kafka's tools' names). */
const NOW_COLUMN = { consumer: 'CURRENT-OFFSET', share: 'START-OFFSET', streams: 'CURRENT-OFFSET' } as const;

/** A group whose offsets are reset: a consumer or streams group's committed offsets, or a share group's start offsets. */
export interface ResetGroup {
  kind: keyof typeof NOW_COLUMN;
  /**
   * Refuses a group that has members (in Kafka's words); else the partitions the group holds
   * (what --all-topics resets), each with its offset now, or null where it has none.
   */
  held(client: KafkaClient): Promise<Array<{ topic: string; partition: number; offset: number | null }>>;
  /** Writes the plan (--execute). */
  apply(client: KafkaClient, plan: PartitionOffset[]): Promise<void>;
  /** The plan as the group's tool prints it, where it is not kafka-consumer-groups' layout (resetPlanText). */
  planText?(group: string, plan: PartitionOffset[]): string;
}

/** A group's reset plan, and the offsets it has now (by tpKey). */
export interface PlannedReset {
  plan: PartitionOffset[];
  current: Map<string, number>;
}

/**
 * The plan of one group's reset, applied with --execute (empty: nothing to reset). The flags are
 * read first: a usage error for a missing or a second target, or topics given twice over.
 */
export async function planReset(ctx: CommandContext, opts: ResetFlagValues & { group: string }, group: ResetGroup): Promise<PlannedReset> {
  const { to, named } = resetRequest(opts, group.kind);
  const client = await ctx.kafka();
  const { tpKey } = await import('../../../kafka/admin/offsets.js');
  const { resetPlan, resetTargets } = await import('../../../kafka/admin/reset-plan.js');
  const step = <T>(request: Promise<T>) => ctx.bounded(request);
  const held = await group.held(client);
  const current = new Map<string, number>();
  for (const h of held) if (h.offset !== null) current.set(tpKey(h.topic, h.partition), h.offset);

  const targets = await resetTargets(client, step, named ?? { held });
  if (targets.length === 0) return { plan: [], current };
  // kafka-consumer-groups says when a partition has no record at or after --to-datetime; kafka-share-groups does not.
  const noRecordAtTime =
    group.kind !== 'share' ? (topic: string, partition: number) => ctx.io.warn(`partition ${partition} of topic ${topic} has no record at or after that time: using the log end`) : undefined;
  const plan = await resetPlan(client, step, { targets, to, current, noRecordAtTime });
  if (opts.execute) await group.apply(client, plan);
  return { plan, current };
}

/** The reset-offsets command of either kind of group: a plan per partition, shown (dry run, the default) or applied (--execute). */
export async function runReset(ctx: CommandContext, opts: ResetFlagValues & { group: string; output?: string }, group: ResetGroup): Promise<number> {
  const { plan, current } = await planReset(ctx, opts, group);
  if (plan.length === 0) {
    // Nothing to reset: an empty list (text: Kafka's header or empty line).
    await render(ctx.io, opts.output, [], { text: () => (opts.export ? '\n' : group.planText ? group.planText(opts.group, []) : resetPlanText(opts.group, [], group.kind === 'consumer')) });
    return 0;
  }
  if (!opts.execute && !opts.dryRun) ctx.io.note('dry run (the default): nothing was changed; add --execute to apply this plan');

  const { tpKey } = await import('../../../kafka/admin/offsets.js');
  const was = (p: { topic: string; partition: number }) => current.get(tpKey(p.topic, p.partition));
  if (opts.export) {
    // --export of Kafka's group tools: the plan as CSV lines, then an empty line.
    await ctx.io.out(plan.map((p) => `${csvCell(p.topic)},${p.partition},${p.offset}\n`).join('') + '\n');
    return 0;
  }
  await render(ctx.io, opts.output, { group: opts.group, executed: Boolean(opts.execute), offsets: plan }, {
    text: (r) => (group.planText ?? resetPlanText)(r.group, r.offsets),
    table: (r, style) => grid(['TOPIC', 'PARTITION', NOW_COLUMN[group.kind], 'NEW-OFFSET'], r.offsets.map((p) => [p.topic, String(p.partition), String(was(p) ?? '-'), String(p.offset)]), style),
  });
  return 0;
}
