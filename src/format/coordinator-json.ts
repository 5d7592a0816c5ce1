// Kafka's coordinator-record formatters (OffsetsMessageFormatter, GroupMetadataMessageFormatter,
// TransactionLogMessageFormatter, ShareGroupMessageFormatter, ShareGroupStateMessageFormatter): one JSON document per record of an internal topic,
// `{"key":{"type":T,"data":{...}},"value":{"version":V,"data":{...}}}`, with nothing between
// records, as Kafka 4.4's console consumer prints them (Jackson's compact JSON).
import { KfkError } from '../errors.js';
import { javaDouble } from '../registry/formats/avro-numbers.js';
import {
  CoordinatorStruct,
  JavaDouble,
  Uuid,
  readMessage,
  readUnsignedVarint,
  supportsVersion,
  type CoordinatorRecordType,
  type CoordinatorValue,
  type MessageSchema,
} from '../kafka/protocol/coordinator-records.js';
import { CONSUMER_STREAMS_GROUP_RECORD_TYPES, CONTROL_RECORD_SCHEMAS, GROUP_RECORD_TYPES, METADATA_RECORD_TYPES, SHARE_GROUP_RECORD_TYPES, SHARE_STATE_RECORD_TYPES, TRANSACTION_RECORD_TYPES } from '../kafka/protocol/coordinator-schemas.js';

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
  if (v instanceof JavaDouble) return javaDouble(v.value);
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

/** ConsumerProtocolSubscription and ConsumerProtocolAssignment v0-v3 (Kafka's clients), as a classic group's members carry them. */
const TOPIC_PARTITION = [
  { name: 'topic', type: 'string', versions: '0+' },
  { name: 'partitions', type: '[]int32', versions: '0+' },
] as const;
const SUBSCRIPTION: MessageSchema = {
  name: 'ConsumerProtocolSubscription',
  versions: '0-3',
  fields: [
    { name: 'topics', type: '[]string', versions: '0+' },
    { name: 'userData', type: 'bytes', versions: '0+', nullable: '0+' },
    { name: 'ownedPartitions', type: '[]struct', versions: '1+', fields: [...TOPIC_PARTITION] },
    { name: 'generationId', type: 'int32', versions: '2+' },
    { name: 'rackId', type: 'string', versions: '3+', nullable: '3+' },
  ],
};
const ASSIGNMENT: MessageSchema = {
  name: 'ConsumerProtocolAssignment',
  versions: '0-3',
  fields: [
    { name: 'assignedPartitions', type: '[]struct', versions: '0+', fields: [...TOPIC_PARTITION] },
    { name: 'userData', type: 'bytes', versions: '0+', nullable: '0+' },
  ],
};

/** Every record type of __consumer_offsets: classic, consumer, share and streams groups. */
const ALL_GROUP_RECORD_TYPES = [...GROUP_RECORD_TYPES, ...CONSUMER_STREAMS_GROUP_RECORD_TYPES, ...SHARE_GROUP_RECORD_TYPES];

/**
 * One record of a coordinator's topic as kafka-dump-log's --offsets-decoder and
 * --transaction-log-decoder print it: `{"type":"2","data":{...}}` and `{"version":"3","data":{...}}`
 * (the type and version as strings), a tombstone's value as `<DELETE>`; a type the coordinator does
 * not know prints its key as `Unknown record type T at offset O, skipping.` and no value.
 */
