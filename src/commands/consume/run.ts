// kfk consume: records to stdout, as Kafka's console consumer prints them (or as JSON).
// Without --group it reads partitions directly and joins no group; with --group it is a real
// group member that commits what it printed.
import type { CommandContext } from '../../cli/context.js';
import type { FlagsOf } from '../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../errors.js';
import { parseKeyValues, readPropertiesFile } from '../../config/properties.js';
import { OutputBuffer } from '../../format/output-buffer.js';
import { recordToJson } from '../../format/record-json.js';
import { formatRecordText, isValueOnly, textFormat, type TextFormat } from '../../format/record-text.js';
import { formatterKind } from '../../format/formatters.js';
import { formatCoordinatorRecord } from '../../format/coordinator-json.js';
import { errorMessage } from '../../errors.js';
import { parseTime } from '../../format/time.js';
import { topicMatcher } from '../../format/topic-pattern.js';
import { viewToRecord, type RecordView } from '../../kafka/records/decoder.js';
import type { StartSpec } from '../../kafka/consumer/direct.js';
import { waitingText, type WaitingPartition } from '../../kafka/consumer/waiting.js';
import type { DecodedRecord } from '../../kafka/records/decoder.js';
import { collectOldGenerationSooner, keepYoungGenerationSmall } from '../../cli/young-generation.js';

type Flags = FlagsOf<typeof define>;


/** A byte count from a consumer property, as Kafka's consumer takes it; undefined when not set. */
function byteSize(props: Map<string, string>, name: string): number | undefined {
  const v = props.get(name);
  return v === undefined ? undefined : positiveInt(v, name);
}

function positiveInt(v: string, flag: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) <= 0) throw new UsageError(`invalid ${flag} '${v}': expected a positive integer`);
  return Number(v);
}

// Where decoded keys and values go into a -o json document (as JSON text, after JSON.stringify).
const KEY_SLOT = '\u0000kfk:decoded-key';
const VALUE_SLOT = '\u0000kfk:decoded-value';
const KEY_SLOT_JSON = JSON.stringify(KEY_SLOT);
const VALUE_SLOT_JSON = JSON.stringify(VALUE_SLOT);

