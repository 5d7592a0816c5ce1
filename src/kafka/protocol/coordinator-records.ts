// The records Kafka's coordinators write to their internal topics (__consumer_offsets,
// __transaction_state): the key starts with an int16 record type, the value with an int16
// version, and the rest is a message in Kafka's protocol encoding (compact strings, arrays and
// tagged fields from a schema's first flexible version). The schemas below follow Kafka 4.4's
// message definitions (OffsetCommitKey/Value, GroupMetadataKey/Value, TransactionLogKey/Value,
// the share group records and ShareSnapshot/ShareUpdate of __share_group_state).

/** A decoded message: fields in schema order, with Kafka's camelCase JSON names. */
export type CoordinatorValue = null | number | bigint | string | boolean | Buffer | Uuid | CoordinatorValue[] | CoordinatorStruct;
export class CoordinatorStruct {
  constructor(readonly fields: Array<[string, CoordinatorValue]>) {}
  get(name: string): CoordinatorValue | undefined {
    return this.fields.find(([n]) => n === name)?.[1];
  }
  set(name: string, v: CoordinatorValue): void {
    const e = this.fields.find(([n]) => n === name);
    if (e) e[1] = v;
  }
}

export class Uuid {
  constructor(readonly bytes: Buffer) {}
  /** Kafka's Uuid.toString: URL-safe base64 without padding. */
  toString(): string {
    return this.bytes.toString('base64url');
  }
  isZero(): boolean {
    return this.bytes.every((b) => b === 0);
  }
}

type Scalar = 'int8' | 'int16' | 'int32' | 'int64' | 'string' | 'bytes' | 'uuid' | 'bool';
interface Field {
  name: string;
  type: Scalar | '[]int32' | '[]string' | '[]struct';
  /** Versions the field is in: "0+", "3+", "1", "0-4". */
  versions: string;
  nullable?: string;
  /** A tagged field: its tag, and the default that is not written (nor printed). */
  tag?: number;
  default?: number | string | null;
  fields?: Field[];
}
export interface MessageSchema {
  name: string;
  versions: string;
  /** First flexible version, or undefined for none. */
  flexibleFrom?: number;
  fields: Field[];
}

function inVersions(range: string | undefined, v: number): boolean {
  if (range === undefined || range === 'none') return false;
  if (range.endsWith('+')) return v >= Number(range.slice(0, -1));
  const [lo, hi] = range.split('-').map(Number);
  return hi === undefined ? v === lo : v >= lo && v <= hi;
}

const f = (name: string, type: Field['type'], versions: string, extra: Partial<Field> = {}): Field => ({ name, type, versions, ...extra });

