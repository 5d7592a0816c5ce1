// kfk partition reassign generate spreads replicas as Kafka's rack-unaware assignment does.
import { describe, expect, it } from 'vitest';
import { assignReplicas } from '../../src/commands/partition/reassign/generate/run.js';

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
