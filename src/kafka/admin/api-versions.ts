// The APIs each broker offers and the versions of each (ApiVersions to every broker), as
// kafka-broker-api-versions asks for them.
import type { KafkaClient } from '../wire/client.js';
import { apiVersions, type ApiVersionRange, type ApiVersionsAnswer } from '../protocol/runbook-requests.js';
import { askEveryBroker } from './every-broker.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';

export type { ApiVersionRange } from '../protocol/runbook-requests.js';

export interface BrokerApiVersions {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  /** The broker's answer, by API key; null when it gave none (see `error`). */
  apis: ApiVersionRange[] | null;
  /** Why there is no answer: no answer in time, a failed connection, an error in the answer. */
  error: string | null;
}

/**
 * Every broker the cluster lists, with the APIs it offers. A broker that does not answer (within
 * half the command's time bound) or cannot be reached is listed with why; the others are not
 * held up by it.
 */
export async function brokerApiVersions(client: KafkaClient): Promise<BrokerApiVersions[]> {
  const nodes = (await client.brokers()).brokers;
  const failed = new Map<number, string>();
  const answers = await askEveryBroker(
    client,
    (broker, _nodeId, wait) => broker.connectionPool.send({ ...apiVersions(), requestTimeout: wait }) as Promise<ApiVersionsAnswer>,
    (nodeId, why) => failed.set(nodeId, why),
    nodes.map((n) => n.nodeId),
  );
  const byId = new Map(answers.map((a) => [a.nodeId, a.answer]));
  return nodes
    .map((n) => {
      const a = byId.get(n.nodeId);
      const error = a ? (a.errorCode ? kafkaErrorMessage(a.errorCode, `error ${a.errorCode}`) : null) : (failed.get(n.nodeId) ?? 'no answer');
      return { nodeId: n.nodeId, host: n.host, port: n.port, rack: n.rack ?? null, apis: a && !a.errorCode ? [...a.apis].sort((x, y) => x.apiKey - y.apiKey) : null, error };
    })
    .sort((a, b) => a.nodeId - b.nodeId);
}
