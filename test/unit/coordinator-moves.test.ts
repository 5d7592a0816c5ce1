// unlessCoordinatorMoves (src/kafka/wire/coordinator.ts): a request to a group's coordinator is
// left once FindCoordinator names another broker, and not otherwise.
import { describe, expect, it } from 'vitest';
import { CoordinatorMoved, unlessCoordinatorMoves } from '../../src/kafka/wire/coordinator.js';
import type { KafkajsCluster } from '../../src/kafka/wire/client.js';

/** A cluster whose FindCoordinator answers the next of `answers` each time (the last one from then on). */
function namingCluster(answers: number[]): { cluster: KafkajsCluster; asked: () => number } {
  let asked = 0;
  const cluster = {
    findGroupCoordinatorMetadata: async () => ({ coordinator: { nodeId: answers[Math.min(asked++, answers.length - 1)], host: '127.0.0.1', port: 9092 } }),
  } as unknown as KafkajsCluster;
  return { cluster, asked: () => asked };
}

const never = new Promise<never>(() => undefined);
const later = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

describe('unlessCoordinatorMoves', () => {
  it('a request to a coordinator that answers nothing is left once the group moves', async () => {
    const { cluster } = namingCluster([3, 3, 1]);
    const err = await unlessCoordinatorMoves(cluster, 'g', 3, never, { everyMs: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoordinatorMoved);
    expect(err).toMatchObject({ from: 3, to: 1, retriable: true, message: "the coordinator of group 'g' moved from broker 3 to broker 1" });
  });

  it('a request that waits while FindCoordinator names the same broker gets its answer', async () => {
    const { cluster, asked } = namingCluster([3]);
    expect(await unlessCoordinatorMoves(cluster, 'g', 3, later(80, 'joined'), { everyMs: 10 })).toBe('joined');
    const n = asked();
    expect(n).toBeGreaterThan(2);
    await later(40, null);
    expect(asked()).toBe(n); // no more asking once answered
  });

  it('with no broker given, the first one named is the one compared with', async () => {
    const seen: number[] = [];
    const { cluster } = namingCluster([2, 2, 3]);
    const err = await unlessCoordinatorMoves(cluster, 'g', null, never, { everyMs: 10, named: (id) => seen.push(id) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ from: 2, to: 3 });
    expect(seen).toEqual([2, 2, 3]);
  });

  it('an answer before the first check asks nothing; a failure passes through as it is', async () => {
    const { cluster, asked } = namingCluster([1]);
    expect(await unlessCoordinatorMoves(cluster, 'g', 3, Promise.resolve(7), { everyMs: 10 })).toBe(7);
    await expect(unlessCoordinatorMoves(cluster, 'g', 3, Promise.reject(new Error('REBALANCE_IN_PROGRESS')), { everyMs: 10 })).rejects.toThrow('REBALANCE_IN_PROGRESS');
    await later(30, null);
    expect(asked()).toBe(0);
  });
});