export function startSpec(o: Flags): StartSpec {
  if (o.offset !== undefined && o.fromBeginning) throw new UsageError('Options from-beginning and offset cannot be specified together.');
  if (o.from !== undefined && (o.offset !== undefined || o.fromBeginning)) throw new UsageError('--from cannot be combined with --offset or --from-beginning');
  if (o.from !== undefined) return { kind: 'time', timestamp: parseTime(o.from, '--from') };
  if (o.offset !== undefined) {
    const v = o.offset.trim();
    if (v === 'earliest') return { kind: 'earliest' };
    if (v === 'latest') return { kind: 'latest' };
    if (/^-\d+$/.test(v)) return { kind: 'last', count: -Number(v) };
    if (/^\d+$/.test(v)) {
      if (o.partition === undefined) throw new UsageError('The partition is required when offset is specified.');
      return { kind: 'offset', offset: Number(v) };
    }
    throw new UsageError(`invalid --offset '${o.offset}': expected earliest, latest, a non-negative number, or -N for the last N`);
  }
  return o.fromBeginning ? { kind: 'earliest' } : { kind: 'latest' };
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { io } = ctx;
  if ((opts.topic === undefined) === (opts.include === undefined)) {
    throw new UsageError('exactly one of --topic or --include is required');
  }
  const share = opts.shareGroup !== undefined;
  if (share) {
    if (opts.group !== undefined) throw new UsageError('--share-group and --group cannot be given together: a share group is not a consumer group');
    if (opts.offset !== undefined || opts.partition !== undefined || opts.fromBeginning || opts.exitAtEnd || opts.from !== undefined || opts.to !== undefined) {
      throw new UsageError('--share-group takes no start or end position (--offset, --partition, --from-beginning, -e, --from, --to): a share group starts where the group is, at the log end for a new group unless its config share.auto.offset.reset=earliest is set (kfk config alter --group G --add-config share.auto.offset.reset=earliest)');
    }
    if (opts.reject && opts.release) throw new UsageError('give --reject or --release, not both');
  } else if (opts.reject || opts.release || opts.rejectMessageOnError) {
    throw new UsageError('--reject, --release and --reject-message-on-error apply to --share-group');
  }
  if (opts.group !== undefined) {
    if (opts.offset !== undefined) throw new UsageError('Options group and offset cannot be specified together.');
    if (opts.partition !== undefined) throw new UsageError('Options group and partition cannot be specified together.');
    if (opts.exitAtEnd || opts.from !== undefined || opts.to !== undefined) {
      throw new UsageError('--exit-at-end, --from and --to read partitions directly: use them without --group');
    }
  }
  const start = startSpec(opts);
  const partition = opts.partition === undefined ? undefined : (() => {
    if (!/^\d+$/.test(opts.partition!.trim())) throw new UsageError(`invalid --partition '${opts.partition}': expected a non-negative integer`);
    return Number(opts.partition);
  })();
  const maxMessages = opts.maxMessages === undefined ? Infinity : positiveInt(opts.maxMessages, '--max-messages');
  const idleMs = opts.timeoutMs === undefined ? undefined : positiveInt(opts.timeoutMs, '--timeout-ms');
  const stopAt = opts.to === undefined ? undefined : parseTime(opts.to, '--to');
  const include = opts.include === undefined ? undefined : topicMatcher(opts.include);

  // --formatter-config: a properties file of formatter settings, under --property (as Kafka: the flags win).
  const fmtProps = new Map([...(opts.formatterConfig === undefined ? [] : readPropertiesFile(opts.formatterConfig)), ...parseKeyValues([...(opts.property ?? []), ...(opts.formatterProperty ?? [])], '--property')]);
  const warn = (w: string) => io.warn(`${w}`);
  const formatter = formatterKind(opts.formatter);
  if (opts.formatter !== undefined && opts.output === 'json') throw new UsageError('--formatter applies to text output: use it without -o json');
  const text: TextFormat = textFormat(fmtProps, warn);
  const valueOnly = (formatter === 'default' || formatter === 'logging') && isValueOnly(text);
  const consumerProps = parseKeyValues(opts.consumerProperty, '--consumer-property');
  ctx.withExtras({ commandProperties: consumerProps, commandConfigFiles: opts['consumer.config'] ? [opts['consumer.config']] : [] });
  const props = ctx.config().properties;
  const readCommitted = (props.get('isolation.level') ?? opts.isolationLevel) === 'read_committed';
  // group.protocol: classic (JoinGroup/SyncGroup, the default) or consumer (KIP-848), as Kafka's consumer takes it.
  const protocol = (props.get('group.protocol') ?? 'classic').trim().toLowerCase();
  if (protocol !== 'classic' && protocol !== 'consumer') {
    throw new UsageError(`Invalid value ${props.get('group.protocol')} for configuration group.protocol: String must be one of (case insensitive): CLASSIC, CONSUMER`);
  }
  const remoteAssignor = props.get('group.remote.assignor')?.trim() || null;
  // Kafka's consumer properties for fetch sizes; kfk's fetch.max.bytes bounds one round of
  // fetches over all leaders (4 MB by default), so memory does not grow with the brokers.
  const fetchSizes = { maxBytes: byteSize(props, 'fetch.max.bytes'), partitionMaxBytes: byteSize(props, 'max.partition.fetch.bytes') };

  // Schema Registry framing: each schema fetched once per id, records decoded on the record path.
  const { recordFormat } = await import('../../registry/serde.js');
  const keyFormat = recordFormat(opts.keyFormat, '--key-format');
  const valueFormat = recordFormat(opts.valueFormat, '--value-format');
  const schemaFormats = [keyFormat, valueFormat].some((f) => f !== undefined && f !== 'string' && f !== 'bytes');
  if (schemaFormats && formatter !== 'default' && formatter !== 'logging') throw new UsageError('--key-format and --value-format apply to the default formatter');
  const printIds = (fmtProps.get('print.schema.ids') ?? 'false').trim().toLowerCase() === 'true';
  const idSeparator = fmtProps.get('schema.id.separator') ?? '\t';
  const schemas = schemaFormats ? await import('../../registry/serde.js') : undefined;
  const registry = () => ctx.registry(opts.schemaRegistryUrl);
  const keyDecoder = schemas && keyFormat ? new schemas.RecordDecoder(registry, keyFormat, 'key') : undefined;
  const valueDecoder = schemas && valueFormat ? new schemas.RecordDecoder(registry, valueFormat, 'value') : undefined;
  // Records that wait for a schema (in order), printed once it is loaded, at the end of the set.
  const waiting: DecodedRecord[] = [];
  const loading: Promise<void>[] = [];

  const out = new OutputBuffer(io);
  let count = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const stopper = new AbortController();
  const stop = () => stopper.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  const armIdle = () => {
    if (idleMs === undefined) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stop, idleMs);
  };

  const formatText = (r: DecodedRecord, deliveryCount?: number): Buffer[] => {
    if (formatter === 'noop') return [];
    if (formatter === 'default' || formatter === 'logging') return formatRecordText(r, text, deliveryCount);
    const doc = formatCoordinatorRecord(formatter, r.key, r.value, r.offset);
    return doc ? [doc] : [];
  };
  const printSchemaRecord = (r: DecodedRecord, deliveryCount?: number): void => {
    let key: ReturnType<NonNullable<typeof keyDecoder>['decode']> | undefined;
    let value: ReturnType<NonNullable<typeof valueDecoder>['decode']> | undefined;
    try {
      key = keyDecoder?.decode(r.key);
      value = valueDecoder?.decode(r.value);
    } catch (err) {
      const where = `the record at offset ${r.offset} of ${r.topic}-${r.partition}`;
      if (!opts.skipMessageOnError) throw new KfkError(`cannot decode ${where}: ${errorMessage(err)}`, { hint: 'skip such records with --skip-message-on-error' });
      io.note(`skipped ${where}: ${errorMessage(err)}`);
      return;
    }
    if (opts.output === 'json') {
      const doc = JSON.parse(recordToJson(r, opts.encoding, deliveryCount)) as Record<string, unknown>;
      // Decoded values go in as JSON text (exact: a long beyond 2^53 is not rounded by a parse).
      if (key) {
        doc.key = KEY_SLOT;
        delete doc.keyEncoding;
      }
      if (value) {
        doc.value = VALUE_SLOT;
        delete doc.valueEncoding;
      }
      if (key) doc.keySchemaId = key.id;
      if (value) doc.valueSchemaId = value.id;
      let line = JSON.stringify(doc);
      if (key) line = line.replace(KEY_SLOT_JSON, () => key.jsonText());
      if (value) line = line.replace(VALUE_SLOT_JSON, () => value.jsonText());
      out.push(Buffer.from(line + '\n'));
      return;
    }
    const withId = (d: { text: string; id: number }) => Buffer.from(printIds ? `${d.text}${idSeparator}${d.id}` : d.text);
    printRecord({ ...r, key: key ? withId(key) : r.key, value: value ? withId(value) : r.value }, true, deliveryCount);
  };
  const printRecord = (r: DecodedRecord, decoded = false, deliveryCount?: number): void => {
    if (!decoded && (keyDecoder || valueDecoder)) {
      printSchemaRecord(r, deliveryCount);
      return;
    }
    if (opts.output === 'json') out.push(Buffer.from(recordToJson(r, opts.encoding, deliveryCount) + '\n'));
    else if (valueOnly) {
      out.push(r.value ?? text.nullLiteral);
      out.push(text.lineSeparator);
    } else {
      let parts: Buffer[];
      try {
        parts = formatText(r, deliveryCount);
      } catch (err) {
        if (share && opts.rejectMessageOnError) throw err;
        if (!opts.skipMessageOnError) throw err;
        io.note(`skipped the record at offset ${r.offset} of ${r.topic}-${r.partition}: ${errorMessage(err)}`);
        return;
      }
      for (const b of parts) out.push(b);
    }
  };

  // Records arrive as views into the fetch response (no object per record): the default
  // value-only output copies each value straight into the output buffer.
  const viewValueOnly = valueOnly && opts.output !== 'json' && !keyDecoder && !valueDecoder;
  const schemaValueOnly = valueOnly && opts.output !== 'json' && !keyDecoder && valueDecoder !== undefined;
  let decodedText: { out: Buffer; from?: number; at: number } | undefined;
  /** The output chunk the record path decodes into. */
  let chunk: Buffer | undefined;
  let sawRecords = false;
  /**
   * A group member (consumer or share group) learns, after each set, how many of the records it
   * handed on were written out: where the output of each ends (NaN: a record waiting for its
   * schema, printed at the end of the set).
   */
  const tracked = share || opts.group !== undefined;
  const ends: number[] = [];
  const onRecord = (v: RecordView): boolean => {
    const before = count;
    const taken = takeRecord(v);
    if (tracked && count > before) ends.push(waiting.length ? Number.NaN : out.position);
    return taken;
  };
  const takeRecord = (v: RecordView): boolean => {
    if (count >= maxMessages) return false;
    sawRecords = true;
    if (stopAt !== undefined && v.timestamp > stopAt) return true;
    if (viewValueOnly) {
      if (v.valueLength < 0) out.push(text.nullLiteral);
      else out.write(v.buf, v.valueStart, v.valueStart + v.valueLength);
      out.push(text.lineSeparator);
    } else if (
      schemaValueOnly &&
      !waiting.length &&
      v.valueLength > 0 &&
      (decodedText = valueDecoder!.textInto(v.buf, v.valueStart, v.valueStart + v.valueLength, (chunk = out.reserve(Math.max(4096, 8 * v.valueLength))), out.writeAt)) !== undefined
    ) {
      // The record path for framed values printed alone: decoded straight from the fetch
      // response into the output (into its chunk, where the format can), no object per record.
      if (decodedText.out === chunk) out.wrote(decodedText.at - (decodedText.from ?? 0));
      else out.write(decodedText.out, decodedText.from ?? 0, decodedText.at);
      if (printIds) out.writeString(`${idSeparator}${valueDecoder!.lastId}`);
      out.push(text.lineSeparator);
    } else if (keyDecoder || valueDecoder) {
      const r = viewToRecord(v);
      const k = keyDecoder?.missing(r.key);
      const val = valueDecoder?.missing(r.value);
      if (k !== undefined) loading.push(keyDecoder!.prepare(k));
      if (val !== undefined) loading.push(valueDecoder!.prepare(val));
      if (waiting.length || k !== undefined || val !== undefined) waiting.push(r);
      else printSchemaRecord(r);
    } else {
      printRecord(viewToRecord(v));
    }
    count++;
    return count < maxMessages;
  };
  // A share group member: each record handed on is acknowledged (ACCEPT, or --reject / --release)
  // once printed; a record that cannot be formatted stops the consumer, or is rejected with
  // --reject-message-on-error.
  const ackType = opts.reject ? 3 : opts.release ? 2 : 1;
  const onShareRecord = (v: RecordView, deliveryCount: number): number | null => {
    if (count >= maxMessages) return null;
    sawRecords = true;
    const type = shareRecord(v, deliveryCount);
    ends.push(out.position);
    return type;
  };
  const shareRecord = (v: RecordView, deliveryCount: number): number => {
    try {
      if (viewValueOnly) {
        if (v.valueLength < 0) out.push(text.nullLiteral);
        else out.write(v.buf, v.valueStart, v.valueStart + v.valueLength);
        out.push(text.lineSeparator);
      } else printRecord(viewToRecord(v), false, deliveryCount);
    } catch (err) {
      if (!opts.rejectMessageOnError) throw err;
      io.err(`kfk: rejected the record at offset ${v.offset} of ${v.topic}-${v.partition}: ${errorMessage(err)}`);
      count++;
      return 3;
    }
    count++;
    return ackType;
  };
  const afterSet = async (): Promise<void> => {
    if (waiting.length) {
      await Promise.all(loading.splice(0));
      for (const r of waiting.splice(0)) printSchemaRecord(r);
      for (let i = 0; i < ends.length; i++) if (Number.isNaN(ends[i])) ends[i] = out.position;
    }
    if (sawRecords) armIdle();
    sawRecords = false;
    await out.flush();
    if (count >= maxMessages) stop();
  };

  // A group member's records of a set whose output was not written out (the pipe closed under it)
  // are not counted as processed: a share group releases them, a consumer group does not commit
  // them. stdout reports each write's end (a failed write to a pipe a moment after the write
  // returns), and a record counts as written once every byte up to its end is.
  const written = async (): Promise<number> => {
    await afterSet();
    await out.settled();
    const bytes = out.written;
    let n = 0;
    while (n < ends.length && ends[n] <= bytes) n++;
    count -= ends.length - n;
    ends.length = 0;
    return n;
  };

  // One line when partitions start or stop waiting for a leader (or for a leader that does not
  // answer), not one per retry.
  let waited: WaitingPartition[] = [];
  const onLeaderless = (parts: WaitingPartition[]) => {
    if (parts.length) io.note(`${waitingText(parts)}; the other partitions are read`);
    else if (waited.some((p) => p.leader !== undefined)) io.note('every partition is read again');
    else if (waited.length) io.note('every partition has a leader again');
    waited = parts;
  };

  const onTopicGone = (topic: string) => io.note(`topic '${topic}' was deleted: its partitions are no longer read`);

  let failure: unknown;
  try {
    const client = await ctx.kafka(opts.topic !== undefined ? [opts.topic] : []);
    keepYoungGenerationSmall();
    collectOldGenerationSooner();
    const { verboseLog } = await import('../../kafka/wire/client.js');
    const log = verboseLog(client);
    armIdle();
    // metadata.max.age.ms: how often a group member matches --include against the topics again.
    const maxAge = props.get('metadata.max.age.ms');
    const metadataMaxAgeMs = maxAge !== undefined && /^\d+$/.test(maxAge.trim()) ? Number(maxAge) : undefined;
    if (share) {
      const { runShareConsumer } = await import('../../kafka/consumer/share.js');
      const topics = opts.topic !== undefined ? [opts.topic] : [new RegExp(`^(?:${opts.include})$`)];
      const maxPoll = props.get('max.poll.records');
      const maxRecords = maxPoll !== undefined && /^\d+$/.test(maxPoll.trim()) && Number(maxPoll) > 0 ? Number(maxPoll) : undefined;
      await runShareConsumer(client, { groupId: opts.shareGroup!, topics, maxRecords, metadataMaxAgeMs, onLeaderless, log }, onShareRecord, written, stopper.signal);
    } else if (opts.group !== undefined) {
      const topics: Array<string | RegExp> = opts.topic !== undefined ? [opts.topic] : [new RegExp(`^(?:${opts.include})$`)];
      const member = { groupId: opts.group, topics, fromBeginning: start.kind === 'earliest', readCommitted, fetchSizes, onLeaderless, onTopicGone, log, metadataMaxAgeMs };
      if (protocol === 'consumer') {
        const { runConsumerGroupMember } = await import('../../kafka/consumer/kip848-member.js');
        const pollInterval = props.get('max.poll.interval.ms');
        const rebalanceTimeoutMs = pollInterval !== undefined && /^\d+$/.test(pollInterval.trim()) ? Number(pollInterval) : undefined;
        await runConsumerGroupMember(client, { ...member, serverAssignor: remoteAssignor, rebalanceTimeoutMs }, onRecord, written, stopper.signal);
      } else {
        const { runGroupConsumer } = await import('../../kafka/consumer/group.js');
        await runGroupConsumer(client, member, onRecord, written, stopper.signal);
      }
    } else {
      const { runDirectConsumer } = await import('../../kafka/consumer/direct.js');
      await runDirectConsumer(client, {
        topic: opts.topic,
        include,
        partition,
        start,
        stopAt,
        exitAtEnd: Boolean(opts.exitAtEnd),
        readCommitted,
        fetchSizes,
        checkCrcs: (props.get('check.crcs') ?? 'true').trim().toLowerCase() !== 'false',
        onRecord,
        afterSet,
        signal: stopper.signal,
        onLeaderless,
        onTopicGone,
        log,
      });
    }
  } catch (err) {
    failure = err;
  } finally {
    clearTimeout(idleTimer);
    ctx.signal.removeEventListener('abort', stop);
    await out.flush().catch(() => undefined);
    const summary = `Processed a total of ${count} messages`;
    if (failure) ctx.trailer.push(summary);
    else io.err(summary);
  }
  if (failure) throw failure;
  return 0;
}
