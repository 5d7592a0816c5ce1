// kfk produce: stdin lines (or files) to a topic. Every line is delivered, or kfk says how many
// were not and exits 1.
import { createWriteStream, fstatSync, type WriteStream } from 'node:fs';
import { FileChunks } from '../../format/chunk-reader.js';
import type { Readable } from 'node:stream';
import type { CommandContext } from '../../cli/context.js';
import type { AnyCommand, FlagsOf } from '../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../errors.js';
import { parseKeyValues } from '../../config/properties.js';
import { LineSplitter, findSeparator, isKeyOnly, isPlain, parseLine, readerOptions, type ParsedLine } from '../../format/line-reader.js';
import { recordFromJson } from '../../format/record-json.js';
import type { SessionRecord } from '../../kafka/producer/session.js';
import { producerSettings } from './settings.js';
import { collectOldGenerationSooner } from '../../cli/young-generation.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags, command?: AnyCommand): Promise<number> {
  const { io } = ctx;
  const explicit = new Set(Object.keys(opts).filter((k) => command?.getOptionValueSource(k) === 'cli'));
  if (opts.format !== 'line' && opts.format !== 'json') throw new UsageError(`invalid --format '${opts.format}': expected line or json`);
  const readerProps = parseKeyValues([...(opts.property ?? []), ...(opts.readerProperty ?? [])], '--property');
  const reader = readerOptions(readerProps, (w) => io.warn(`${w}`));
  const producerProps = parseKeyValues(opts.producerProperty, '--producer-property');
  const producerConfigFiles = opts['producer.config'] ? [opts['producer.config']] : [];
  ctx.withExtras({ commandProperties: producerProps, commandConfigFiles: producerConfigFiles, timeoutFlagIsNotConnection: true });
  const config = ctx.config();
  const settings = producerSettings(opts, explicit, config.properties);
  const fixedPartition = opts.partition === undefined ? undefined : parseNonNegative(opts.partition, '--partition');
  const fixedKey = opts.key === undefined ? undefined : Buffer.from(opts.key);

  // Schema Registry formats: the schemas found or registered (and compiled) before any input is read.
  const schemaSides = await openSchemaEncoders(ctx, opts, config.properties, readerProps);
  const keyEncoder = schemaSides.key;
  const valueEncoder = schemaSides.value;
  const invalid = new Map<string, number[]>();
  let invalidCount = 0;

  const client = await ctx.kafka([opts.topic]);
  collectOldGenerationSooner();
  const { openProducer, topicMessageLimit } = await import('../../kafka/producer/session.js');
  // --failed-records FILE: undelivered records as JSON lines, for `kfk produce --format json --file FILE`.
  let failedOut: WriteStream | undefined;
  let failedWritten = 0;
  if (opts.failedRecords !== undefined) {
    failedOut = createWriteStream(opts.failedRecords, { flags: 'w', mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      failedOut!.once('open', () => resolve());
      failedOut!.once('error', (err) => reject(new KfkError(`cannot write --failed-records ${opts.failedRecords}: ${err.message}`)));
    });
  }
  const { recordToInputJson } = await import('../../format/record-json.js');
  type FailedRecord = { key: Buffer | null; value: Buffer | null; headers: [string, Buffer | null][]; timestamp: number };
  const writeFailed = (records: FailedRecord[]) => {
    failedWritten += records.length;
    failedOut!.write(records.map((r) => recordToInputJson({ ...r, partition: fixedPartition }) + '\n').join(''));
  };
  // With a schema, the file holds records as the input gave them (JSON documents), so that one
  // resend with the same schema encodes all of them alike: those a broker refused are decoded
  // back from the bytes sent; lines the schema refused are there as they were read.
  const decodeSent = failedOut && (keyEncoder || valueEncoder) ? await sentRecordDecoder(ctx, opts, keyEncoder, valueEncoder) : undefined;
  const onUndelivered = failedOut ? (records: FailedRecord[]) => (decodeSent ? decodeSent(records).then(writeFailed) : writeFailed(records)) : undefined;
  // A transactional id's producer id comes from its coordinator; when that broker stops answering,
  // the cluster moves the id only once the controller fences the broker and a new leader of its
  // __transaction_state partition has loaded it (10 s and more). Kafka's producer waits
  // max.block.ms for initTransactions(): so does kfk (the producer asks again until then, and names
  // the coordinator that did not answer); the time bound is added after it, for its last ask.
  const openBound = settings.transactionalId ? settings.maxBlockMs + ctx.config().timeoutMs : undefined;
  const session = await ctx.bounded(openProducer(client, opts.topic, settings, fixedPartition, onUndelivered, (line) => io.note(line)), { timeoutMs: openBound });
  const closeFailedOut = async () => {
    if (!failedOut) return;
    await new Promise<void>((resolve) => failedOut!.end(resolve));
    if (failedWritten) io.note(`${failedWritten} undelivered record(s) written to ${opts.failedRecords}; resend with: kfk produce --topic ${opts.topic} --format json --file ${opts.failedRecords}${schemaFlags(opts, keyEncoder, valueEncoder)}`);
  };

  const plain = isPlain(reader) && opts.format === 'line' && !keyEncoder && !valueEncoder;
  // Values encoded with a schema, lines without keys or headers: encoded into the encoder's
  // reused buffer and sent from there (no Buffer and no record object per line).
  const schemaPlain = isPlain(reader) && opts.format === 'line' && !keyEncoder && valueEncoder !== undefined;
  // parse.key alone: key and value are two ranges of the line (no Buffer, no object per line).
  const keyOnly = isKeyOnly(reader) && opts.format === 'line' && !keyEncoder && !valueEncoder;
  const keySeparator = reader.keySeparator;
  let lineNumber = 0;
  let sent = 0;
  /** The line of the last record handed to the producer. */
  let lastSentLine = 0;
  let inputError: KfkError | undefined;
  const oversized: number[] = [];
  const prompt = Boolean(io.stdin.isTTY) && !opts.file?.length;

  const toRecord = (line: Buffer): ParsedLine & { partition?: number; timestamp?: number } => {
    if (opts.format === 'json') return recordFromJson(line.toString('utf8'), lineNumber);
    const parsed = parseLine(line, lineNumber, reader);
    if (fixedKey && parsed.key === null) parsed.key = fixedKey;
    return parsed;
  };

  // Plain lines go to the producer as slices of the input chunk through one reused record: no
  // object per line (the producer copies the bytes into its batch before send returns).
  const plainRecord: SessionRecord = { key: fixedKey ?? null, value: null, valueStart: 0, valueEnd: 0, partition: fixedPartition, tag: 0 };
  const plainOverhead = (fixedKey?.length ?? 0) + 64;
  /** A line that does not match its schema: an undelivered record, never a silent loss. */
  const rejectLine = (reason: string, r: FailedRecord): void => {
    const lines = invalid.get(reason) ?? [];
    lines.push(lineNumber);
    invalid.set(reason, lines);
    invalidCount++;
    if (failedOut) writeFailed([r]);
  };
  const keyedRecord: SessionRecord = { key: null, keyStart: 0, keyEnd: 0, value: null, valueStart: 0, valueEnd: 0, partition: fixedPartition, tag: 0 };
  let at = -1;
  const handleLine = (line: LineSplitter): void | Promise<void> => {
    lineNumber++;
    let record: SessionRecord;
    let size: number;
    if (plain) {
      record = plainRecord;
      record.tag = lineNumber;
      record.value = line.lineBuf;
      record.valueStart = line.lineStart;
      record.valueEnd = line.lineEnd;
      size = plainOverhead + line.lineEnd - line.lineStart;
    } else if (schemaPlain) {
      // Straight from the line's bytes when the schema's writer can; else from its string.
      let framed = valueEncoder!.encodeFramedAt?.(line.lineBuf, line.lineStart, line.lineEnd);
      try {
        if (!framed) framed = valueEncoder!.encodeFramed(line.lineBuf.toString('utf8', line.lineStart, line.lineEnd));
      } catch (err) {
        const text = line.lineBuf.toString('utf8', line.lineStart, line.lineEnd);
        rejectLine((err as Error).message, { key: fixedKey ?? null, value: Buffer.from(text), headers: [], timestamp: Date.now() });
        return;
      }
      record = plainRecord;
      record.tag = lineNumber;
      record.value = framed.buf;
      record.valueStart = 0;
      record.valueEnd = framed.end;
      size = plainOverhead + framed.end;
    } else if (keyOnly && (at = findSeparator(line.lineBuf, keySeparator, line.lineStart, line.lineEnd)) !== -1) {
      // A line without the separator takes the general path below (its error, or ignore.error).
      record = keyedRecord;
      record.tag = lineNumber;
      record.key = record.value = line.lineBuf;
      record.keyStart = line.lineStart;
      record.keyEnd = at;
      record.valueStart = at + keySeparator.length;
      record.valueEnd = line.lineEnd;
      size = 64 + at - line.lineStart + line.lineEnd - record.valueStart;
    } else {
      // JSON lines may be blank between records; a blank plain line is an empty record, as in Kafka.
      if (opts.format === 'json' && line.lineEnd === line.lineStart) return;
      const rec = toRecord(line.line());
      if (keyEncoder || valueEncoder) {
        // A line that does not match its schema is an undelivered record, never a silent loss.
        try {
          const key = keyEncoder && rec.key !== null ? keyEncoder.encode(rec.key.toString('utf8')) : rec.key;
          rec.value = valueEncoder && rec.value !== null ? valueEncoder.encode(rec.value.toString('utf8')) : rec.value;
          rec.key = key;
        } catch (err) {
          rejectLine((err as Error).message, { key: rec.key, value: rec.value, headers: rec.headers ?? [], timestamp: rec.timestamp ?? Date.now() });
          return;
        }
      }
      record = { tag: lineNumber, key: rec.key, value: rec.value, headers: rec.headers, partition: fixedPartition ?? rec.partition, timestamp: rec.timestamp };
      size = (rec.key?.length ?? 0) + (rec.value?.length ?? 0) + 64;
    }
    if (size > settings.maxRequestSize) {
      // As Kafka's producer: such a record is refused before it is sent; the rest go on.
      oversized.push(lineNumber);
      return;
    }
    sent++;
    lastSentLine = lineNumber;
    return session.send(record);
  };

  const sources: Array<() => Readable | FileChunks> = opts.file?.length
    ? opts.file.map((f) => () => new FileChunks(f))
    : // stdin redirected from a file is read in 1 MB chunks like --file (process.stdin reads 64 kB
      // at a time); pipes and terminals keep process.stdin.
      [() => (io.stdin === process.stdin && stdinIsFile() ? new FileChunks(0) : io.stdin)];

  try {
    outer: for (const open of sources) {
      const splitter = new LineSplitter();
      const stream = open();
      // Ctrl-C while the input waits for more (a terminal, an open pipe): stop reading now.
      const stopReading = () => stream.destroy();
      ctx.signal.addEventListener('abort', stopReading, { once: true });
      if (prompt) io.err('>');
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          splitter.feed(chunk);
          while (splitter.next()) {
            const pending = handleLine(splitter);
            if (pending) await pending;
            if (ctx.signal.aborted) break;
          }
          if (ctx.signal.aborted) break outer;
          if (prompt) io.err('>');
        }
        if (splitter.finish()) {
          const pending = handleLine(splitter);
          if (pending) await pending;
        }
      } catch (err) {
        if (ctx.signal.aborted) break;
        if (err instanceof KfkError) {
          inputError = err;
          break;
        }
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
          throw new KfkError(`cannot read ${(err as NodeJS.ErrnoException).path}: ${code === 'ENOENT' ? 'no such file' : code}`);
        }
        throw err;
      }
    }
  } catch (err) {
    await session.abort().catch(() => undefined);
    throw err;
  }

  const report = inputError || (settings.transactionalId && oversized.length) ? await session.abort() : await session.close();
  await closeFailedOut();
  if (oversized.length) {
    report.failed += oversized.length;
    report.errors.push({
      message: `record larger than max.request.size (${settings.maxRequestSize} bytes)`,
      count: oversized.length,
      tags: oversized.slice(0, 20),
    });
  }
  if (invalidCount) {
    report.failed += invalidCount;
    for (const [message, lines] of invalid) report.errors.push({ message, count: lines.length, tags: lines.slice(0, 20) });
  }
  if (inputError) {
    io.note(inputError.message);
    // A line that could not be read is not sent: the input stopped there. The producer stops the
    // input as it takes a record (max.block.ms): that line is counted in, delivered or not.
    const upTo = lastSentLine === lineNumber;
    const which = upTo ? `up to line ${lineNumber}` : `before line ${lineNumber}`;
    io.note(
      settings.transactionalId
        ? `transaction aborted: none of the ${sent} record(s) read ${which} were committed`
        : `${report.delivered} record(s) ${which} delivered, input stopped ${upTo ? 'after it' : 'there'}${report.failed ? `, ${report.failed} not delivered` : ''}`,
    );
    return 1;
  }
  if (report.failed > 0) {
    const parts: string[] = [];
    for (const e of report.errors) {
      let message = e.message;
      if (/larger than the max message size/.test(message)) {
        const limit = await topicMessageLimit(client, opts.topic);
        if (limit) message += ` (topic max.message.bytes=${limit})`;
      }
      const lines = e.tags.length ? `; line${e.tags.length > 1 ? 's' : ''} ${e.tags.join(', ')}${e.count > e.tags.length ? ', ...' : ''}` : '';
      parts.push(`${message}: ${e.count} record(s)${lines}`);
    }
    const total = report.failed + report.delivered;
    io.note(`${report.failed} of ${total} record(s) not delivered${settings.transactionalId ? ' (transaction aborted)' : ''}`);
    for (const p of parts) io.note(`  ${p}`);
    return 1;
  }
  if (ctx.signal.aborted) io.note(`interrupted: ${report.delivered} record(s) delivered, input not read to the end`);
  else if (config.verbose) io.note(`${report.delivered} record(s) delivered to ${opts.topic}`);
  return 0;
}

