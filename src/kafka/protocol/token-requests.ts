// Delegation tokens (KIP-48), as kafka-delegation-tokens asks for them; all flexible from v2:
//   CreateDelegationToken v2-v3 (key 38): a token for the connection's principal, or for an owner
//     named (v3, KIP-373), with its renewers and a max lifetime
//   RenewDelegationToken v2 (key 39), ExpireDelegationToken v2 (key 40): by the token's HMAC
//   DescribeDelegationToken v2-v3 (key 41): the tokens of the owners named (null: every token the
//     principal may describe); v3 adds who asked for each
import type { KafkajsDecoder, KafkajsEncoder } from '../wire/kafkajs-types.js';
import type { ProtocolRequest } from './admin-requests.js';
import { flexibleRequest, readCompactArray, readCompactBytes, writeCompactArray, writeCompactBytes } from './request.js';

/** A principal as Kafka's KafkaPrincipal prints it: `User:alice`. */
export interface Principal {
  type: string;
  name: string;
}

export interface DelegationToken {
  owner: Principal;
  /** Who asked for it (v3); the owner on brokers before 3.3. */
  requester: Principal;
  issueTimestamp: number;
  expiryTimestamp: number;
  maxTimestamp: number;
  tokenId: string;
  hmac: Buffer;
  renewers: Principal[];
}

export interface CreateTokenAnswer {
  errorCode: number;
  token: DelegationToken;
}

export interface TokenTimeAnswer {
  errorCode: number;
  expiryTimestamp: number;
}

export interface DescribeTokensAnswer {
  errorCode: number;
  tokens: DelegationToken[];
}

const writePrincipal = (e: KafkajsEncoder, p: Principal) => {
  e.writeUVarIntString(p.type);
  e.writeUVarIntString(p.name);
  e.writeUVarInt(0);
};

const readPrincipal = (d: KafkajsDecoder): Principal => {
  const p = { type: d.readUVarIntString(), name: d.readUVarIntString() };
  d.readTaggedFields();
  return p;
};

const int64 = (d: KafkajsDecoder) => Number(d.readInt64());

/** A token's fields as both answers carry them: owner, requester (v3; the owner before), times, id and HMAC. */
function readToken(d: KafkajsDecoder, version: number): Omit<DelegationToken, 'renewers'> {
  const owner = { type: d.readUVarIntString(), name: d.readUVarIntString() };
  const requester = version >= 3 ? { type: d.readUVarIntString(), name: d.readUVarIntString() } : owner;
  const issueTimestamp = int64(d);
  const expiryTimestamp = int64(d);
  const maxTimestamp = int64(d);
  const tokenId = d.readUVarIntString();
  const hmac = readCompactBytes(d);
  return { owner, requester, issueTimestamp, expiryTimestamp, maxTimestamp, tokenId, hmac };
}

/** owner null: the token is the connection's principal's own. maxLifetimeMs -1: the broker's delegation.token.max.lifetime.ms. */
export function createDelegationToken(version: 2 | 3, owner: Principal | null, renewers: readonly Principal[], maxLifetimeMs: number): ProtocolRequest {
  return flexibleRequest('CreateDelegationToken', version, {
    encode: (e) => {
      if (version >= 3) {
        e.writeUVarIntString(owner?.type ?? null);
        e.writeUVarIntString(owner?.name ?? null);
      }
      writeCompactArray(e, renewers, (r) => writePrincipal(e, r));
      e.writeInt64(maxLifetimeMs);
    },
    decode: (d): CreateTokenAnswer => {
      const errorCode = d.readInt16();
      const token = { ...readToken(d, version), renewers: [] };
      d.readInt32(); // throttle
      return { errorCode, token };
    },
  });
}

function tokenTime(api: 'RenewDelegationToken' | 'ExpireDelegationToken', hmac: Buffer, periodMs: number): ProtocolRequest {
  return flexibleRequest(api, 2, {
    encode: (e) => {
      writeCompactBytes(e, hmac);
      e.writeInt64(periodMs);
    },
    decode: (d): TokenTimeAnswer => {
      const errorCode = d.readInt16();
      const expiryTimestamp = int64(d);
      d.readInt32(); // throttle
      return { errorCode, expiryTimestamp };
    },
  });
}

/** renewPeriodMs -1: the broker's delegation.token.expiry.time.ms from now. */
export const renewDelegationToken = (hmac: Buffer, renewPeriodMs: number) => tokenTime('RenewDelegationToken', hmac, renewPeriodMs);

/** expiryPeriodMs -1 (or any negative): at once. */
export const expireDelegationToken = (hmac: Buffer, expiryPeriodMs: number) => tokenTime('ExpireDelegationToken', hmac, expiryPeriodMs);

/** owners null: every token the principal may describe. */
export function describeDelegationToken(version: 2 | 3, owners: readonly Principal[] | null): ProtocolRequest {
  return flexibleRequest('DescribeDelegationToken', version, {
    encode: (e) => writeCompactArray(e, owners, (o) => writePrincipal(e, o)),
    decode: (d): DescribeTokensAnswer => {
      const errorCode = d.readInt16();
      const tokens = readCompactArray(d, () => {
        const token = readToken(d, version);
        const renewers = readCompactArray(d, () => readPrincipal(d));
        d.readTaggedFields();
        return { ...token, renewers };
      });
      d.readInt32(); // throttle
      return { errorCode, tokens };
    },
  });
}
