// Kafka's coordinator-record formatters (OffsetsMessageFormatter, GroupMetadataMessageFormatter,
// TransactionLogMessageFormatter, ShareGroupMessageFormatter, ShareGroupStateMessageFormatter): one JSON document per record of an internal topic,
// `{"key":{"type":T,"data":{...}},"value":{"version":V,"data":{...}}}`, with nothing between
// records, as Kafka 4.4's console consumer prints them (Jackson's compact JSON).
import { KfkError } from '../errors.js';
import {
  CoordinatorStruct,
  Uuid,
  readMessage,
  supportsVersion,
  type CoordinatorRecordType,
  type CoordinatorValue,
} from '../kafka/protocol/coordinator-records.js';
import { GROUP_RECORD_TYPES, SHARE_GROUP_RECORD_TYPES, SHARE_STATE_RECORD_TYPES, TRANSACTION_RECORD_TYPES } from '../kafka/protocol/coordinator-schemas.js';

export type CoordinatorFormatter = 'offsets' | 'group-metadata' | 'transaction-log' | 'share-group' | 'share-group-state';

const FORMATTERS: Record<CoordinatorFormatter, { types: CoordinatorRecordType[]; allowed: (type: number) => boolean }> = {
  offsets: { types: GROUP_RECORD_TYPES, allowed: (t) => t === 0 || t === 1 },
  'group-metadata': { types: GROUP_RECORD_TYPES, allowed: (t) => t === 2 },
  'transaction-log': { types: TRANSACTION_RECORD_TYPES, allowed: () => true },
  'share-group': { types: SHARE_GROUP_RECORD_TYPES, allowed: () => true },
  'share-group-state': { types: SHARE_STATE_RECORD_TYPES, allowed: () => true },
};

/** TransactionState names, by id; an unknown id prints as its number. */
const TRANSACTION_STATES = ['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence'];

/** Jackson's string escaping: JSON's, with upper-case hex in \u escapes. */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`);
}

function json(v: CoordinatorValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Buffer.isBuffer(v)) return `"${v.toString('base64')}"`;
  if (v instanceof Uuid) return `"${v.toString()}"`;
  if (v instanceof CoordinatorStruct) return `{${v.fields.map(([k, x]) => `${jsonString(k)}:${json(x)}`).join(',')}}`;
  return `[${v.map(json).join(',')}]`;
}

/**
 * The JSON document of one record, or undefined when the formatter prints nothing for it (a
 * null key, a record type it does not show, a type unknown to Kafka 4.4).
 */
export function formatCoordinatorRecord(kind: CoordinatorFormatter, key: Buffer | null, value: Buffer | null, offset: number): Buffer | undefined {
  if (key === null) return undefined;
  const { types, allowed } = FORMATTERS[kind];
  const fail = (why: string) => new KfkError(`Could not read record at offset ${offset} due to: ${why}`);
  if (key.length < 2) throw fail('the key has no record type');
  const type = key.readInt16BE(0);
  const rt = types.find((t) => t.type === type);
  if (!rt || !allowed(type)) return undefined;
  try {
    const keyData = readMessage(key.subarray(2), rt.key, 0);
    let valueJson = 'null';
    if (value !== null) {
      if (value.length < 2) throw new Error('the value has no version');
      const version = value.readInt16BE(0);
      if (!supportsVersion(rt.value, version)) throw new Error(`unknown version ${version} of ${rt.value.name}`);
      const data = readMessage(value.subarray(2), rt.value, version);
      if (kind === 'transaction-log') {
        const status = data.get('transactionStatus') as number;
        data.set('transactionStatus', TRANSACTION_STATES[status] ?? String(status));
      }
      valueJson = `{"version":${version},"data":${json(data)}}`;
    }
    return Buffer.from(`{"key":{"type":${type},"data":${json(keyData)}},"value":${valueJson}}`);
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
}
