// Client quotas of users, client ids and IPs (DescribeClientQuotas, AlterClientQuotas), as
// kafka-configs --entity-type users|clients|ips reads and changes them.
import type { KafkaClient } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import {
  QUOTA_MATCH_ANY,
  QUOTA_MATCH_DEFAULT,
  QUOTA_MATCH_EXACT,
  alterClientQuotas,
  describeClientQuotas,
  type QuotaEntity,
  type QuotaEntry,
} from '../protocol/runbook-requests.js';

export type { QuotaEntity, QuotaEntry } from '../protocol/runbook-requests.js';
export type QuotaEntityType = 'user' | 'client-id' | 'ip';

/** One part of an entity to match: a name, the default entity (null), or any (undefined). */
export interface QuotaMatch {
  type: QuotaEntityType;
  name: string | null | undefined;
}

/** The quotas of the entities that have exactly these parts (`strict`) or at least them. */
export async function describeQuotas(client: KafkaClient, match: QuotaMatch[], strict: boolean): Promise<QuotaEntry[]> {
  const broker = await client.anyBroker();
  const res = (await broker.connectionPool.send({
    ...describeClientQuotas(
      match.map((m) => ({ type: m.type, match: m.name === undefined ? QUOTA_MATCH_ANY : m.name === null ? QUOTA_MATCH_DEFAULT : QUOTA_MATCH_EXACT, name: m.name ?? null })),
      strict,
    ),
    requestTimeout: 30_000,
  })) as { errorCode: number; errorMessage: string | null; entries: QuotaEntry[] };
  if (res.errorCode) throw brokerError(res.errorCode, res.errorMessage);
  return res.entries;
}

/** Sets (a number) or removes (null) quota keys of one entity. */
export async function alterQuotas(client: KafkaClient, entity: QuotaEntity, ops: Array<{ key: string; value: number | null }>): Promise<void> {
  const broker = await client.anyBroker();
  const res = (await broker.connectionPool.send({ ...alterClientQuotas(entity, ops, false), requestTimeout: 30_000 })) as Array<{ errorCode: number; errorMessage: string | null }>;
  const bad = res.find((r) => r.errorCode);
  if (bad) throw brokerError(bad.errorCode, bad.errorMessage);
}