async function openSchemaEncoders(ctx: CommandContext, opts: Flags, properties: Map<string, string>, readerProps: Map<string, string>) {
  const sides: { key?: import('../../registry/serde.js').RecordEncoder; value?: import('../../registry/serde.js').RecordEncoder } = {};
  const given = (side: 'key' | 'value') => {
    const o = side === 'key' ? { format: opts.keyFormat, file: opts.keySchemaFile, id: opts.keySchemaId, subject: opts.keySubject, message: opts.keyMessage, refs: opts.keySchemaRefs } : { format: opts.valueFormat, file: opts.valueSchemaFile, id: opts.valueSchemaId, subject: opts.valueSubject, message: opts.valueMessage, refs: opts.valueSchemaRefs };
    if (o.format === undefined) {
      if (o.file !== undefined || o.id !== undefined || o.subject !== undefined || o.message !== undefined || o.refs !== undefined) throw new UsageError(`--${side}-schema-file, --${side}-schema-id, --${side}-subject, --${side}-schema-refs and --${side}-message need --${side}-format`);
      return undefined;
    }
    return o;
  };
  if (opts.keyFormat !== undefined && opts.format === 'line' && !(opts.property ?? []).concat(opts.readerProperty ?? []).some((p) => /^parse\.key\s*=\s*true$/i.test(p.trim()))) {
    throw new UsageError('--key-format encodes the keys of the input: add --property parse.key=true (and key.separator)');
  }
  for (const side of ['key', 'value'] as const) {
    const o = given(side);
    if (!o) continue;
    const serde = await import('../../registry/serde.js');
    const format = serde.recordFormat(o.format, `--${side}-format`);
    if (format === 'string' || format === 'bytes' || format === 'auto' || format === undefined) {
      throw new UsageError(`invalid --${side}-format '${o.format}': produce encodes avro, protobuf or json-schema`);
    }
    // References: the flag, else Confluent's reader property (--property value.refs=...), else a
    // producer property or the config's.
    const refsFrom = o.refs !== undefined ? `--${side}-schema-refs` : readerProps.has(`${side}.refs`) ? `${side}.refs` : properties.has(`${side}.refs`) ? `${side}.refs` : undefined;
    const refsText = o.refs ?? readerProps.get(`${side}.refs`) ?? properties.get(`${side}.refs`);
    const references = refsText === undefined ? undefined : serde.parseSchemaReferences(refsText, refsFrom!);
    sides[side] = await serde.openEncoder(() => ctx.registry(opts.schemaRegistryUrl), {
        side,
        format,
        topic: opts.topic,
        schemaFile: o.file,
        schemaId: o.id === undefined ? undefined : parseNonNegative(o.id, `--${side}-schema-id`),
        subject: o.subject,
        message: o.message,
        references,
        referencesFrom: refsFrom,
        properties,
      });
  }
  return sides;
}

