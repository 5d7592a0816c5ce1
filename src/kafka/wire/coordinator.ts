// A request to a group's coordinator that may wait long on purpose (a JoinGroup waits for the
// group's other members, up to the rebalance timeout) cannot be bounded by a short timeout. When
// the coordinator stops answering (a stopped process, a full disk), the cluster moves the group
// to another broker once the controller fences it; the request sent to the old one waits on.
// FindCoordinator, asked again while it waits, tells the two apart.
import type { KafkajsCluster } from './client.js';
import { withDeadline } from './deadline.js';

/** FindCoordinator names another broker than the one a request went to: the group moved. */
export class CoordinatorMoved extends Error {
  override name = 'KfkCoordinatorMoved';
  readonly retriable = true;
  constructor(
    readonly from: number,
    readonly to: number,
    groupId: string,
  ) {
    super(`the coordinator of group '${groupId}' moved from broker ${from} to broker ${to}`);
  }
}

/** How long a request to the coordinator goes unchecked, then how often FindCoordinator is asked. */
export const COORDINATOR_CHECK_MS = 1000;

export interface CoordinatorCheck {
  /** How often FindCoordinator is asked while the request waits (the first time after as long). */
  everyMs?: number;
  coordinatorType?: number;
  /** Told each broker FindCoordinator names. */
  named?: (nodeId: number) => void;
}

/**
 * `request`, sent to broker `nodeId` as the coordinator of `groupId` (null: the broker
 * FindCoordinator names the first time it is asked); or, once FindCoordinator (asked every
 * `everyMs` while it waits, each ask bounded by the same time) names another broker, a rejection
 * with CoordinatorMoved. The request's own answer, if it comes later, is dropped.
 */
export function unlessCoordinatorMoves<T>(cluster: KafkajsCluster, groupId: string, nodeId: number | null, request: Promise<T>, check: CoordinatorCheck = {}): Promise<T> {
  const { everyMs = COORDINATOR_CHECK_MS, coordinatorType = 0, named } = check;
  let sentTo = nodeId;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      done = true;
      clearTimeout(timer);
    };
    request.then(
      (v) => {
        if (done) return;
        finish();
        resolve(v);
      },
      (err: unknown) => {
        if (done) return;
        finish();
        reject(err);
      },
    );
    const ask = async () => {
      try {
        const { coordinator } = await withDeadline(cluster.findGroupCoordinatorMetadata({ groupId, coordinatorType }), everyMs, 'FindCoordinator');
        if (done) return;
        named?.(coordinator.nodeId);
        sentTo ??= coordinator.nodeId;
        if (coordinator.nodeId !== sentTo) {
          finish();
          reject(new CoordinatorMoved(sentTo, coordinator.nodeId, groupId));
          return;
        }
      } catch {
        /* asked again */
      }
      if (!done) timer = setTimeout(ask, everyMs).unref();
    };
    // Unreferenced: a request given up on (the command stopped) does not keep the process for its checks.
    timer = setTimeout(ask, everyMs).unref();
  });
}
