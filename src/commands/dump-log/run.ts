// kafka-dump-log (DumpLogSegments): a broker's segment files as they are on disk. A `.log` file's
// batches (and with --deep-iteration their records; with --print-data-log their keys and values),
// an offset index's and a time index's entries checked against their segment, a transaction
// index's aborted transactions; the lines and the reports on stderr are the tool's.
import { basename, dirname, join, resolve } from 'node:path';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { CommandContext } from '../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError, UsageError } from '../../errors.js';
import { codecName } from '../../kafka/records/codecs.js';
import { crc32c } from '../../kafka/records/crc.js';
import { batchRecords, segmentBatches, type SegmentBatch } from '../../kafka/records/segment.js';
import { controlRecordJson, dumpLogCoordinatorRecord, dumpLogMetadataRecord } from '../../format/coordinator-json.js';

const INT_MAX = 2147483647;

/**
 * A failure that stops the dump: kfk's line, and the Java exception the tool dies with (its
 * drop-in prints that, as the first line of the tool's stack trace).
 */
function failure(message: string, javaClass: string, javaMessage = message): KfkError {
  return Object.assign(new KfkError(message), { javaException: `${javaClass}: ${javaMessage}` });
}
const CORRUPT_INDEX = 'org.apache.kafka.storage.internals.log.CorruptIndexException';

