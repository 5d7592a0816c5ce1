// UpdateFeatures v1 (key 57, flexible; Kafka 3.3 and later): finalized feature levels raised,
// lowered or removed, or only validated (kafka-features upgrade|downgrade|disable).
import type { ProtocolRequest } from './admin-requests.js';
import { flexibleRequest, readCompactArray, writeCompactArray } from './request.js';

/** 1: upgrade only; 2: safe (lossless) downgrade; 3: unsafe downgrade. */
export type UpgradeType = 1 | 2 | 3;

export interface FeatureUpdate {
  feature: string;
  /** 0: remove the feature's finalized level. */
  level: number;
  upgradeType: UpgradeType;
}

export interface UpdateFeaturesAnswer {
  errorCode: number;
  errorMessage: string | null;
  results: Array<{ feature: string; errorCode: number; errorMessage: string | null }>;
}

export function updateFeaturesRequest(updates: FeatureUpdate[], validateOnly: boolean, timeoutMs: number): ProtocolRequest {
  return flexibleRequest('UpdateFeatures', 1, {
    encode: (e) => {
      e.writeInt32(timeoutMs);
      writeCompactArray(e, updates, (u) => {
        e.writeUVarIntString(u.feature);
        e.writeInt16(u.level);
        e.writeInt8(u.upgradeType);
        e.writeUVarInt(0);
      });
      e.writeBoolean(validateOnly);
    },
    decode: (d): UpdateFeaturesAnswer => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString() as string | null;
      const results = readCompactArray(d, () => {
        const x = { feature: d.readUVarIntString(), errorCode: d.readInt16(), errorMessage: d.readUVarIntString() as string | null };
        d.readTaggedFields();
        return x;
      });
      return { errorCode, errorMessage, results };
    },
  });
}
