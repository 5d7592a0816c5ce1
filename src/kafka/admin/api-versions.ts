// The APIs each broker (or, through --bootstrap-controller, each controller) offers and the
// versions of each: ApiVersions to every node, as kafka-cluster api-versions and
// kafka-broker-api-versions ask for them.
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { askApiVersions, type ApiVersionRange, type ApiVersionsAnswer } from '../protocol/runbook-requests.js';
import { askEveryBroker } from './every-broker.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';

export type { ApiVersionRange } from '../protocol/runbook-requests.js';

export interface NodeApiVersions {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  /** The node's answer, by API key; null when it gave none (see `error`). */
  apis: ApiVersionRange[] | null;
  /** Why there is no answer: no answer in time, a failed connection, an error in the answer. */
  error: string | null;
  /** How long kfk waited for a node that did not answer (no answer in time), else null. */
  waitedMs: number | null;
}

type Answer = { answer: ApiVersionsAnswer } | { error: string; waitedMs: number | null };

/**
 * Every broker the cluster lists (every controller, through a controller's listener), in id
 * order, with the APIs it offers. A node that does not answer within half the command's time
 * bound, or cannot be reached, is listed with why; the others are not held up by it.
 */
export async function nodeApiVersions(client: KafkaClient): Promise<NodeApiVersions[]> {
  const wait = client.perBrokerWaitMs;
  const ask = (broker: KafkajsBroker) => askApiVersions(broker, wait);
  let nodes: Array<{ nodeId: number; host: string; port: number; rack?: string | null }>;
  const answers = new Map<number, Answer>();
  if (client.options.controllers) {
    const { describeClusterNodes } = await import('./quorum.js');
    nodes = (await describeClusterNodes(client)).nodes;
    await Promise.all(
      nodes.map(async (n) => {
        const message = `controller ${n.nodeId} did not answer within ${wait} ms`;
        try {
          const asked = client.controllerAt(`${n.host}:${n.port}`).then(ask);
          answers.set(n.nodeId, { answer: await withDeadline(asked, wait, message) });
        } catch (err) {
          answers.set(n.nodeId, { error: (err as Error).message, waitedMs: err instanceof DeadlineError ? wait : null });
        }
      }),
    );
  } else {
    nodes = (await client.brokers()).brokers;
    const answered = await askEveryBroker(
      client,
      ask,
      (nodeId, why, err) => answers.set(nodeId, { error: why, waitedMs: err instanceof DeadlineError ? wait : null }),
      nodes.map((n) => n.nodeId),
    );
    for (const a of answered) answers.set(a.nodeId, { answer: a.answer });
  }
  return nodes
    .map((n): NodeApiVersions => {
      const a = answers.get(n.nodeId) ?? { error: 'no answer', waitedMs: null };
      const node = { nodeId: n.nodeId, host: n.host, port: n.port, rack: n.rack ?? null };
      if ('error' in a) return { ...node, apis: null, error: a.error, waitedMs: a.waitedMs };
      if (a.answer.errorCode) return { ...node, apis: null, error: kafkaErrorMessage(a.answer.errorCode, `error ${a.answer.errorCode}`), waitedMs: null };
      return { ...node, apis: [...a.answer.apis].sort((x, y) => x.apiKey - y.apiKey), error: null, waitedMs: null };
    })
    .sort((a, b) => a.nodeId - b.nodeId);
}
