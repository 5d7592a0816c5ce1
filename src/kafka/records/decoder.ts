// RecordBatch v2 decoding from a Fetch response's record set, in place: keys and values are
// views into the response (or the decompressed section), offsets and timestamps plain numbers.
// A partial batch at the end (the broker cuts at max bytes) is left for the next fetch. Control
// batches are skipped; with read_committed, batches of aborted transactions are dropped.
import { decompress } from './codecs.js';
import { crc32c } from './crc.js';
import { readInt64 } from './encoder.js';
import { readVarint } from './varint.js';

export interface DecodedRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 0 | 1;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

export interface AbortedTransaction {
  producerId: number;
  firstOffset: number;
}

export interface DecodeResult {
  records: DecodedRecord[];
  /** Offset after the last complete batch seen (control batches included): where to fetch next. */
  nextOffset: number;
  /** Whole batches seen (0 with a non-empty set: the first batch is larger than the fetch size). */
  batches: number;
}

export class CorruptRecordError extends Error {}

const NO_HEADERS: [string, Buffer | null][] = [];

/**
 * One record, as positions in the buffer it was decoded from (the response, or the decompressed
 * records section): no object and no Buffer per record. The visitor gets the same object for
 * every record; it is valid only during the call.
 */
export interface RecordView {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 0 | 1;
  buf: Buffer;
  /** -1: null key */
  keyStart: number;
  keyLength: number;
  /** -1: null value */
  valueStart: number;
  valueLength: number;
  headersStart: number;
  headerCount: number;
}

/** Returns false to stop: the rest of the set is not visited. */
export type RecordVisitor = (v: RecordView) => boolean | void;

export function viewKey(v: RecordView): Buffer | null {
  return v.keyLength < 0 ? null : v.buf.subarray(v.keyStart, v.keyStart + v.keyLength);
}

export function viewValue(v: RecordView): Buffer | null {
  return v.valueLength < 0 ? null : v.buf.subarray(v.valueStart, v.valueStart + v.valueLength);
}

export function viewHeaders(v: RecordView): [string, Buffer | null][] {
  if (v.headerCount <= 0) return NO_HEADERS;
  const b = v.buf;
  const pos = { off: v.headersStart };
  const headers: [string, Buffer | null][] = [];
  for (let h = 0; h < v.headerCount; h++) {
    const kl = readVarint(b, pos);
    const hk = b.toString('utf8', pos.off, pos.off + kl);
    pos.off += kl;
    const vl = readVarint(b, pos);
    let hv: Buffer | null = null;
    if (vl >= 0) {
      hv = b.subarray(pos.off, pos.off + vl);
      pos.off += vl;
    }
    headers.push([hk, hv]);
  }
  return headers;
}

/** The record as an object (keys, values and header values are views, not copies). */
export function viewToRecord(v: RecordView): DecodedRecord {
  return { topic: v.topic, partition: v.partition, offset: v.offset, timestamp: v.timestamp, timestampType: v.timestampType, key: viewKey(v), value: viewValue(v), headers: viewHeaders(v) };
}

/** Visits the records of one batch's records section; false when the visitor stopped. */
function visitRecords(section: Buffer, count: number, baseOffset: number, baseTimestamp: number, maxTimestamp: number, logAppend: boolean, fromOffset: number, v: RecordView, visit: RecordVisitor): boolean {
  const pos = { off: 0 };
  v.buf = section;
  v.timestampType = logAppend ? 1 : 0;
  for (let i = 0; i < count; i++) {
    const len = readVarint(section, pos);
    const end = pos.off + len;
    pos.off++; // attributes
    const tsDelta = readVarint(section, pos);
    const offsetDelta = readVarint(section, pos);
    const keyLen = readVarint(section, pos);
    v.keyStart = pos.off;
    v.keyLength = keyLen;
    if (keyLen > 0) pos.off += keyLen;
    const valLen = readVarint(section, pos);
    v.valueStart = pos.off;
    v.valueLength = valLen;
    if (valLen > 0) pos.off += valLen;
    const hCount = readVarint(section, pos);
    v.headersStart = pos.off;
    v.headerCount = hCount;
    for (let h = 0; h < hCount; h++) {
      const kl = readVarint(section, pos);
      pos.off += kl;
      const vl = readVarint(section, pos);
      if (vl > 0) pos.off += vl;
    }
    if (pos.off !== end) throw new CorruptRecordError(`corrupt record at offset ${baseOffset + offsetDelta} of ${v.topic}-${v.partition}`);
    const offset = baseOffset + offsetDelta;
    if (offset < fromOffset) continue;
    v.offset = offset;
    v.timestamp = logAppend ? maxTimestamp : baseTimestamp + tsDelta;
    if (visit(v) === false) return false;
  }
  return true;
}