export function dumpLogCoordinatorRecord(kind: 'offsets' | 'transaction-log' | 'share-group-state', key: Buffer | null, value: Buffer | null, offset: number): { key: string; payload?: string } {
  if (key === null) {
    const message = `Failed to decode message at offset ${offset} using the specified decoder (message had a missing key)`;
    throw Object.assign(new KfkError(message), { javaException: `java.lang.RuntimeException: ${message}` });
  }
  const types = kind === 'offsets' ? ALL_GROUP_RECORD_TYPES : kind === 'share-group-state' ? SHARE_STATE_RECORD_TYPES : TRANSACTION_RECORD_TYPES;
  const error = (why: string) => ({ key: `Error at offset ${offset}, skipping. ${why}` });
  if (key.length < 2) return error("Could not read version from key's buffer.");
  const type = key.readInt16BE(0);
  const rt = types.find((t) => t.type === type);
  if (!rt) return { key: `Unknown record type ${type} at offset ${offset}, skipping.` };
  let keyJson: string;
  try {
    keyJson = `{"type":"${type}","data":${json(readMessage(key.subarray(2), rt.key, 0))}}`;
  } catch {
    // Kafka's serde names the key's record type as its version here; a buffer underflow has no message.
    return error(`Could not read record with version ${type} from key's buffer due to: null.`);
  }
  if (value === null) return { key: keyJson, payload: '<DELETE>' };
  if (value.length < 2) return error("Could not read version from value's buffer.");
  const version = value.readInt16BE(0);
  let data: CoordinatorStruct;
  try {
    data = readMessage(value.subarray(2), rt.value, version);
  } catch {
    return error(`Could not read record with version ${version} from value's buffer due to: null.`);
  }
  if (kind === 'offsets' && type === 2 && data.get('protocolType') === 'consumer') {
    // A classic consumer group's members: their subscription and assignment as the consumer
    // protocol's JSON, where they parse (else the bytes' base64 stays).
    for (const m of (data.get('members') as CoordinatorStruct[] | null) ?? []) {
      for (const [field, schema] of [['subscription', SUBSCRIPTION], ['assignment', ASSIGNMENT]] as const) {
        const bytes = m.get(field);
        if (!Buffer.isBuffer(bytes) || bytes.length < 2 || bytes.readInt16BE(0) < 0) continue;
        try {
          m.set(field, readMessage(bytes.subarray(2), schema, Math.min(bytes.readInt16BE(0), 3)));
        } catch {
          /* stays base64 */
        }
      }
    }
  }
  if (kind === 'transaction-log') {
    const status = data.get('transactionStatus') as number;
    data.set('transactionStatus', TRANSACTION_STATES[status] ?? String(status));
  }
  return { key: keyJson, payload: `{"version":"${version}","data":${json(data)}}` };
}

/** An unsigned varint at `pos.off`, or -1 where the value ends before one. */
function uvarint(b: Buffer, pos: { off: number }): number {
  try {
    return readUnsignedVarint(b, pos);
  } catch {
    return -1;
  }
}

/**
 * A cluster metadata record's value as kafka-dump-log's --cluster-metadata-decoder prints it
 * (MetadataRecordSerde: a frame version, the record type and version, the record):
 * `{"type":"TOPIC_RECORD","version":0,"data":{...}}`, or its `Error at O, skipping. ...` line.
 */
export function dumpLogMetadataRecord(value: Buffer | null, offset: number): string {
  const error = (why: string) => `Error at ${offset}, skipping. ${why}`;
  const pos = { off: 0 };
  const frame = value === null ? -1 : uvarint(value, pos);
  if (frame < 0) return error('Error while reading frame version');
  if (frame !== 1) return error(`Could not deserialize metadata record due to unknown frame version ${frame}(only frame version 1 is supported)`);
  const type = uvarint(value!, pos);
  const version = uvarint(value!, pos);
  const rt = METADATA_RECORD_TYPES.find((t) => t.type === type);
  if (!rt) return error(`Could not deserialize metadata record due to unknown metadata id ${type}`);
  try {
    return `{"type":"${rt.name}","version":${version},"data":${json(readMessage(value!.subarray(pos.off), rt.schema, version))}}`;
  } catch {
    return error(`Could not deserialize metadata record type ${type} at version ${version}`);
  }
}

/** A KRaft control record's message (its value: a version, then the message) as JSON; undefined for a type without one. */
export function controlRecordJson(type: number, value: Buffer | null): string | undefined {
  const schema = CONTROL_RECORD_SCHEMAS[type];
  if (!schema || value === null || value.length < 2) return undefined;
  // The message starts with its own version field, and is read whole at that version.
  return json(readMessage(value, schema, value.readInt16BE(0)));
}