const OFFSET_COMMIT_KEY: MessageSchema = { name: 'OffsetCommitKey', versions: '0', fields: [f('group', 'string', '0'), f('topic', 'string', '0'), f('partition', 'int32', '0')] };
const LEGACY_OFFSET_COMMIT_VALUE: MessageSchema = { name: 'LegacyOffsetCommitValue', versions: '0', fields: [f('offset', 'int64', '0'), f('metadata', 'string', '0'), f('commitTimestamp', 'int64', '0')] };
const OFFSET_COMMIT_VALUE: MessageSchema = {
  name: 'OffsetCommitValue',
  versions: '0-4',
  flexibleFrom: 4,
  fields: [
    f('offset', 'int64', '0+'),
    f('leaderEpoch', 'int32', '3+'),
    f('metadata', 'string', '0+'),
    f('commitTimestamp', 'int64', '0+'),
    f('expireTimestamp', 'int64', '1'),
    f('topicId', 'uuid', '4+', { tag: 0, default: null }),
  ],
};
const GROUP_METADATA_KEY: MessageSchema = { name: 'GroupMetadataKey', versions: '0', fields: [f('group', 'string', '0')] };
const GROUP_METADATA_VALUE: MessageSchema = {
  name: 'GroupMetadataValue',
  versions: '0-4',
  flexibleFrom: 4,
  fields: [
    f('protocolType', 'string', '0+'),
    f('generation', 'int32', '0+'),
    f('protocol', 'string', '0+', { nullable: '0+' }),
    f('leader', 'string', '0+', { nullable: '0+' }),
    f('currentStateTimestamp', 'int64', '2+'),
    f('members', '[]struct', '0+', {
      fields: [
        f('memberId', 'string', '0+'),
        f('groupInstanceId', 'string', '3+', { nullable: '3+' }),
        f('clientId', 'string', '0+'),
        f('clientHost', 'string', '0+'),
        f('rebalanceTimeout', 'int32', '1+'),
        f('sessionTimeout', 'int32', '0+'),
        f('subscription', 'bytes', '0+'),
        f('assignment', 'bytes', '0+'),
      ],
    }),
  ],
};
const TRANSACTION_LOG_KEY: MessageSchema = { name: 'TransactionLogKey', versions: '0', fields: [f('transactionalId', 'string', '0')] };
const TRANSACTION_LOG_VALUE: MessageSchema = {
  name: 'TransactionLogValue',
  versions: '0-1',
  flexibleFrom: 1,
  fields: [
    f('producerId', 'int64', '0+'),
    f('previousProducerId', 'int64', '1+', { tag: 0, default: -1 }),
    f('nextProducerId', 'int64', '1+', { tag: 1, default: -1 }),
    f('producerEpoch', 'int16', '0+'),
    f('nextProducerEpoch', 'int16', '1+', { tag: 3, default: -1 }),
    f('transactionTimeoutMs', 'int32', '0+'),
    f('transactionStatus', 'int8', '0+'),
    f('transactionPartitions', '[]struct', '0+', { nullable: '0+', fields: [f('topic', 'string', '0+'), f('partitionIds', '[]int32', '0+')] }),
    f('transactionLastUpdateTimestampMs', 'int64', '0+'),
    f('transactionStartTimestampMs', 'int64', '0+'),
    f('clientTransactionVersion', 'int16', '1+', { tag: 2, default: 0 }),
  ],
};

// Share groups (KIP-932): the group coordinator's records of share groups on __consumer_offsets
// (types 10-15), and the share coordinator's on __share_group_state (ShareSnapshot, ShareUpdate).
const GROUP_KEY = (name: string): MessageSchema => ({ name, versions: '0', fields: [f('groupId', 'string', '0')] });
const GROUP_MEMBER_KEY = (name: string): MessageSchema => ({ name, versions: '0', fields: [f('groupId', 'string', '0'), f('memberId', 'string', '0')] });
const TOPIC_PARTITIONS = (name: string) => f(name, '[]struct', '0+', { fields: [f('topicId', 'uuid', '0+'), f('partitions', '[]int32', '0+')] });
const TOPIC_METADATA = (name: string, withPartitions: boolean) =>
  f(name, '[]struct', '0+', { fields: [f('topicId', 'uuid', '0+'), f('topicName', 'string', '0+'), ...(withPartitions ? [f('partitions', '[]int32', '0+')] : [])] });
const SHARE_KEY = (name: string): MessageSchema => ({ name, versions: '0', fields: [f('groupId', 'string', '0'), f('topicId', 'uuid', '0'), f('partition', 'int32', '0')] });
const STATE_BATCHES = f('stateBatches', '[]struct', '0+', { fields: [f('firstOffset', 'int64', '0+'), f('lastOffset', 'int64', '0+'), f('deliveryState', 'int8', '0+'), f('deliveryCount', 'int16', '0+')] });
const flexible = (name: string, fields: Field[]): MessageSchema => ({ name, versions: '0', flexibleFrom: 0, fields });

/** A record type of a coordinator's topic: its key and value schemas. */
export interface CoordinatorRecordType {
  type: number;
  key: MessageSchema;
  value: MessageSchema;
}

