// A request every live broker answers for itself (ListGroups, ListTransactions, DescribeLogDirs): each broker
// is given half of the command's time bound, so that one that takes the connection and answers
// nothing (stopped, and not yet fenced by the controller) is named and left out, and the others'
// answers are shown, before the command's own bound ends it.
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { isConnectionError } from '../wire/failures.js';
import { brokerAnswers } from '../wire/metadata.js';

/** A broker left out: its id and why (no answer in time, or its connection failed), and the error itself. */
export type OnUnreachable = (nodeId: number, why: string, err: unknown) => void;

/**
 * `ask` of every live broker (or of those in `nodeIds`), in ascending id order, each within
 * `client.perBrokerWaitMs` (also handed to `ask`, for its request's own timeout). A broker that does not answer in time is
 * marked (Metadata and FindCoordinator go to the others first) and, like one whose connection
 * fails, reported through `onUnreachable` and left out; without `onUnreachable` (a caller that
 * needs every broker's answer) the error is thrown, as any other error is.
 */
export async function askEveryBroker<T>(client: KafkaClient, ask: (broker: KafkajsBroker, nodeId: number, waitMs: number) => Promise<T>, onUnreachable?: OnUnreachable, nodeIds?: number[]): Promise<Array<{ nodeId: number; answer: Awaited<T> }>> {
  const cluster = await client.cluster();
  const ids = [...(nodeIds ?? (await client.brokers()).brokers.map((b) => b.nodeId))].sort((a, b) => a - b);
  const wait = client.perBrokerWaitMs;
  const answers = await Promise.all(
    ids.map(async (nodeId) => {
      try {
        const asked = cluster.findBroker({ nodeId }).then((broker: KafkajsBroker) => ask(broker, nodeId, wait));
        return { nodeId, answer: await withDeadline(asked, wait, `broker ${nodeId} did not answer within ${wait} ms`) };
      } catch (err) {
        if (err instanceof DeadlineError) brokerAnswers(cluster, nodeId, false);
        if (!onUnreachable || (!isConnectionError(err) && !(err instanceof DeadlineError))) throw err;
        onUnreachable(nodeId, (err as Error).message, err);
        return null;
      }
    }),
  );
  return answers.filter((a) => a !== null);
}