/** Java's File.toString of a path as given: repeated and trailing slashes folded. */
const javaPath = (p: string) => (p === '' ? '' : p.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1'));

/** The base offset a segment file's name carries (`00000000000000000042.log`: 42), as Long.parseLong reads it. */
function baseOffsetOf(file: string): number {
  const stem = basename(file).split('.')[0];
  if (!/^[+-]?\d+$/.test(stem)) throw failure(`${basename(file)}: not a segment file name (its base offset, 20 digits, then .log, .index, ...)`, 'java.lang.NumberFormatException', `For input string: "${stem}"`);
  return Number(stem);
}

/** Reads `n` bytes at `pos`, fewer at the end of the file. */
function readAt(fd: number, pos: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  const got = readSync(fd, b, 0, n, pos);
  return b.subarray(0, got);
}

interface Reports {
  indexMismatches: Map<string, Array<[number, number]>>;
  timeMismatches: Map<string, Array<[number, number]>>;
  outOfOrder: Map<string, Array<[number, number]>>;
  notFound: Map<string, Array<[number, number]>>;
  nonConsecutive: Map<string, Array<[number, number]>>;
}

const add = (m: Map<string, Array<[number, number]>>, file: string, pair: [number, number]) => {
  const list = m.get(file) ?? [];
  list.push(pair);
  m.set(file, list);
};

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const files = [...(opts.files ?? []).flatMap((f) => f.split(',')), ...(opts.file ?? [])];
  if (files.length === 0) throw new UsageError('name the files to dump: kfk dump-log FILE... (or --files a,b)');
  if (!/^-?\d+$/.test(opts.maxBytes)) throw new UsageError(`invalid --max-bytes '${opts.maxBytes}': expected a whole number of bytes`);
  const maxBytes = Number(opts.maxBytes);
  const decoder = opts.offsetsDecoder
    ? 'offsets'
    : opts.transactionLogDecoder
      ? 'transaction-log'
      : opts.shareGroupStateDecoder
        ? 'share-group-state'
        : opts.clusterMetadataDecoder
          ? 'cluster-metadata'
          : undefined;
  const print = Boolean(opts.printDataLog) || decoder !== undefined;
  const deep = Boolean(opts.deepIteration) || print;
  const reports: Reports = { indexMismatches: new Map(), timeMismatches: new Map(), outOfOrder: new Map(), notFound: new Map(), nonConsecutive: new Map() };
  let out = '';
  const flush = async () => {
    if (out) await ctx.io.out(out);
    out = '';
  };
  const line = async (text: string) => {
    out += `${text}\n`;
    if (out.length > 65536) await flush();
  };
  const stopped = () => ctx.signal.aborted || ctx.io.stdout.destroyed;

  for (const arg of files) {
    const file = javaPath(arg);
    await line(`Dumping ${file}`);
    const name = basename(file);
    const dot = name.lastIndexOf('.');
    const suffix = dot < 0 ? '' : name.slice(dot);
    if (suffix === '.log') {
      await dumpLog(file);
    } else if (suffix === '.index') {
      await flush();
      await dumpIndex(file);
    } else if (suffix === '.timeindex') {
      await flush();
      await dumpTimeIndex(file);
    } else if (suffix === '.txnindex') {
      await dumpTxnIndex(file);
    } else if (suffix === '.snapshot') {
      await dumpProducerSnapshot(file);
    } else if (suffix === '.checkpoint') {
      // A KRaft snapshot: batches as a segment's, after what its name says.
      if (name === 'bootstrap.checkpoint') await line('KRaft bootstrap snapshot');
      else {
        const m = /^(\d+)-(\d+)\.checkpoint$/.exec(name);
        if (!m) await flush();
        if (!m) throw failure(`${name}: not a KRaft snapshot name (<end offset>-<epoch>.checkpoint)`, 'java.util.NoSuchElementException', 'No value present');
        await line(`Snapshot end offset: ${Number(m[1])}, epoch: ${Number(m[2])}`);
      }
      await dumpLog(file, false);
    } else {
      await flush();
      ctx.io.err(`Ignoring unknown file ${file}`);
    }
    if (stopped()) return 0;
  }
  await flush();

  for (const [f, list] of reports.indexMismatches) {
    ctx.io.err(`Mismatches in :${f}`);
    // The tool prepends each mismatch to its list: the last one found comes first.
    for (const [i, l] of [...list].reverse()) ctx.io.err(`  Index offset: ${i}, log offset: ${l}`);
  }
  for (const [f, list] of reports.timeMismatches) {
    ctx.io.err(`Found timestamp mismatch in :${f}`);
    for (const [i, l] of list) ctx.io.err(`  Index timestamp: ${i}, log timestamp: ${l}`);
  }
  for (const [f, list] of reports.outOfOrder) {
    ctx.io.err(`Found out of order timestamp in :${f}`);
    for (const [i, p] of list) ctx.io.err(`  Index timestamp: ${i}, Previously indexed timestamp: ${p}`);
  }
  for (const [f, list] of reports.notFound) {
    ctx.io.err(`The following indexed offsets are not found in :${f}`);
    for (const [i, l] of list) ctx.io.err(`Indexed offset: ${i}, found log offset: ${l}`);
  }
  for (const [f, list] of reports.nonConsecutive) {
    ctx.io.err(`Non-consecutive offsets in ${f}`);
    // A TreeMap in the tool: by the offset before the gap, ascending.
    for (const [a, b] of [...list].sort((x, y) => x[0] - y[0])) ctx.io.err(`  ${a} is followed by ${b}`);
  }
  return 0;

  async function dumpLog(file: string, segment = true): Promise<void> {
    if (segment) await line(`Log starting offset: ${baseOffsetOf(file)}`);
    if (maxBytes < 0) throw new KfkError(`invalid --max-bytes ${maxBytes}`);
    let size: number;
    try {
      size = statSync(file).size;
    } catch (err) {
      await flush();
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw failure(`cannot read ${file}: ${code}`, code === 'ENOENT' ? 'java.nio.file.NoSuchFileException' : 'java.io.IOException', file);
    }
    let valid = 0;
    let lastOffset = -1;
    const batches = segmentBatches(file, { maxBytes });
    for (;;) {
      let next: IteratorResult<SegmentBatch>;
      try {
        next = batches.next();
      } catch (err) {
        // What was read before stays on stdout, as the tool leaves it.
        await flush();
        throw failure((err as Error).message, 'org.apache.kafka.common.errors.CorruptRecordException');
      }
      if (next.done) break;
      const b = next.value;
      await line(batchLine(b, valid));
      if (deep) {
        for (const r of await batchRecords(b)) {
          // Counted from -1: a segment whose first record is not offset 0 reports `-1 is followed by N`, as the tool does.
          if (r.offset !== lastOffset + 1) add(reports.nonConsecutive, resolve(file), [lastOffset, r.offset]);
          lastOffset = r.offset;
          const type = b.logAppendTime ? 'LogAppendTime' : 'CreateTime';
          // Without its metadata (--skip-record-metadata) a record is its key and value alone, and
          // a line without them is empty.
          let text = '';
          const part = (s: string) => {
            text += text === '' ? `| ${s}` : ` ${s}`;
          };
          if (!opts.skipRecordMetadata) {
            part(`offset: ${r.offset} ${type}: ${r.timestamp} keySize: ${r.key ? r.key.length : -1} valueSize: ${r.value ? r.value.length : -1}`);
            text += ` sequence: ${r.sequence} headerKeys: [${r.headers.map(([k]) => k).join(',')}]`;
            if (b.control) text += controlText(r.key, r.value);
          }
          if (print && !b.control) {
            if (decoder === 'cluster-metadata') {
              // The key is not printed: a metadata record has none.
              part(`payload: ${dumpLogMetadataRecord(r.value, r.offset)}`);
            } else if (decoder) {
              let d: { key: string; payload?: string };
              try {
                d = dumpLogCoordinatorRecord(decoder, r.key, r.value, r.offset);
              } catch (err) {
                // The record's line so far stays on stdout, unended, as the tool leaves it.
                out += text;
                await flush();
                throw err;
              }
              part(`key: ${d.key}`);
              if (d.payload !== undefined) part(`payload: ${d.payload}`);
            } else {
              if (r.key) part(`key: ${r.key.toString('utf8')}`);
              if (r.value) part(`payload: ${r.value.toString('utf8')}`);
            }
          }
          await line(text);
        }
      }
      valid += b.sizeInBytes;
      if (stopped()) return;
    }
    const trailing = Math.min(size, INT_MAX) - valid;
    if (trailing > 0 && maxBytes === INT_MAX) await line(`Found ${trailing} invalid bytes at the end of ${basename(file)}`);
  }

  async function dumpIndex(file: string): Promise<void> {
    const base = baseOffsetOf(file);
    // The tool keeps one list per dump of an index: a file named twice is reported once.
    reports.indexMismatches.delete(resolve(file));
    const logFile = join(dirname(resolve(file)), `${basename(file).split('.')[0]}.log`);
    const entries = readEntries(file, 8);
    if (entries.count === 0) {
      await line(`${file} is empty.`);
      return flush();
    }
    if (opts.indexSanityCheck) {
      const last = base + entries.buf.readInt32BE((entries.count - 1) * 8);
      if (last < base) throw failure(`Corrupt index found, index file (${resolve(file)}) has non-zero size but the last offset is ${last} which is less than the base offset ${base}`, CORRUPT_INDEX);
      if (entries.length % 8 !== 0) throw failure(`Index file ${resolve(file)} is corrupt, found ${entries.length} bytes which is neither positive nor a multiple of 8`, CORRUPT_INDEX);
      await line(`${file} passed sanity check.`);
      return flush();
    }
    const fd = openSync(logFile, 'r');
    try {
      const logSize = fstatSync(fd).size;
      for (let i = 0; i < entries.count; i++) {
        const offset = base + entries.buf.readInt32BE(i * 8);
        const position = entries.buf.readInt32BE(i * 8 + 4);
        // A sparse, preallocated file: entries of zeros after a crash. The tool stops at the first.
        if (offset === base && i > 0) break;
        if (position > logSize) throw new KfkError(`Slice from position ${position} exceeds end position of ${logFile} (size ${logSize})`);
        const head = readAt(fd, position, 61);
        if (head.length >= 27) {
          const lastOffset = Number(head.readBigInt64BE(0)) + (head[16] >= 2 ? head.readInt32BE(23) : 0);
          if (lastOffset !== offset) add(reports.indexMismatches, resolve(file), [offset, lastOffset]);
        }
        if (!opts.verifyIndexOnly) await line(`offset: ${offset} position: ${position}`);
      }
    } finally {
      closeSync(fd);
    }
    await flush();
  }

  async function dumpTimeIndex(file: string): Promise<void> {
    const base = baseOffsetOf(file);
    const stem = join(dirname(resolve(file)), basename(file).split('.')[0]);
    const entries = readEntries(file, 12);
    const index = readEntries(`${stem}.index`, 8);
    if (opts.indexSanityCheck) {
      if (entries.count > 0) {
        const lastTs = Number(entries.buf.readBigInt64BE((entries.count - 1) * 12));
        const firstTs = Number(entries.buf.readBigInt64BE(0));
        const lastOffset = base + entries.buf.readInt32BE((entries.count - 1) * 12 + 8);
        // A segment still being written has a preallocated time index: its last entry is zeros,
        // and the broker's own check (as the tool's) finds it corrupt.
        if (lastTs < firstTs) throw failure(`Corrupt time index found, time index file (${resolve(file)}) has non-zero size but the last timestamp is ${lastTs} which is less than the first timestamp ${firstTs}`, CORRUPT_INDEX);
        if (lastOffset < base) throw failure(`Corrupt time index found, time index file (${resolve(file)}) has non-zero size but the last offset is ${lastOffset} which is less than the first offset ${base}`, CORRUPT_INDEX);
      }
      if (entries.length % 12 !== 0) throw failure(`Time index file ${resolve(file)} is corrupt, found ${entries.length} bytes which is neither positive nor a multiple of 12`, CORRUPT_INDEX);
      await line(`${file} passed sanity check.`);
      return flush();
    }
    /** The offset index's position for `offset`: its largest entry at or below it (the segment's start without one). */
    const positionOf = (offset: number) => {
      let pos = 0;
      for (let i = 0; i < index.count; i++) {
        const o = base + index.buf.readInt32BE(i * 8);
        if (o > offset) break;
        pos = index.buf.readInt32BE(i * 8 + 4);
      }
      return pos;
    };
    const abs = resolve(file);
    let prev = -1;
    for (let i = 0; i < entries.count; i++) {
      const timestamp = Number(entries.buf.readBigInt64BE(i * 12));
      const offset = base + entries.buf.readInt32BE(i * 12 + 8);
      if (offset === base && i > 0) break;
      let found: SegmentBatch | undefined;
      for (const b of segmentBatches(`${stem}.log`, { start: positionOf(offset) })) {
        if (b.lastOffset >= offset) {
          found = b;
          break;
        }
      }
      if (!found) add(reports.notFound, abs, [offset, -1]);
      else if (found.lastOffset !== offset) add(reports.notFound, abs, [offset, found.lastOffset]);
      else {
        let max = -1;
        for (const r of await batchRecords(found)) max = Math.max(max, r.timestamp);
        if (max !== timestamp) add(reports.timeMismatches, abs, [timestamp, max]);
        if (prev >= timestamp) add(reports.outOfOrder, abs, [timestamp, prev]);
      }
      if (!opts.verifyIndexOnly) await line(`timestamp: ${timestamp} offset: ${offset}`);
      prev = timestamp;
    }
    await flush();
  }

  /**
   * A producer state snapshot (ProducerStateManager): version 1, a CRC32C of what follows it, then
   * each producer's last batch. A snapshot that does not read is said on stderr, and the dump goes on.
   */
  async function dumpProducerSnapshot(file: string): Promise<void> {
    let b: Buffer;
    try {
      b = readFileSync(file);
    } catch (err) {
      await flush();
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw failure(`cannot read ${file}: ${code}`, code === 'ENOENT' ? 'java.nio.file.NoSuchFileException' : 'java.io.IOException', file);
    }
    const ENTRY = 46;
    const count = b.length >= 10 ? b.readInt32BE(6) : -1;
    const corrupt = async (why: string) => {
      await flush();
      ctx.io.err(why);
    };
    // Java's buffer underflow has no message: "null".
    if (count < 0 || b.length < 10 + count * ENTRY) return corrupt('Snapshot failed schema validation: null');
    const version = b.readInt16BE(0);
    if (version !== 1) return corrupt(`Snapshot failed schema validation: Snapshot contained an unknown file version ${version}`);
    const stored = b.readUInt32BE(2);
    const computed = crc32c(b.subarray(6));
    if (stored !== computed) return corrupt(`Snapshot is corrupt (CRC is no longer valid). Stored crc: ${stored}. Computed crc: ${computed}`);
    for (let i = 0; i < count; i++) {
      const o = 10 + i * ENTRY;
      const lastSequence = b.readInt32BE(o + 10);
      const lastOffset = b.readBigInt64BE(o + 14);
      const offsetDelta = b.readInt32BE(o + 22);
      const timestamp = b.readBigInt64BE(o + 26);
      const txnFirst = b.readBigInt64BE(o + 38);
      let text = `producerId: ${b.readBigInt64BE(o)} producerEpoch: ${b.readInt16BE(o + 8)} coordinatorEpoch: ${b.readInt32BE(o + 34)} currentTxnFirstOffset: ${txnFirst >= 0n ? `OptionalLong[${txnFirst}]` : 'OptionalLong.empty'} lastTimestamp: ${timestamp} `;
      if (lastOffset >= 0n) {
        // DefaultRecordBatch.decrementSequence: sequences wrap at 2^31.
        const first = lastSequence < offsetDelta ? INT_MAX - (offsetDelta - lastSequence) + 1 : lastSequence - offsetDelta;
        text += `firstSequence: ${first} lastSequence: ${lastSequence} lastOffset: ${lastOffset} offsetDelta: ${offsetDelta} timestamp: ${timestamp}`;
      }
      await line(text);
    }
  }

  async function dumpTxnIndex(file: string): Promise<void> {
    const entries = readEntries(file, 34);
    for (let i = 0; i < entries.count; i++) {
      const o = i * 34;
      const b = entries.buf;
      const version = b.readInt16BE(o);
      if (version !== 0) {
        await flush();
        const message = `Unexpected aborted transaction version ${version} in transaction index ${resolve(file)}, supported version range is 0 to 0`;
        throw failure(message, 'org.apache.kafka.common.KafkaException');
      }
      await line(`version: ${b.readInt16BE(o)} producerId: ${b.readBigInt64BE(o + 2)} firstOffset: ${b.readBigInt64BE(o + 10)} lastOffset: ${b.readBigInt64BE(o + 18)} lastStableOffset: ${b.readBigInt64BE(o + 26)}`);
    }
  }
}

