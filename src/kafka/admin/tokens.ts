// Delegation tokens (KIP-48), as kafka-delegation-tokens creates, renews, expires and describes
// them through Kafka's admin client: one request to any broker (it forwards creation, renewal and
// expiry to the controller). A broker's error is thrown as Kafka's exception for its code.
import type { KafkaClient } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { usableVersion } from '../protocol/versions.js';
import {
  createDelegationToken,
  describeDelegationToken,
  expireDelegationToken,
  renewDelegationToken,
  type CreateTokenAnswer,
  type DelegationToken,
  type DescribeTokensAnswer,
  type Principal,
  type TokenTimeAnswer,
} from '../protocol/token-requests.js';

export type { DelegationToken, Principal } from '../protocol/token-requests.js';

const TIMEOUT_MS = 30_000;

/** A token for the connection's principal (or `owner`, Kafka 3.3+), renewable by `renewers`. maxLifetimeMs -1: the cluster's maximum. */
export async function createToken(client: KafkaClient, owner: Principal | null, renewers: readonly Principal[], maxLifetimeMs: number): Promise<DelegationToken> {
  const broker = await client.anyBroker();
  const version = usableVersion(broker, 'CreateDelegationToken', owner ? 3 : 2, 3, 'a token for another owner needs Kafka 3.3 or newer') as 2 | 3;
  const res = (await broker.connectionPool.send({ ...createDelegationToken(version, owner, renewers, maxLifetimeMs), requestTimeout: TIMEOUT_MS })) as CreateTokenAnswer;
  if (res.errorCode) throw brokerError(res.errorCode, null);
  return { ...res.token, renewers: [...renewers] };
}

async function tokenTime(client: KafkaClient, api: 'RenewDelegationToken' | 'ExpireDelegationToken', hmac: Buffer, periodMs: number): Promise<number> {
  const broker = await client.anyBroker();
  usableVersion(broker, api, 2, 2);
  const request = api === 'RenewDelegationToken' ? renewDelegationToken(hmac, periodMs) : expireDelegationToken(hmac, periodMs);
  const res = (await broker.connectionPool.send({ ...request, requestTimeout: TIMEOUT_MS })) as TokenTimeAnswer;
  if (res.errorCode) throw brokerError(res.errorCode, null);
  return res.expiryTimestamp;
}

/** The token's new expiry time (ms since the epoch). renewPeriodMs -1: the cluster's default. */
export const renewToken = (client: KafkaClient, hmac: Buffer, renewPeriodMs: number) => tokenTime(client, 'RenewDelegationToken', hmac, renewPeriodMs);

/** The token's new expiry time; expiryPeriodMs -1: now (the token is gone). */
export const expireToken = (client: KafkaClient, hmac: Buffer, expiryPeriodMs: number) => tokenTime(client, 'ExpireDelegationToken', hmac, expiryPeriodMs);

/**
 * The tokens of `owners` (null: every token the principal owns or may describe), in the broker's
 * order. An empty list asks for none: kafka-delegation-tokens --describe without --owner-principal
 * sends it so, and reports no token.
 */
export async function describeTokens(client: KafkaClient, owners: readonly Principal[] | null): Promise<DelegationToken[]> {
  const broker = await client.anyBroker();
  const version = usableVersion(broker, 'DescribeDelegationToken', 2, 3) as 2 | 3;
  const res = (await broker.connectionPool.send({ ...describeDelegationToken(version, owners), requestTimeout: TIMEOUT_MS })) as DescribeTokensAnswer;
  if (res.errorCode) throw brokerError(res.errorCode, null);
  return res.tokens;
}

export const principalText = (p: Principal) => `${p.type}:${p.name}`;
