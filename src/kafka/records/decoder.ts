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

function decodeRecords(
  section: Buffer,
  count: number,
  baseOffset: number,
  baseTimestamp: number,
  maxTimestamp: number,
  logAppend: boolean,
  topic: string,
  partition: number,
  fromOffset: number,
  out: DecodedRecord[],
): void {
  const pos = { off: 0 };
  const timestampType: 0 | 1 = logAppend ? 1 : 0;
  for (let i = 0; i < count; i++) {
    const len = readVarint(section, pos);
    const end = pos.off + len;
    pos.off++; // attributes
    const tsDelta = readVarint(section, pos);
    const offsetDelta = readVarint(section, pos);
    const keyLen = readVarint(section, pos);
    let key: Buffer | null = null;
    if (keyLen >= 0) {
      key = section.subarray(pos.off, pos.off + keyLen);
      pos.off += keyLen;
    }
    const valLen = readVarint(section, pos);
    let value: Buffer | null = null;
    if (valLen >= 0) {
      value = section.subarray(pos.off, pos.off + valLen);
      pos.off += valLen;
    }
    const hCount = readVarint(section, pos);
    let headers = NO_HEADERS;
    if (hCount > 0) {
      headers = [];
      for (let h = 0; h < hCount; h++) {
        const kl = readVarint(section, pos);
        const hk = section.toString('utf8', pos.off, pos.off + kl);
        pos.off += kl;
        const vl = readVarint(section, pos);
        let hv: Buffer | null = null;
        if (vl >= 0) {
          hv = section.subarray(pos.off, pos.off + vl);
          pos.off += vl;
        }
        headers.push([hk, hv]);
      }
    }
    if (pos.off !== end) throw new CorruptRecordError(`corrupt record at offset ${baseOffset + offsetDelta} of ${topic}-${partition}`);
    const offset = baseOffset + offsetDelta;
    if (offset < fromOffset) continue;
    out.push({
      topic,
      partition,
      offset,
      timestamp: logAppend ? maxTimestamp : baseTimestamp + tsDelta,
      timestampType,
      key,
      value,
      headers,
    });
  }
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
    decodeRecords(section, count, baseOffset, baseTimestamp, maxTimestamp, logAppend, o.topic, o.partition, o.fromOffset, records);
    off = end;
  }
  return { records, nextOffset, batches };
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
