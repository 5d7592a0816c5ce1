// Leader elections (ElectLeaders, which a broker forwards to the active controller): preferred
// (move leadership back to the first replica) or unclean (elect an out-of-sync replica).
import type { KafkaClient } from '../wire/client.js';
import { kafkajs } from '../wire/kafkajs.js';
import { brokerError } from '../protocol/admin-requests.js';
import { ELECTION_PREFERRED, ELECTION_UNCLEAN, electLeaders as electLeadersRequest, type ElectionResult } from '../protocol/runbook-requests.js';

export type ElectionType = 'preferred' | 'unclean';
export const ELECTION_NOT_NEEDED = 84;

export interface PartitionElection {
  topic: string;
  partition: number;
  /** elected, not-needed (a valid leader is in place already) or failed. */
  outcome: 'elected' | 'not-needed' | 'failed';
  errorCode: number;
  /** Kafka's error name and the broker's message, for a failed one. */
  error: string | null;
  message: string | null;
}

export async function electLeaders(client: KafkaClient, type: ElectionType, partitions: Array<{ topic: string; partition: number }> | null, timeoutMs = 30_000): Promise<PartitionElection[]> {
  const broker = await client.anyBroker();
  const res = (await broker.connectionPool.send({
    ...electLeadersRequest(type === 'preferred' ? ELECTION_PREFERRED : ELECTION_UNCLEAN, partitions, timeoutMs),
    requestTimeout: timeoutMs + 5000,
  })) as { errorCode: number; results: ElectionResult[] };
  if (res.errorCode) throw brokerError(res.errorCode, null);
  return res.results.map((r) => {
    const err = r.errorCode ? kafkajs().createErrorFromCode(r.errorCode) : null;
    return {
      topic: r.topic,
      partition: r.partition,
      outcome: r.errorCode === 0 ? 'elected' : r.errorCode === ELECTION_NOT_NEEDED ? 'not-needed' : 'failed',
      errorCode: r.errorCode,
      error: err ? (err.type as string) : null,
      message: r.errorMessage ?? (err ? err.message : null),
    };
  });
}