/** __consumer_offsets record types of the classic group coordinator (KIP-848's types follow them). */
export const GROUP_RECORD_TYPES: CoordinatorRecordType[] = [
  { type: 0, key: { ...OFFSET_COMMIT_KEY, name: 'LegacyOffsetCommitKey' }, value: LEGACY_OFFSET_COMMIT_VALUE },
  { type: 1, key: OFFSET_COMMIT_KEY, value: OFFSET_COMMIT_VALUE },
  { type: 2, key: GROUP_METADATA_KEY, value: GROUP_METADATA_VALUE },
];
/** __consumer_offsets record types of share groups (what ShareGroupMessageFormatter shows). */
export const SHARE_GROUP_RECORD_TYPES: CoordinatorRecordType[] = [
  {
    type: 10,
    key: GROUP_MEMBER_KEY('ShareGroupMemberMetadataKey'),
    value: flexible('ShareGroupMemberMetadataValue', [f('rackId', 'string', '0+', { nullable: '0+' }), f('clientId', 'string', '0+'), f('clientHost', 'string', '0+'), f('subscribedTopicNames', '[]string', '0+')]),
  },
  { type: 11, key: GROUP_KEY('ShareGroupMetadataKey'), value: flexible('ShareGroupMetadataValue', [f('epoch', 'int32', '0+'), f('metadataHash', 'int64', '0+')]) },
  {
    type: 12,
    key: GROUP_KEY('ShareGroupTargetAssignmentMetadataKey'),
    value: flexible('ShareGroupTargetAssignmentMetadataValue', [f('assignmentEpoch', 'int32', '0+'), f('assignmentTimestamp', 'int64', '0+', { tag: 0, default: -1 })]),
  },
  { type: 13, key: GROUP_MEMBER_KEY('ShareGroupTargetAssignmentMemberKey'), value: flexible('ShareGroupTargetAssignmentMemberValue', [TOPIC_PARTITIONS('topicPartitions')]) },
  {
    type: 14,
    key: GROUP_MEMBER_KEY('ShareGroupCurrentMemberAssignmentKey'),
    value: flexible('ShareGroupCurrentMemberAssignmentValue', [f('memberEpoch', 'int32', '0+'), f('previousMemberEpoch', 'int32', '0+'), f('state', 'int8', '0+'), TOPIC_PARTITIONS('assignedPartitions')]),
  },
  {
    type: 15,
    key: GROUP_KEY('ShareGroupStatePartitionMetadataKey'),
    value: flexible('ShareGroupStatePartitionMetadataValue', [TOPIC_METADATA('initializingTopics', true), TOPIC_METADATA('initializedTopics', true), TOPIC_METADATA('deletingTopics', false)]),
  },
];
/** __share_group_state record types (ShareGroupStateMessageFormatter). */
export const SHARE_STATE_RECORD_TYPES: CoordinatorRecordType[] = [
  {
    type: 0,
    key: SHARE_KEY('ShareSnapshotKey'),
    value: flexible('ShareSnapshotValue', [
      f('snapshotEpoch', 'int32', '0+'),
      f('stateEpoch', 'int32', '0+'),
      f('leaderEpoch', 'int32', '0+'),
      f('startOffset', 'int64', '0+'),
      // A tagged field, printed where the message definition has it.
      f('deliveryCompleteCount', 'int32', '0+', { tag: 0, default: -1 }),
      f('createTimestamp', 'int64', '0+'),
      f('writeTimestamp', 'int64', '0+'),
      STATE_BATCHES,
    ]),
  },
  {
    type: 1,
    key: SHARE_KEY('ShareUpdateKey'),
    value: flexible('ShareUpdateValue', [f('snapshotEpoch', 'int32', '0+'), f('leaderEpoch', 'int32', '0+'), f('startOffset', 'int64', '0+'), f('deliveryCompleteCount', 'int32', '0+', { tag: 0, default: -1 }), STATE_BATCHES]),
  },
];
export const TRANSACTION_RECORD_TYPES: CoordinatorRecordType[] = [{ type: 0, key: TRANSACTION_LOG_KEY, value: TRANSACTION_LOG_VALUE }];

export class CoordinatorRecordError extends Error {}

