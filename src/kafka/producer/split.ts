// Splitting a batch the broker refused as too large (MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE):
// its records, decoded back, go into new batches of at most `limit` bytes each, in order, each
// with the tags (input lines) of its own records.
import { BatchBuilder } from '../records/encoder.js';
import type { DecodedRecord } from '../records/decoder.js';
import { Tags } from './tags.js';

export interface SplitPart {
  builder: BatchBuilder;
  tags: Tags;
}

/**
 * `limit` is half the refused batch's size, however small: a floor above the topic's
 * max.message.bytes would split into batches as large as before, forever. A record that does not
 * fit starts the next batch; a first record always fits.
 */
export function splitRecords(records: DecodedRecord[], tags: Tags, limit: number): SplitPart[] {
  const parts: SplitPart[] = [{ builder: new BatchBuilder(limit), tags: new Tags() }];
  const allTags = tags.values(Infinity);
  records.forEach((r, i) => {
    const rec = { key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp };
    let last = parts[parts.length - 1];
    if (!last.builder.tryAppend(rec, r.timestamp)) {
      last = { builder: new BatchBuilder(limit), tags: new Tags() };
      last.builder.tryAppend(rec, r.timestamp);
      parts.push(last);
    }
    if (allTags[i] !== undefined) last.tags.add(allTags[i]);
  });
  if (parts.reduce((n, p) => n + p.builder.count, 0) !== records.length) throw new Error('internal error: a split batch lost records');
  if (records.length > 1 && parts.length < 2) throw new Error('internal error: a batch could not be split');
  return parts;
}
