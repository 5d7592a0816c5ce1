// What `group delete-offsets` and `streams-group delete-offsets` both do: OffsetDelete of the
// partitions named, and Kafka's report of it.
import type { CommandContext } from '../../../cli/context.js';
import { render } from '../../../cli/output.js';
import { KfkError, UsageError } from '../../../errors.js';
import { type ErrorName, ERRORS, javaExceptionText, kafkaErrorMessage } from '../../../kafka/wire/error-codes.js';

interface Row {
  topic: string;
  /** -1: a topic that does not exist (its partitions are not known). */
  partition: number;
  errorCode: number;
  error: string | null;
}

const UNKNOWN_TOPIC_OR_PARTITION = ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code;

const errorCodes = (names: ErrorName[]) => new Set(names.map((n) => ERRORS[n].code));
/** Errors kafka-consumer-groups names by their message; then those it sends to the table below. */
const GROUP_ERRORS = errorCodes(['INVALID_GROUP_ID', 'GROUP_ID_NOT_FOUND', 'GROUP_AUTHORIZATION_FAILED', 'NON_EMPTY_GROUP']);
const PARTITION_ERRORS = errorCodes(['GROUP_SUBSCRIBED_TO_TOPIC', 'TOPIC_AUTHORIZATION_FAILED', 'UNKNOWN_TOPIC_OR_PARTITION']);

/** kafka-consumer-groups' line (on stdout) for the error of the whole request. */
function kafkaErrorLine(code: number): string {
  if (GROUP_ERRORS.has(code)) return `\nError: ${kafkaErrorMessage(code, '')}\n`;
  if (PARTITION_ERRORS.has(code)) return '\nError: Encountered some partition-level error, see the follow-up details.\n';
  const name = Object.entries(ERRORS).find(([, e]) => e.code === code)?.[0] ?? 'UNKNOWN_SERVER_ERROR';
  return `\nError: Encountered some unknown error: ${name}\n`;
}

/**
 * kafka-consumer-groups --delete-offsets (and kafka-streams-groups', which prints the same):
 * --topic T (all partitions) or T:0,1; repeatable. A line per partition as Kafka prints it; an
 * error for the group (it does not exist, say) is every partition's.
 */
export async function runDeleteOffsets(ctx: CommandContext, opts: { group: string; topic: string[]; output?: string; kafkaErrors?: boolean }): Promise<number> {
  const client = await ctx.kafka();
  const { partitionsOf } = await import('../../../kafka/admin/offsets.js');
  const { deleteGroupOffsets } = await import('../../../kafka/admin/groups.js');
  const partitions: Array<{ topic: string; partition: number }> = [];
  const whole = [...new Set(opts.topic.filter((t) => !t.includes(':')))];
  for (const t of opts.topic.filter((x) => x.includes(':'))) {
    const [topic, list] = [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)];
    for (const p of list.split(',')) {
      if (!/^\d+$/.test(p.trim())) throw new UsageError(`invalid --topic '${t}': expected topic or topic:0,1`);
      partitions.push({ topic, partition: Number(p) });
    }
  }
  const rows: Row[] = [];
  for (const topic of whole) {
    // As Kafka's tool: a topic that does not exist is a line of its own, the others go ahead.
    const known = await ctx.bounded(partitionsOf(client, [topic]).catch((err: { code?: number }) => (err.code === UNKNOWN_TOPIC_OR_PARTITION ? null : Promise.reject(err))));
    if (known) for (const p of known[0].partitions) partitions.push({ topic, partition: p });
    else rows.push({ topic, partition: -1, errorCode: UNKNOWN_TOPIC_OR_PARTITION, error: 'This server does not host this topic-partition' });
  }
  const unique = [...new Map(partitions.map((p) => [`${p.topic}\0${p.partition}`, p])).values()];
  const res = unique.length ? await ctx.bounded(deleteGroupOffsets(client, opts.group, unique)) : { error: null, partitions: [] };
  if (res.error) for (const p of unique) rows.push({ ...p, errorCode: res.error.code, error: res.error.message });
  else rows.push(...res.partitions.map((p) => ({ topic: p.topic, partition: p.partition, errorCode: p.errorCode, error: p.error })));
  // Kafka's order: by topic and partition written one after the other, as strings.
  const key = (r: Row) => `${r.topic}${r.partition}`;
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const failed = rows.filter((r) => r.errorCode);
  // Kafka's tool reports the group's own error, else the first partition's.
  const groupError = res.error?.code ?? res.partitions.find((p) => p.errorCode)?.errorCode ?? 0;

  await render(ctx.io, opts.output, { group: opts.group, error: res.error, groupError, rows }, {
    json: (r) => ({
      group: r.group,
      error: r.error ? kafkaErrorMessage(r.error.code, r.error.message) : null,
      partitions: r.rows.map((p) => ({ topic: p.topic, partition: p.partition, error: p.errorCode ? kafkaErrorMessage(p.errorCode, p.error ?? '') : null })),
    }),
    text: (r) => {
      const tw = Math.max(15, ...r.rows.map((p) => p.topic.length));
      const pad = (s: string, w: number) => s.padEnd(w);
      let text = !r.groupError ? `Request succeeded for deleting offsets from group ${r.group}.\n` : opts.kafkaErrors ? kafkaErrorLine(r.groupError) : '';
      text += `\n${pad('TOPIC', tw)} ${pad('PARTITION', 10)} ${pad('STATUS', 15)}`;
      for (const p of r.rows) {
        const status = p.errorCode ? `Error: ${javaExceptionText(p.errorCode, p.error ?? '')}` : 'Successful';
        text += `\n${pad(p.topic, tw)} ${pad(p.partition >= 0 ? String(p.partition) : '-', 10)} ${pad(status, 15)}`;
      }
      return text + '\n';
    },
  });
  // kafka-consumer-groups exits 0 whatever it could delete.
  if (opts.kafkaErrors) return 0;
  if (res.error) throw new KfkError(`cannot delete offsets of group '${opts.group}': ${kafkaErrorMessage(res.error.code, res.error.message)}`);
  if (failed.length) throw new KfkError(`${failed.length} partition(s) kept their offsets`);
  return 0;
}
