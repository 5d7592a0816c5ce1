// Committing a group's offsets from outside it (kfk group reset-offsets --execute) against a
// coordinator that is still loading the group (a broker that has just started) or has just
// moved: the commit is sent again, as Kafka's admin client does, within the command's timeout.
// The coordinator is a stand-in for kafkajs' broker; the real-broker proof is in
// test/e2e/group.test.ts and test/integration/kafka-layer.test.ts.
import { describe, expect, it } from 'vitest';
import { commitGroupOffsets } from '../../src/kafka/admin/groups.js';
import { brokerError } from '../../src/kafka/protocol/admin-requests.js';
import type { KafkaClient } from '../../src/kafka/wire/client.js';

function clientAnswering(answers: Array<number | 'throw-load'>, requestTimeout = 10_000) {
  const sent: unknown[] = [];
  const coordinator = {
    offsetCommit: async (request: unknown) => {
      sent.push(request);
      const next = answers.shift() ?? 0;
      // kafkajs throws the top-level error; a partition's error comes back in the answer.
      if (next === 'throw-load') throw brokerError(14, null);
      return { responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: next }] }] };
    },
  };
  const cluster = { findGroupCoordinator: async () => coordinator, refreshMetadata: async () => undefined };
  const client = { options: { requestTimeout }, cluster: async () => cluster, anyBroker: async () => coordinator } as unknown as KafkaClient;
  return { client, sent };
}

describe('commitGroupOffsets', () => {
  it('a coordinator still loading the group, or no longer its coordinator, is asked again until it takes the commit', async () => {
    const { client, sent } = clientAnswering(['throw-load', 14, 16, 0]);
    await commitGroupOffsets(client, 'g', [{ topic: 't', partition: 0, offset: 5 }]);
    expect(sent).toHaveLength(4);
    expect(sent[3]).toMatchObject({ groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0, offset: '5' }] }] });
  }, 20_000);

  it('gives up with the broker error once the timeout has passed', async () => {
    const { client, sent } = clientAnswering(Array(50).fill(14), 600);
    await expect(commitGroupOffsets(client, 'g', [{ topic: 't', partition: 0, offset: 5 }])).rejects.toThrow(/coordinator is loading/);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.length).toBeLessThan(5);
  });

  it('any other error fails at once', async () => {
    const { client, sent } = clientAnswering([25 /* UNKNOWN_MEMBER_ID */]);
    await expect(commitGroupOffsets(client, 'g', [{ topic: 't', partition: 0, offset: 5 }])).rejects.toThrow();
    expect(sent).toHaveLength(1);
  });
});
