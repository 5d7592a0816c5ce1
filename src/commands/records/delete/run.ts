// kafka-delete-records: the JSON offset file (or --topic/--partition/--before-offset), then
// DeleteRecords to each partition's leader, printed as DeleteRecordsCommand prints the result.
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { javaExceptionText } from '../../../kafka/wire/error-codes.js';
import type { DeletedRecords, RecordsToDelete } from '../../../kafka/admin/records.js';

type Flags = FlagsOf<typeof define>;

/** kafka-delete-records' offset file, with its errors worded as the tool words them. */
export function parseOffsetJson(text: string): RecordsToDelete[] {
  let js: unknown;
  try {
    js = JSON.parse(text);
  } catch {
    throw new KfkError('The input string is not a valid JSON');
  }
  if (typeof js !== 'object' || js === null || Array.isArray(js)) throw new KfkError('The input string is not a valid JSON');
  const obj = js as Record<string, unknown>;
  const version = obj.version === undefined ? 1 : obj.version;
  if (version !== 1) throw new KfkError(`Not supported version field value ${String(version)}`);
  if (!('partitions' in obj)) throw new KfkError('Missing partitions field');
  if (!Array.isArray(obj.partitions)) throw new KfkError('Expected JSON array, found ' + JSON.stringify(obj.partitions));
  const out: RecordsToDelete[] = [];
  for (const p of obj.partitions as Array<Record<string, unknown>>) {
    const field = (name: string) => {
      if (typeof p !== 'object' || p === null || !(name in p)) throw new KfkError(`No such field exists: \`${name}\``);
      return p[name];
    };
    const topic = field('topic');
    const partition = field('partition');
    const offset = field('offset');
    if (typeof topic !== 'string') throw new KfkError(`Expected \`String\` value, received ${JSON.stringify(topic)}`);
    if (!Number.isInteger(partition)) throw new KfkError(`Expected \`Int\` value, received ${JSON.stringify(partition)}`);
    if (!Number.isInteger(offset)) throw new KfkError(`Expected \`Long\` value, received ${JSON.stringify(offset)}`);
    out.push({ topic, partition: partition as number, offset: offset as number });
  }
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const r of out) {
    const k = `${r.topic}-${r.partition}`;
    if (seen.has(k)) dups.add(k);
    seen.add(k);
  }
  if (dups.size) throw new KfkError(`Offset json file contains duplicate topic partitions: ${[...dups].join(',')}`);
  return out;
}

function parseCount(text: string, flag: string, min: number): number {
  if (!/^-?\d+$/.test(text.trim()) || Number(text) < min || !Number.isSafeInteger(Number(text))) throw new UsageError(`invalid ${flag} '${text}': expected an integer >= ${min}`);
  return Number(text);
}

/** DeleteRecordsCommand's lines: one per partition, its new low watermark or its error. */
export function deleteRecordsText(results: DeletedRecords[]): string {
  return (
    'Executing records delete operation\nRecords delete operation completed:\n' +
    results
      .map((r) => (r.lowWatermark !== null ? `partition: ${r.topic}-${r.partition}\tlow_watermark: ${r.lowWatermark}\n` : `partition: ${r.topic}-${r.partition}\terror: ${javaExceptionText(r.errorCode, r.error ?? 'unknown error')}\n`))
      .join('')
  );
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const direct = opts.topic !== undefined || opts.beforeOffset !== undefined || opts.partition !== undefined;
  if (opts.offsetJsonFile !== undefined && direct) throw new UsageError('give --offset-json-file, or --topic with --before-offset, not both');
  if (opts.offsetJsonFile === undefined && (opts.topic === undefined || opts.beforeOffset === undefined)) {
    throw new UsageError('give --offset-json-file, or --topic with --before-offset', 'kfk records delete --topic orders --partition 0 --before-offset 100');
  }
  let wanted: RecordsToDelete[];
  const client = await ctx.kafka();
  if (opts.offsetJsonFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(opts.offsetJsonFile, 'utf8');
    } catch {
      throw new KfkError(`Unable to read file ${opts.offsetJsonFile}`);
    }
    wanted = parseOffsetJson(text);
  } else {
    const offset = parseCount(opts.beforeOffset!, '--before-offset', -1);
    const topic = opts.topic!;
    let partitions: number[];
    if (opts.partition) {
      partitions = opts.partition.flatMap((v) => v.split(',')).map((v) => parseCount(v, '--partition', 0));
    } else {
      const { partitionsOf } = await import('../../../kafka/admin/offsets.js');
      partitions = (await ctx.bounded(partitionsOf(client, [topic])))[0].partitions;
    }
    wanted = [...new Set(partitions)].map((partition) => ({ topic, partition, offset }));
  }
  const { deleteRecords } = await import('../../../kafka/admin/records.js');
  const results = await ctx.bounded(deleteRecords(client, wanted));
  await render(ctx.io, opts.output, results, {
    text: deleteRecordsText,
    table: (rs, style) =>
      grid(
        ['TOPIC', 'PARTITION', 'LOW-WATERMARK', 'ERROR'],
        rs.map((r) => [r.topic, String(r.partition), r.lowWatermark === null ? '-' : String(r.lowWatermark), r.error ?? '']),
        style,
      ),
    json: (rs) => rs.map((r) => ({ topic: r.topic, partition: r.partition, lowWatermark: r.lowWatermark, error: r.error })),
  });
  return results.some((r) => r.error) && !opts.kafkaExitCodes ? 1 : 0;
}
