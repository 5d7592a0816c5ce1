// SCRAM credentials of users, as kafka-configs --entity-type users reads and changes them
// (DescribeUserScramCredentials, AlterUserScramCredentials). The salted password is computed here
// as Kafka's admin client does (ScramFormatter.hi: PBKDF2 with the mechanism's HMAC, one block),
// so the password never leaves the process.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { KafkaClient } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import {
  SCRAM_MECHANISMS,
  alterUserScramCredentials,
  describeUserScramCredentials,
  type AlterScramResult,
  type DescribeScramAnswer,
  type ScramMechanismName,
  type ScramUserResult,
} from '../protocol/scram-requests.js';

export { SCRAM_MECHANISMS, scramMechanismName, type ScramMechanismName, type ScramUserResult } from '../protocol/scram-requests.js';

/** RESOURCE_NOT_FOUND: a named user without any credential (the admin client leaves it out). */
const RESOURCE_NOT_FOUND = 91;

/** The users' credentials (all users that have one when `users` is null or empty), in the broker's order. */
export async function describeScram(client: KafkaClient, users: readonly string[] | null): Promise<ScramUserResult[]> {
  const broker = await client.anyBroker();
  const res = (await broker.connectionPool.send({ ...describeUserScramCredentials(users?.length ? users : null), requestTimeout: 30_000 })) as DescribeScramAnswer;
  if (res.errorCode) throw brokerError(res.errorCode, res.errorMessage);
  return res.results.filter((r) => r.errorCode !== RESOURCE_NOT_FOUND);
}

export interface ScramSet {
  user: string;
  mechanism: ScramMechanismName;
  iterations: number;
  password: string;
}

const HASH: Record<ScramMechanismName, { digest: string; bytes: number }> = {
  'SCRAM-SHA-256': { digest: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { digest: 'sha512', bytes: 64 },
};

/** ScramFormatter.hi: the salted password the broker stores (it derives its keys from it). */
export function saltedPassword(mechanism: ScramMechanismName, password: string, salt: Buffer, iterations: number): Buffer {
  const { digest, bytes } = HASH[mechanism];
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, bytes, digest);
}

/** Removes and sets credentials in one request; the first user's failure is thrown (as the admin client's all()). */
export async function alterScram(client: KafkaClient, deletions: Array<{ user: string; mechanism: ScramMechanismName }>, sets: ScramSet[]): Promise<void> {
  const upsertions = sets.map((s) => {
    // A random salt, as Kafka's UserScramCredentialUpsertion makes one.
    const salt = randomBytes(24);
    return { user: s.user, mechanism: SCRAM_MECHANISMS[s.mechanism], iterations: s.iterations, salt, saltedPassword: saltedPassword(s.mechanism, s.password, salt, s.iterations) };
  });
  const broker = await client.anyBroker();
  const res = (await broker.connectionPool.send({
    ...alterUserScramCredentials(
      deletions.map((d) => ({ user: d.user, mechanism: SCRAM_MECHANISMS[d.mechanism] })),
      upsertions,
    ),
    requestTimeout: 60_000,
  })) as AlterScramResult[];
  const bad = res.find((r) => r.errorCode);
  if (bad) throw new ScramCredentialError(bad.user, bad.errorCode, bad.errorMessage ?? brokerError(bad.errorCode, null).message);
}

/** A user's credential refused by the broker: Kafka's error code (kafkajs knows none of 91-93) and message. */
export class ScramCredentialError extends Error {
  readonly user: string;
  readonly code: number;
  constructor(user: string, code: number, message: string) {
    super(message);
    this.name = 'ScramCredentialError';
    this.user = user;
    this.code = code;
  }
}