class Reader {
  off = 0;
  constructor(readonly b: Buffer) {}
  need(n: number) {
    if (this.off + n > this.b.length) throw new CoordinatorRecordError('the record ends early');
  }
  int8() { this.need(1); return this.b.readInt8(this.off++); }
  int16() { this.need(2); const v = this.b.readInt16BE(this.off); this.off += 2; return v; }
  int32() { this.need(4); const v = this.b.readInt32BE(this.off); this.off += 4; return v; }
  int64() { this.need(8); const v = this.b.readBigInt64BE(this.off); this.off += 8; return v; }
  uvarint() {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      this.need(1);
      const byte = this.b[this.off++];
      v += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return v;
      if (shift > 28) throw new CoordinatorRecordError('a varint is too long');
    }
  }
  bytes(n: number) { this.need(n); const v = this.b.subarray(this.off, this.off + n); this.off += n; return v; }
}

function readField(r: Reader, fd: Field, version: number, flexible: boolean): CoordinatorValue {
  const length = (compact: boolean, wide: boolean) => (compact ? r.uvarint() - 1 : wide ? r.int32() : r.int16());
  switch (fd.type) {
    case 'int8': return r.int8();
    case 'int16': return r.int16();
    case 'int32': return r.int32();
    case 'int64': return r.int64();
    case 'bool': return r.int8() !== 0;
    case 'uuid': return new Uuid(Buffer.from(r.bytes(16)));
    case 'string': {
      const n = length(flexible, false);
      return n < 0 ? null : r.bytes(n).toString('utf8');
    }
    case 'bytes': {
      const n = length(flexible, true);
      return n < 0 ? null : Buffer.from(r.bytes(n));
    }
    case '[]int32':
    case '[]string':
    case '[]struct': {
      const n = length(flexible, true);
      if (n < 0) return null;
      const items: CoordinatorValue[] = [];
      for (let i = 0; i < n; i++) {
        if (fd.type === '[]int32') items.push(r.int32());
        else if (fd.type === '[]string') {
          const len = length(flexible, false);
          items.push(len < 0 ? null : r.bytes(len).toString('utf8'));
        } else items.push(readStruct(r, fd.fields!, version, flexible));
      }
      return items;
    }
  }
}

function readStruct(r: Reader, fields: Field[], version: number, flexible: boolean): CoordinatorStruct {
  const out: Array<[string, CoordinatorValue]> = [];
  const tagged = new Map<number, Field>();
  for (const fd of fields) {
    if (!inVersions(fd.versions, version)) continue;
    if (fd.tag !== undefined) {
      tagged.set(fd.tag, fd);
      out.push([fd.name, fd.default ?? null]);
      continue;
    }
    out.push([fd.name, readField(r, fd, version, flexible)]);
  }
  if (flexible) {
    const count = r.uvarint();
    for (let i = 0; i < count; i++) {
      const tag = r.uvarint();
      const size = r.uvarint();
      const fd = tagged.get(tag);
      const body = new Reader(r.bytes(size));
      if (fd) out.find(([n]) => n === fd.name)![1] = readField(body, fd, version, true);
    }
  }
  // Tagged fields at their default are not printed (Kafka's JSON converters skip them).
  return new CoordinatorStruct(out.filter(([name, v]) => {
    const fd = tagged.size ? fields.find((x) => x.name === name && x.tag !== undefined) : undefined;
    if (!fd) return true;
    if (v instanceof Uuid) return !v.isZero();
    return v !== null && String(v) !== String(fd.default);
  }));
}

/** Reads a message of `schema` at `version` from the whole of `b`. */
export function readMessage(b: Buffer, schema: MessageSchema, version: number): CoordinatorStruct {
  const flexible = schema.flexibleFrom !== undefined && version >= schema.flexibleFrom;
  return readStruct(new Reader(b), schema.fields, version, flexible);
}

export function supportsVersion(schema: MessageSchema, version: number): boolean {
  return inVersions(schema.versions, version);
}
