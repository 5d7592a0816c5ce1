// Which broker takes a cluster-wide admin request (KafkaClient.anyBroker). Under KRaft the
// "controller" a Metadata answer names is any live broker, picked at random per answer, a broker
// that takes connections and answers nothing included until the controller fences it: the
// request goes to the broker that answered this client's Metadata. The cluster is a stand-in
// for kafkajs' (brokers by node id, the seed connection, the last Metadata answer); the
// real-broker proof is in test/faults/frozen3.test.ts ("topic describe with a broker just frozen").
import { describe, expect, it } from 'vitest';
import { KafkaClient } from '../../src/kafka/wire/client.js';
import { brokerAnswers } from '../../src/kafka/wire/metadata.js';

function clusterOf(o: { controllerId: number; seed: number; seedConnected?: boolean; unreachable?: number[] }) {
  const broker = (nodeId: number) => ({ nodeId, isConnected: () => (nodeId === o.seed ? o.seedConnected ?? true : false) });
  const brokers: Record<string, ReturnType<typeof broker>> = { 1: broker(1), 2: broker(2), 3: broker(3) };
  const findBroker = async ({ nodeId }: { nodeId: number }) => {
    if (o.unreachable?.includes(nodeId)) throw new Error(`broker ${nodeId} refused the connection`);
    return brokers[nodeId];
  };
  const cluster = {
    brokerPool: {
      seedBroker: brokers[o.seed],
      brokers,
      metadata: { controllerId: o.controllerId, brokers: [{ nodeId: 1 }, { nodeId: 2 }, { nodeId: 3 }] },
      findBroker,
      findConnectedBroker: async () => brokers[o.seed],
    },
    findBroker,
    findControllerBroker: async () => findBroker({ nodeId: o.controllerId }),
  };
  const client = { options: { brokers: ['127.0.0.1:9092'], requestTimeout: 10_000 }, cluster: async () => cluster };
  const anyBroker = () => KafkaClient.prototype.anyBroker.call(client as unknown as KafkaClient) as Promise<{ nodeId: number }>;
  return { cluster, anyBroker };
}

describe('KafkaClient.anyBroker', () => {
  it('is the broker that answered the Metadata, not the controller that answer names', async () => {
    const { anyBroker } = clusterOf({ controllerId: 2, seed: 1 });
    expect((await anyBroker()).nodeId).toBe(1);
  });

  it('skips a broker marked as not answering, the seed included, until it answers again', async () => {
    const { cluster, anyBroker } = clusterOf({ controllerId: 2, seed: 1 });
    brokerAnswers(cluster, 1, false);
    brokerAnswers(cluster, 2, false);
    expect((await anyBroker()).nodeId).toBe(3);
    brokerAnswers(cluster, 1, true);
    expect((await anyBroker()).nodeId).toBe(1);
  });

  it('without a connected seed: the first broker of the metadata that can be reached', async () => {
    const { anyBroker } = clusterOf({ controllerId: 3, seed: 1, seedConnected: false, unreachable: [1] });
    expect((await anyBroker()).nodeId).toBe(2);
  });
});