export function parseNonNegative(v: string, flag: string): number {
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`invalid ${flag} '${v}': expected a non-negative integer`);
  return Number(v);
}

function stdinIsFile(): boolean {
  try {
    return fstatSync(0).isFile();
  } catch {
    return false;
  }
}

type Encoder = import('../../registry/serde.js').RecordEncoder;

/**
 * For --failed-records with a schema: turns records as sent (framed) back into the JSON documents
 * the input gave, with the schemas the run encoded with.
 */
async function sentRecordDecoder(ctx: CommandContext, opts: Flags, keyEncoder: Encoder | undefined, valueEncoder: Encoder | undefined) {
  const { RecordDecoder } = await import('../../registry/serde.js');
  const registry = () => ctx.registry(opts.schemaRegistryUrl);
  const side = (encoder: Encoder | undefined, format: string | undefined, name: 'key' | 'value') => {
    if (!encoder) return undefined;
    const d = new RecordDecoder(registry, format as import('../../registry/serde.js').RecordFormat, name);
    return { d, ready: d.prepare(encoder.id) };
  };
  const key = side(keyEncoder, opts.keyFormat, 'key');
  const value = side(valueEncoder, opts.valueFormat, 'value');
  const text = (s: typeof key, b: Buffer | null) => {
    if (!s || b === null) return b;
    try {
      const decoded = s.d.decode(b);
      return decoded ? Buffer.from(decoded.text) : b;
    } catch {
      // Not expected for bytes this run encoded; the bytes as sent are still the record.
      return b;
    }
  };
  return async <R extends { key: Buffer | null; value: Buffer | null }>(records: R[]): Promise<R[]> => {
    await key?.ready;
    await value?.ready;
    return records.map((r) => ({ ...r, key: text(key, r.key), value: text(value, r.value) }));
  };
}

/** The schema flags of a resend of --failed-records: the ids this run encoded with. */
function schemaFlags(opts: Flags, keyEncoder: Encoder | undefined, valueEncoder: Encoder | undefined): string {
  let flags = '';
  if (valueEncoder) flags += ` --value-format ${opts.valueFormat} --value-schema-id ${valueEncoder.id}${opts.valueMessage ? ` --value-message ${opts.valueMessage}` : ''}`;
  if (keyEncoder) flags += ` --key-format ${opts.keyFormat} --key-schema-id ${keyEncoder.id}${opts.keyMessage ? ` --key-message ${opts.keyMessage}` : ''}`;
  return flags;
}
