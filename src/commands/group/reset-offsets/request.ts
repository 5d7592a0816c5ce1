// What `group reset-offsets` and `share-group reset-offsets` read from their flags: where the
// offsets go and which topics, checked as kafka-consumer-groups and kafka-share-groups check them.
// The plan itself is src/kafka/admin/reset-plan.ts.
import { UsageError } from '../../../errors.js';
import { parseTime } from '../../../format/time.js';
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
}

export interface ResetRequest {
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

/** Exactly one target flag. A consumer group's --to-offset may be negative (kept within the log); a share group's may not. */
function resetTo(o: ResetFlagValues, group: 'consumer' | 'share'): ResetTo {
  const given: ResetTo[] = [];
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
    const shifts = group === 'consumer' ? ', --shift-by, --to-datetime, --by-duration' : ', --to-datetime';
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
export function resetRequest(o: ResetFlagValues, group: 'consumer' | 'share'): ResetRequest {
  const to = resetTo(o, group);
  if (o.dryRun && o.execute) throw new UsageError('--dry-run and --execute cannot be used together');
  if (!o.allTopics && !o.topic?.length) throw new UsageError('give --topic or --all-topics');
  if (o.allTopics && o.topic?.length) throw new UsageError('--topic and --all-topics cannot be used together');
  return { to, named: o.allTopics ? null : (o.topic ?? []).map(parseTopicArg) };
}