export interface DecodeOptions {
  topic: string;
  partition: number;
  /** Records before this offset (the start of a batch fetched mid-way) are dropped. */
  fromOffset: number;
  readCommitted: boolean;
  abortedTransactions: AbortedTransaction[] | null;
  verifyCrc?: boolean;
}

export async function decodeRecordSet(set: Buffer, o: DecodeOptions): Promise<DecodeResult> {
  const records: DecodedRecord[] = [];
  const { nextOffset, batches } = await visitRecordSet(set, o, (v) => {
    records.push(viewToRecord(v));
  });
  return { records, nextOffset, batches };
}

export interface VisitResult {
  /** Offset after the last complete batch seen (control batches included). */
  nextOffset: number;
  batches: number;
  /** The visitor asked to stop. */
  stopped: boolean;
}

/**
 * Visits every record of a Fetch response's record set in order, as views (see RecordView):
 * control batches and (read_committed) aborted transactions skipped, records before
 * `fromOffset` skipped, a partial batch at the end left for the next fetch.
 */
export async function visitRecordSet(set: Buffer, o: DecodeOptions, visit: RecordVisitor): Promise<VisitResult> {
  const view: RecordView = { topic: o.topic, partition: o.partition, offset: 0, timestamp: 0, timestampType: 0, buf: set, keyStart: 0, keyLength: -1, valueStart: 0, valueLength: -1, headersStart: 0, headerCount: 0 };
  let off = 0;
  let nextOffset = o.fromOffset;
  let batches = 0;
  const aborted = o.readCommitted && o.abortedTransactions ? [...o.abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset) : [];
  const abortedProducers = new Set<number>();
  let ai = 0;
  while (off + 12 <= set.length) {
    const baseOffset = readInt64(set, off);
    const batchLength = set.readInt32BE(off + 8);
    const end = off + 12 + batchLength;
    if (end > set.length || batchLength < 49) break; // partial batch
    const magic = set[off + 16];
    if (magic !== 2) throw new CorruptRecordError(`record batch format v${magic} is not supported (Kafka 0.11+ writes v2)`);
    if (o.verifyCrc) {
      const stored = set.readUInt32BE(off + 17);
      if (crc32c(set.subarray(off + 21, end)) !== stored) throw new CorruptRecordError(`CRC mismatch in batch at offset ${baseOffset} of ${o.topic}-${o.partition}`);
    }
    const attributes = set.readInt16BE(off + 21);
    const lastOffsetDelta = set.readInt32BE(off + 23);
    const lastOffset = baseOffset + lastOffsetDelta;
    batches++;
    nextOffset = Math.max(nextOffset, lastOffset + 1);
    const control = (attributes & 0x20) !== 0;
    const transactional = (attributes & 0x10) !== 0;
    const producerId = readInt64(set, off + 43);
    if (o.readCommitted) {
      while (ai < aborted.length && aborted[ai].firstOffset <= lastOffset) abortedProducers.add(aborted[ai++].producerId);
    }
    if (control) {
      // An ABORT marker (control type 0) ends that producer's aborted transaction.
      if (o.readCommitted && abortedProducers.has(producerId)) {
        const keyType = set.length >= off + 61 + 8 ? peekControlType(set.subarray(off + 61, end)) : -1;
        if (keyType === 0) abortedProducers.delete(producerId);
      }
      off = end;
      continue;
    }
    if (o.readCommitted && transactional && abortedProducers.has(producerId)) {
      off = end;
      continue;
    }
    const count = set.readInt32BE(off + 57);
    const baseTimestamp = readInt64(set, off + 27);
    const maxTimestamp = readInt64(set, off + 35);
    const codec = attributes & 0x07;
    const logAppend = (attributes & 0x08) !== 0;
    let section = set.subarray(off + 61, end);
    if (codec !== 0) section = await decompress(codec, section);
    off = end;
    if (!visitRecords(section, count, baseOffset, baseTimestamp, maxTimestamp, logAppend, o.fromOffset, view, visit)) return { nextOffset, batches, stopped: true };
  }
  return { nextOffset, batches, stopped: false };
}

/** The control record type (0 abort, 1 commit) of a control batch's first record. */
function peekControlType(section: Buffer): number {
  const pos = { off: 0 };
  readVarint(section, pos); // length
  pos.off++; // attributes
  readVarint(section, pos); // timestamp delta
  readVarint(section, pos); // offset delta
  const keyLen = readVarint(section, pos);
  if (keyLen < 4) return -1;
  return section.readInt16BE(pos.off + 2);
}
