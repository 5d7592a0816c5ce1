// Requests a KRaft controller answers on its own listener (KIP-919, `--bootstrap-controller`) and
// the quorum changes of KIP-853, plus the move of replicas between a broker's log directories.
//
//   DescribeCluster v1 (key 60, flexible): the cluster id and its brokers, or (endpoint type 2)
//     its controllers, as a controller's listener lists them
//   AddRaftVoter v0 (key 80), RemoveRaftVoter v0 (key 81), flexible: a dynamic quorum's voters
//   UnregisterController v0 (key 94), UnregisterBroker v0 (key 64), flexible: a controller's or a
//     broker's registration leaves the metadata
//   AlterReplicaLogDirs v1 (key 34): the log directory each replica of a broker should live in
import type { ProtocolRequest } from './admin-requests.js';
import { apiRequest, flexibleRequest, groupByTopic, readCompactArray, readTopicPartitions, writeCompactArray, writeTopicPartitions, writeUuid } from './request.js';

export const ENDPOINT_BROKERS = 1;
export const ENDPOINT_CONTROLLERS = 2;

export interface ClusterNodes {
  errorCode: number;
  errorMessage: string | null;
  clusterId: string;
  controllerId: number;
  /** `fenced`: a broker's fenced state (DescribeCluster v2; false otherwise). */
  nodes: Array<{ nodeId: number; host: string; port: number; rack: string | null; fenced: boolean }>;
}

/**
 * DescribeCluster v1, or v2 (Kafka 4.0+): then fenced brokers too when `includeFenced` is true,
 * and each broker's fenced state.
 */
export function describeClusterRequest(version: 1 | 2, endpointType: number, includeFenced = false): ProtocolRequest {
  const v2 = version >= 2;
  return flexibleRequest('DescribeCluster', version, {
    encode: (e) => {
      e.writeBoolean(false);
      e.writeInt8(endpointType);
      if (v2) e.writeBoolean(includeFenced);
    },
    decode: (d): ClusterNodes => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString();
      d.readInt8(); // the endpoint type described
      const clusterId = d.readUVarIntString() as string;
      const controllerId = d.readInt32();
      const nodes = readCompactArray(d, () => {
        const node = { nodeId: d.readInt32(), host: d.readUVarIntString() as string, port: d.readInt32(), rack: d.readUVarIntString() as string | null, fenced: v2 ? d.readBoolean() : false };
        d.readTaggedFields();
        return node;
      });
      d.readInt32(); // authorized operations
      return { errorCode, errorMessage, clusterId, controllerId, nodes };
    },
  });
}

export interface RaftVoterAnswer {
  errorCode: number;
  errorMessage: string | null;
}

const voterAnswer = (d: import('../wire/kafkajs-types.js').KafkajsDecoder): RaftVoterAnswer => {
  d.readInt32(); // throttle
  return { errorCode: d.readInt16(), errorMessage: d.readUVarIntString() };
};

export interface VoterListener {
  name: string;
  host: string;
  port: number;
}

export function addRaftVoterRequest(v: { clusterId: string | null; timeoutMs: number; voterId: number; directoryId: string; listeners: VoterListener[] }): ProtocolRequest {
  return flexibleRequest('AddRaftVoter', 0, {
    encode: (e) => {
      e.writeUVarIntString(v.clusterId);
      e.writeInt32(v.timeoutMs);
      e.writeInt32(v.voterId);
      writeUuid(e, v.directoryId);
      writeCompactArray(e, v.listeners, (l) => {
        e.writeUVarIntString(l.name);
        e.writeUVarIntString(l.host);
        e.writeInt16(l.port > 0x7fff ? l.port - 0x10000 : l.port); // uint16
        e.writeUVarInt(0);
      });
    },
    decode: voterAnswer,
  });
}

export function removeRaftVoterRequest(v: { clusterId: string | null; voterId: number; directoryId: string }): ProtocolRequest {
  return flexibleRequest('RemoveRaftVoter', 0, {
    encode: (e) => {
      e.writeUVarIntString(v.clusterId);
      e.writeInt32(v.voterId);
      writeUuid(e, v.directoryId);
    },
    decode: voterAnswer,
  });
}

/** UnregisterBroker v0 (key 64) or UnregisterController v0 (key 94), flexible: the node's registration leaves the cluster metadata. */
function unregisterRequest(api: 'UnregisterBroker' | 'UnregisterController', nodeId: number): ProtocolRequest {
  return flexibleRequest(api, 0, {
    encode: (e) => {
      e.writeInt32(nodeId);
    },
    decode: voterAnswer,
  });
}

export const unregisterBrokerRequest = (brokerId: number): ProtocolRequest => unregisterRequest('UnregisterBroker', brokerId);
export const unregisterControllerRequest = (controllerId: number): ProtocolRequest => unregisterRequest('UnregisterController', controllerId);

export interface LogDirMove {
  topic: string;
  partition: number;
  /** The absolute path of the log directory the replica should move to. */
  path: string;
}

/** AlterReplicaLogDirs v1: each replica's error code (0: moving, or already there). */
export function alterReplicaLogDirsRequest(moves: LogDirMove[]): ProtocolRequest {
  const byPath = new Map<string, LogDirMove[]>();
  for (const m of moves) (byPath.get(m.path) ?? byPath.set(m.path, []).get(m.path)!).push(m);
  return apiRequest('AlterReplicaLogDirs', 1, {
    encode: (e) => {
      e.writeInt32(byPath.size);
      for (const [path, ms] of byPath) {
        e.writeString(path);
        writeTopicPartitions(e, [...groupByTopic(ms)], (m) => e.writeInt32(m.partition));
      }
    },
    decode: (d): Array<{ topic: string; partition: number; errorCode: number }> => {
      d.readInt32(); // throttle
      return readTopicPartitions(d, (topic, partition) => ({ topic, partition, errorCode: d.readInt16() }));
    },
  });
}
