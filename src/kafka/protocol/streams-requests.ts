// Streams group requests (KIP-1071, Kafka 4.1+), which kafkajs lacks: a request/response object
// for kafkajs' Connection.send, as in share-requests.ts. Flexible versions only.
//
//   StreamsGroupDescribe v0-v1 (key 89): a group's topology (its subtopologies and their topics),
//   members with their tasks, epochs; v1 adds the assignor's name (and a topology description
//   from a broker plugin, which kfk does not ask for)
//   (ListGroups with the type filter `streams`, OffsetFetch and DeleteGroups: group-requests.ts)
import type { KafkajsDecoder, ProtocolRequest } from '../wire/kafkajs-types.js';
import { flexibleRequest, readCompactArray, writeCompactArray } from './request.js';

type Dec = KafkajsDecoder;

/** One kind of a member's tasks: per subtopology, the partitions (task ids) it has. */
export interface StreamsTasks {
  subtopologyId: string;
  partitions: number[];
}

export interface StreamsAssignment {
  active: StreamsTasks[];
  standby: StreamsTasks[];
  warmup: StreamsTasks[];
}

export interface StreamsSubtopology {
  subtopologyId: string;
  sourceTopics: string[];
  repartitionSinkTopics: string[];
  stateChangelogTopics: string[];
  repartitionSourceTopics: string[];
}

export interface StreamsMember {
  memberId: string;
  memberEpoch: number;
  instanceId: string | null;
  rackId: string | null;
  clientId: string;
  clientHost: string;
  topologyEpoch: number;
  processId: string;
  assignment: StreamsAssignment;
  targetAssignment: StreamsAssignment;
  isClassic: boolean;
}

export interface DescribedStreamsGroup {
  errorCode: number;
  errorMessage: string | null;
  group: string;
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  /** null: the group has no topology yet. */
  topology: { epoch: number; subtopologies: StreamsSubtopology[] } | null;
  members: StreamsMember[];
  /** v1+; null before, or when the broker names none. */
  assignorName: string | null;
}

const str = (d: Dec) => d.readUVarIntString() as string | null;
const tagged = <T>(d: Dec, value: T): T => {
  d.readTaggedFields();
  return value;
};
const strings = (d: Dec) => readCompactArray(d, () => str(d) ?? '');
const keyValues = (d: Dec) => readCompactArray(d, () => tagged(d, { key: str(d), value: str(d) }));

/** TopicInfo: a topic's name (its partitions, replication factor and configs skipped). */
function topicName(d: Dec): string {
  const name = str(d) ?? '';
  d.readInt32(); // partitions
  d.readInt16(); // replication factor
  keyValues(d);
  d.readTaggedFields();
  return name;
}

function readTasks(d: Dec): StreamsTasks[] {
  return readCompactArray(d, () => tagged(d, { subtopologyId: str(d) ?? '', partitions: readCompactArray(d, () => d.readInt32()) }));
}

function readAssignment(d: Dec): StreamsAssignment {
  return tagged(d, { active: readTasks(d), standby: readTasks(d), warmup: readTasks(d) });
}

function readMember(d: Dec): StreamsMember {
  const memberId = str(d) ?? '';
  const memberEpoch = d.readInt32();
  const instanceId = str(d);
  const rackId = str(d);
  const clientId = str(d) ?? '';
  const clientHost = str(d) ?? '';
  const topologyEpoch = d.readInt32();
  const processId = str(d) ?? '';
  if (d.readInt8() >= 0) {
    // The user endpoint (host, port) of interactive queries.
    str(d);
    d.readInt16();
    d.readTaggedFields();
  }
  keyValues(d); // client tags
  const taskOffsets = () => readCompactArray(d, () => tagged(d, { subtopologyId: str(d), partition: d.readInt32(), offset: d.readInt64() }));
  taskOffsets();
  taskOffsets(); // task end offsets
  const assignment = readAssignment(d);
  const targetAssignment = readAssignment(d);
  const isClassic = d.readBoolean();
  d.readTaggedFields();
  return { memberId, memberEpoch, instanceId, rackId, clientId, clientHost, topologyEpoch, processId, assignment, targetAssignment, isClassic };
}

export function streamsGroupDescribe(version: number, groups: string[]): ProtocolRequest {
  return flexibleRequest('StreamsGroupDescribe', version, {
    encode: (e) => {
      writeCompactArray(e, groups, (g) => e.writeUVarIntString(g));
      e.writeBoolean(false); // authorized operations
      if (version >= 1) e.writeBoolean(false); // the topology description of a broker plugin
    },
    decode: (d): DescribedStreamsGroup[] => {
      d.readInt32(); // throttle
      return readCompactArray(d, (): DescribedStreamsGroup => {
        const errorCode = d.readInt16();
        const errorMessage = str(d);
        const group = str(d) ?? '';
        const state = str(d) ?? '';
        const groupEpoch = d.readInt32();
        const assignmentEpoch = d.readInt32();
        let topology: DescribedStreamsGroup['topology'] = null;
        if (d.readInt8() >= 0) {
          const epoch = d.readInt32();
          const subtopologies =
            d.readUVarIntArray(() =>
              tagged(d, {
                subtopologyId: str(d) ?? '',
                sourceTopics: strings(d),
                repartitionSinkTopics: strings(d),
                stateChangelogTopics: readCompactArray(d, () => topicName(d)),
                repartitionSourceTopics: readCompactArray(d, () => topicName(d)),
              }),
            ) ?? [];
          d.readTaggedFields();
          topology = { epoch, subtopologies };
        }
        const members = readCompactArray(d, () => readMember(d));
        d.readInt32(); // authorized operations
        let assignorName: string | null = null;
        if (version >= 1) {
          // Not asked for: the broker sends none (-1).
          if (d.readInt8() >= 0) throw new Error('StreamsGroupDescribe: a topology description that was not asked for');
          d.readInt8(); // its status
          assignorName = str(d);
        }
        d.readTaggedFields();
        return { errorCode, errorMessage, group, state, groupEpoch, assignmentEpoch, topology, members, assignorName };
      });
    },
  });
}
