// kfk partition reassign generate spreads replicas as Kafka's rack-unaware assignment does.
import { describe, expect, it } from 'vitest';
import { assignReplicas, assignReplicasRackAware, rackAlternatedBrokers } from '../../src/commands/partition/reassign/generate/run.js';

describe('assignReplicas (AdminUtils.assignReplicasToBrokersRackUnaware)', () => {
  it("gives Kafka's assignment for a fixed start (its own test's expectation)", () => {
    expect(assignReplicas(10, 3, [0, 1, 2, 3, 4], 0)).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1],
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2],
    ]);
  });

  it('a random start still puts each replica of a partition on a different broker', () => {
    for (let i = 0; i < 20; i++) for (const r of assignReplicas(7, 3, [1, 2, 3, 4])) expect(new Set(r).size).toBe(3);
    expect(() => assignReplicas(1, 4, [1, 2, 3])).toThrow('Replication factor: 4 larger than available brokers: 3.');
  });
});

describe('assignReplicasRackAware (AdminUtils.assignReplicasToBrokersRackAware)', () => {
  // AdminUtils' own example: 0 -> rack1, 1 -> rack3, 2 -> rack3, 3 -> rack2, 4 -> rack2, 5 -> rack1.
  const racks = new Map([[0, 'rack1'], [1, 'rack3'], [2, 'rack3'], [3, 'rack2'], [4, 'rack2'], [5, 'rack1']]);

  it("alternates racks and assigns as Kafka's documented example for a fixed start", () => {
    expect(rackAlternatedBrokers(racks)).toEqual([0, 3, 1, 5, 4, 2]);
    expect(assignReplicasRackAware(7, 3, racks, 0)).toEqual([
      [0, 3, 1],
      [3, 1, 5],
      [1, 5, 4],
      [5, 4, 2],
      [4, 2, 0],
      [2, 0, 3],
      [0, 4, 2],
    ]);
  });

  it('a random start puts each partition on as many racks as it can, on distinct brokers', () => {
    const two = new Map([[1, 'a'], [2, 'a'], [3, 'b']]);
    for (let i = 0; i < 50; i++) {
      for (const r of assignReplicasRackAware(6, 2, two)) expect(new Set(r.map((b) => two.get(b))).size).toBe(2);
      for (const r of assignReplicasRackAware(6, 3, racks)) {
        expect(new Set(r).size).toBe(3);
        expect(new Set(r.map((b) => racks.get(b))).size).toBe(3);
      }
    }
  });
});
