// SCRAM credentials of users (KIP-554), both flexible from v0:
//   DescribeUserScramCredentials v0 (key 50): each user's mechanisms and iteration counts
//   AlterUserScramCredentials v0 (key 51): credentials removed, or set from a salt and a salted
//   password the client computed (the password itself never goes to the broker)
import type { ProtocolRequest } from './admin-requests.js';
import { flexibleRequest, readCompactArray, writeCompactArray, writeCompactBytes } from './request.js';

/** Kafka's ScramMechanism type ids. */
export const SCRAM_MECHANISMS = { 'SCRAM-SHA-256': 1, 'SCRAM-SHA-512': 2 } as const;
export type ScramMechanismName = keyof typeof SCRAM_MECHANISMS;

export function scramMechanismName(id: number): ScramMechanismName | 'UNKNOWN' {
  return id === 1 ? 'SCRAM-SHA-256' : id === 2 ? 'SCRAM-SHA-512' : 'UNKNOWN';
}

export interface ScramUserResult {
  user: string;
  errorCode: number;
  errorMessage: string | null;
  credentials: Array<{ mechanism: number; iterations: number }>;
}

export interface DescribeScramAnswer {
  errorCode: number;
  errorMessage: string | null;
  results: ScramUserResult[];
}

/** null: every user that has a credential. */
export function describeUserScramCredentials(users: readonly string[] | null): ProtocolRequest {
  return flexibleRequest('DescribeUserScramCredentials', 0, {
    encode: (e) =>
      writeCompactArray(e, users, (u) => {
        e.writeUVarIntString(u);
        e.writeUVarInt(0);
      }),
    decode: (d): DescribeScramAnswer => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString() as string | null;
      const results = readCompactArray(d, () => {
        const user = d.readUVarIntString();
        const code = d.readInt16();
        const message = d.readUVarIntString() as string | null;
        const credentials = readCompactArray(d, () => {
          const c = { mechanism: d.readInt8(), iterations: d.readInt32() };
          d.readTaggedFields();
          return c;
        });
        d.readTaggedFields();
        return { user, errorCode: code, errorMessage: message, credentials };
      });
      return { errorCode, errorMessage, results };
    },
  });
}

export interface ScramDeletion {
  user: string;
  mechanism: number;
}

export interface ScramUpsertion {
  user: string;
  mechanism: number;
  iterations: number;
  salt: Buffer;
  saltedPassword: Buffer;
}

export interface AlterScramResult {
  user: string;
  errorCode: number;
  errorMessage: string | null;
}

export function alterUserScramCredentials(deletions: readonly ScramDeletion[], upsertions: readonly ScramUpsertion[]): ProtocolRequest {
  return flexibleRequest('AlterUserScramCredentials', 0, {
    encode: (e) => {
      writeCompactArray(e, deletions, (x) => {
        e.writeUVarIntString(x.user);
        e.writeInt8(x.mechanism);
        e.writeUVarInt(0);
      });
      writeCompactArray(e, upsertions, (x) => {
        e.writeUVarIntString(x.user);
        e.writeInt8(x.mechanism);
        e.writeInt32(x.iterations);
        writeCompactBytes(e, x.salt);
        writeCompactBytes(e, x.saltedPassword);
        e.writeUVarInt(0);
      });
    },
    decode: (d): AlterScramResult[] => {
      d.readInt32(); // throttle
      return readCompactArray(d, () => {
        const r = { user: d.readUVarIntString(), errorCode: d.readInt16(), errorMessage: d.readUVarIntString() as string | null };
        d.readTaggedFields();
        return r;
      });
    },
  });
}