/** An index file's whole entries (its size rounded down to them), and its size. */
function readEntries(file: string, entrySize: number): { buf: Buffer; count: number; length: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new KfkError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const length = fstatSync(fd).size;
    const count = Math.floor(length / entrySize);
    return { buf: readAt(fd, 0, count * entrySize), count, length };
  } finally {
    closeSync(fd);
  }
}

/** A batch's line: its header fields in the tool's order and words. */
function batchLine(b: SegmentBatch, position: number): string {
  return (
    `baseOffset: ${b.baseOffset} lastOffset: ${b.lastOffset} count: ${b.count} baseSequence: ${b.baseSequence} lastSequence: ${b.lastSequence}` +
    ` producerId: ${b.producerId} producerEpoch: ${b.producerEpoch} partitionLeaderEpoch: ${b.partitionLeaderEpoch} isTransactional: ${b.transactional}` +
    ` isControl: ${b.control} deleteHorizonMs: ${b.deleteHorizonMs === null ? 'OptionalLong.empty' : `OptionalLong[${b.deleteHorizonMs}]`}` +
    ` position: ${position} ${b.logAppendTime ? 'LogAppendTime' : 'CreateTime'}: ${b.maxTimestamp} size: ${b.sizeInBytes} magic: ${b.magic}` +
    ` compresscodec: ${codecName(b.compression)} crc: ${b.crc} isvalid: ${b.crcValid}`
  );
}

/** How the tool names each KRaft control record before its JSON. */
const CONTROL_LABELS: Record<number, string> = { 2: 'LeaderChange:', 3: 'SnapshotHeader', 4: 'SnapshotFooter', 5: 'KRaftVersion', 6: 'KRaftVoters' };

/** A control record's type (its key: version, type): a transaction marker's, or a KRaft control record's message. */
function controlText(key: Buffer | null, value: Buffer | null): string {
  const type = key && key.length >= 4 ? key.readInt16BE(2) : -1;
  if ((type === 0 || type === 1) && value && value.length >= 6) return ` endTxnMarker: ${type === 0 ? 'ABORT' : 'COMMIT'} coordinatorEpoch: ${value.readInt32BE(2)}`;
  const message = CONTROL_LABELS[type] ? controlRecordJson(type, value) : undefined;
  return message === undefined ? ` controlType: UNKNOWN(${type})` : ` ${CONTROL_LABELS[type]} ${message}`;
}
