// A log segment file as the broker writes it (`00000000000000000000.log`): record batches one after
// another, read from the file a batch at a time, every field of each batch header and of each
// record, and the batch's CRC checked. What kafka-dump-log prints is built from these.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32c } from './crc.js';
import { readInt64 } from './encoder.js';
import { decompress } from './codecs.js';
import { readVarint } from './varint.js';

/** The fixed part of a v2 batch header (offset, length, epoch, magic, crc, attributes, ... count). */
const HEADER = 61;
/** baseOffset and batchLength: what every message format starts with. */
const LOG_OVERHEAD = 12;

export interface SegmentBatch {
  /** Where the batch starts in the file. */
  position: number;
  baseOffset: number;
  lastOffset: number;
  /** Bytes of the batch, its offset and length fields included. */
  sizeInBytes: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  /** Whether the CRC stored matches the bytes after it. */
  crcValid: boolean;
  compression: number;
  logAppendTime: boolean;
  transactional: boolean;
  control: boolean;
  /** The base timestamp when the delete horizon flag is set (compacted tombstones), else null. */
  deleteHorizonMs: number | null;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  lastSequence: number;
  count: number;
  /** The records' section as stored (compressed when the batch is). */
  records: Buffer;
}

export interface SegmentRecord {
  offset: number;
  timestamp: number;
  /** -1 for a batch without a producer id, as Kafka's DefaultRecord.sequence(). */
  sequence: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[string, Buffer | null]>;
  sizeInBytes: number;
}

/** A batch whose size field cannot be (Kafka's CorruptRecordException). */
export class CorruptSegmentError extends Error {}

/** A batch of an older message format (v0, v1), which kfk does not read. */
export class LegacyFormatError extends Error {}

/**
 * Each batch of the segment file in turn, from `start` (0) to the end of the file or the first
 * `maxBytes` of it (the batches that end within them).
 */
export function* segmentBatches(file: string, opts: { start?: number; maxBytes?: number } = {}): Generator<SegmentBatch> {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const limit = Math.min(size, opts.maxBytes ?? Number.MAX_SAFE_INTEGER);
    const head = Buffer.alloc(HEADER);
    let pos = opts.start ?? 0;
    while (pos < limit) {
      // FileLogInputStream: no batch where its offset, size, leader epoch and magic do not fit.
      if (pos + 17 >= limit) break;
      const got = readSync(fd, head, 0, HEADER, pos);
      const batchLength = head.readInt32BE(8);
      if (batchLength < 14) throw new CorruptSegmentError(`Found record size ${batchLength} smaller than minimum record overhead (14) in file ${file}.`);
      const total = LOG_OVERHEAD + batchLength;
      // Only whole batches within the bytes asked for (FileRecords.slice).
      if (pos + total > limit) break;
      // Magic 2 and above are record batches (as Kafka reads them); 0 and 1 the old message sets.
      const magic = head[16];
      if (magic < 2) throw new LegacyFormatError(`message format v${magic} at position ${pos}: kfk reads record batches (v2, Kafka 0.11 and later) only`);
      if (got < HEADER || batchLength < HEADER - LOG_OVERHEAD) break;
      // The whole batch in one buffer: its CRC covers it from the attributes on.
      const batch = Buffer.allocUnsafe(total);
      readSync(fd, batch, 0, total, pos);
      yield parseBatch(batch, pos);
      pos += total;
    }
  } finally {
    closeSync(fd);
  }
}

function parseBatch(batch: Buffer, position: number): SegmentBatch {
  const baseOffset = readInt64(batch, 0);
  const attributes = batch.readInt16BE(21);
  const lastOffsetDelta = batch.readInt32BE(23);
  const baseTimestamp = readInt64(batch, 27);
  const producerId = readInt64(batch, 43);
  const baseSequence = batch.readInt32BE(53);
  const crc = batch.readUInt32BE(17);
  // The CRC covers everything from the attributes to the end of the batch.
  const crcValid = crc32c(batch.subarray(21)) === crc;
  const hasDeleteHorizon = (attributes & 0x40) !== 0;
  return {
    position,
    baseOffset,
    lastOffset: baseOffset + lastOffsetDelta,
    sizeInBytes: batch.length,
    partitionLeaderEpoch: batch.readInt32BE(12),
    magic: batch[16],
    crc,
    crcValid,
    compression: attributes & 0x07,
    logAppendTime: (attributes & 0x08) !== 0,
    transactional: (attributes & 0x10) !== 0,
    control: (attributes & 0x20) !== 0,
    deleteHorizonMs: hasDeleteHorizon ? baseTimestamp : null,
    baseTimestamp,
    maxTimestamp: readInt64(batch, 35),
    producerId,
    producerEpoch: batch.readInt16BE(51),
    baseSequence,
    // DefaultRecordBatch.lastSequence: the base sequence plus the offset delta, wrapping at 2^31.
    lastSequence: baseSequence === -1 ? -1 : (baseSequence + lastOffsetDelta) % 0x80000000,
    count: batch.readInt32BE(57),
    records: batch.subarray(HEADER),
  };
}

/** The batch's records, decompressed when it is compressed. */
export async function batchRecords(b: SegmentBatch): Promise<SegmentRecord[]> {
  const section = b.compression === 0 ? b.records : await decompress(b.compression, b.records);
  const out: SegmentRecord[] = [];
  const pos = { off: 0 };
  for (let i = 0; i < b.count && pos.off < section.length; i++) {
    const start = pos.off;
    const length = readVarint(section, pos);
    const bodyStart = pos.off;
    pos.off++; // attributes
    const timestampDelta = readVarint(section, pos);
    const offsetDelta = readVarint(section, pos);
    const keyLength = readVarint(section, pos);
    const key = keyLength < 0 ? null : section.subarray(pos.off, pos.off + keyLength);
    pos.off += Math.max(keyLength, 0);
    const valueLength = readVarint(section, pos);
    const value = valueLength < 0 ? null : section.subarray(pos.off, pos.off + valueLength);
    pos.off += Math.max(valueLength, 0);
    const headerCount = readVarint(section, pos);
    const headers: Array<[string, Buffer | null]> = [];
    for (let h = 0; h < headerCount; h++) {
      const kl = readVarint(section, pos);
      const k = section.toString('utf8', pos.off, pos.off + kl);
      pos.off += kl;
      const vl = readVarint(section, pos);
      headers.push([k, vl < 0 ? null : section.subarray(pos.off, pos.off + vl)]);
      pos.off += Math.max(vl, 0);
    }
    pos.off = bodyStart + length;
    out.push({
      offset: b.baseOffset + offsetDelta,
      timestamp: b.logAppendTime ? b.maxTimestamp : b.baseTimestamp + timestampDelta,
      sequence: b.baseSequence === -1 ? -1 : (b.baseSequence + offsetDelta) % 0x80000000,
      key,
      value,
      headers,
      sizeInBytes: pos.off - start,
    });
  }
  return out;
}
