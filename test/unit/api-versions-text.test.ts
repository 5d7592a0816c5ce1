// kafka-broker-api-versions' text (NodeApiVersions#toString(true) after Node#toString), checked
// here against what Kafka 4.4's classes print; the e2e test compares the whole output with the tool.
import { describe, expect, it } from 'vitest';
import { apiVersionsText, apiVersionsToolText, usableVersion } from '../../src/format/api-versions-text.js';
import type { NodeApiVersions } from '../../src/kafka/admin/api-versions.js';

const node = (nodeId: number, host: string, port: number, rack: string | null = null): NodeApiVersions => ({ nodeId, host, port, rack, apis: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }], error: null, waitedMs: null });

describe('kafka-broker-api-versions text', () => {
  it('lists the offered APIs by key, the client APIs not offered as UNSUPPORTED, and an unknown key as UNKNOWN', () => {
    const text = apiVersionsText([
      { apiKey: 18, minVersion: 0, maxVersion: 4 },
      { apiKey: 0, minVersion: 3, maxVersion: 13 },
      { apiKey: 47, minVersion: 0, maxVersion: 0 },
      { apiKey: 4, minVersion: 0, maxVersion: 7 },
      { apiKey: 1, minVersion: 0, maxVersion: 2 },
      { apiKey: 300, minVersion: 0, maxVersion: 1 },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('(');
    expect(lines.at(-1)).toBe(')');
    expect(lines.slice(1, 7)).toEqual([
      '\tProduce(0): 3 to 13 [usable: 13],',
      '\tFetch(1): 0 to 2 [unusable: node too old],',
      '\tListOffsets(2): UNSUPPORTED,',
      '\tMetadata(3): UNSUPPORTED,',
      // Removed with ZooKeeper: Kafka 4.4's client has no version of it.
      '\tLeaderAndIsr(4): 0 to 7 [unusable: node too new],',
      // Not a client API: not listed where the broker does not offer it.
      '\tOffsetCommit(8): UNSUPPORTED,',
    ]);
    expect(lines).toContain('\tApiVersions(18): 0 to 4 [usable: 4],');
    expect(lines).toContain('\tOffsetDelete(47): 0 [usable: 0],');
    expect(lines).not.toContain('\tStopReplica(5): UNSUPPORTED,');
    expect(lines.at(-2)).toBe('\tUNKNOWN(300): 0 to 1');
    expect(lines.filter((l) => l.endsWith('UNSUPPORTED,') || l.endsWith('UNSUPPORTED')).length).toBe(79 - 4); // Kafka 4.4's 79 client APIs, less the 4 offered
  });

  it('uses the newest version both sides speak', () => {
    expect(usableVersion({ apiKey: 1, minVersion: 4, maxVersion: 17 })).toBe(17);
    expect(usableVersion({ apiKey: 1, minVersion: 4, maxVersion: 30 })).toBe(18);
    expect(usableVersion({ apiKey: 1000, minVersion: 0, maxVersion: 1 })).toBeNull();
  });

  it("orders the brokers as kafka-broker-api-versions' HashMap of nodes does (kafka-cluster: by id), and names one without an answer", () => {
    const brokers = [
      node(1, '127.0.0.1', 39151),
      node(2, '127.0.0.1', 39152),
      node(3, '127.0.0.1', 39153),
      node(4, 'kafka-4.example.com', 9092, 'rack-b'),
      { ...node(5, '127.0.0.1', 40000, 'r1'), apis: null, error: 'broker 5 did not answer within 5000 ms', waitedMs: 5000 },
      { ...node(6, '127.0.0.1', 40001), apis: null, error: 'cannot connect to 127.0.0.1:40001: connection refused', waitedMs: null },
    ];
    const heads = (text: string) => text.split('\n').filter((l) => l.includes(' -> '));
    // The order Kafka 4.4's Collectors.toMap gave these six nodes.
    expect(heads(apiVersionsToolText(brokers, true))).toEqual([
      'kafka-4.example.com:9092 (id: 4 rack: rack-b isFenced: false) -> (',
      '127.0.0.1:39153 (id: 3 rack: null isFenced: false) -> (',
      '127.0.0.1:40001 (id: 6 rack: null isFenced: false) -> ERROR: cannot connect to 127.0.0.1:40001: connection refused',
      '127.0.0.1:39151 (id: 1 rack: null isFenced: false) -> (',
      '127.0.0.1:39152 (id: 2 rack: null isFenced: false) -> (',
      // What kafka-broker-api-versions printed for a broker frozen past its request timeout.
      '127.0.0.1:40000 (id: 5 rack: r1 isFenced: false) -> ERROR: org.apache.kafka.common.errors.TimeoutException: Failed to send request after 5000 ms.',
    ]);
    expect(heads(apiVersionsToolText(brokers)).map((l) => /id: (\d+)/.exec(l)![1])).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
