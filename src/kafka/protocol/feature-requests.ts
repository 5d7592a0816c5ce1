// UpdateFeatures v1 (key 57, flexible; Kafka 3.3 and later): finalized feature levels raised,
// lowered or removed, or only validated (kafka-features upgrade|downgrade|disable).
import type { KafkajsDecoder as Dec } from '../wire/kafkajs-types.js';
import type { ProtocolRequest } from './admin-requests.js';
import { protocolRequest } from './request.js';

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
  return protocolRequest({
    apiKey: 57,
    apiVersion: 1,
    apiName: 'UpdateFeatures',
    encode: (e) => {
      e.writeUVarInt(0);
      e.writeInt32(timeoutMs);
      e.writeUVarInt(updates.length + 1);
      for (const u of updates) {
        e.writeUVarIntString(u.feature);
        e.writeInt16(u.level);
        e.writeInt8(u.upgradeType);
        e.writeUVarInt(0);
      }
      e.writeBoolean(validateOnly);
      e.writeUVarInt(0);
    },
    decode: (d): UpdateFeaturesAnswer => {
      d.readTaggedFields();
      d.readInt32();
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString() as string | null;
      const results = (d.readUVarIntArray((r: Dec) => {
        const x = { feature: r.readUVarIntString(), errorCode: r.readInt16(), errorMessage: r.readUVarIntString() as string | null };
        r.readTaggedFields();
        return x;
      }) ?? []) as UpdateFeaturesAnswer['results'];
      return { errorCode, errorMessage, results };
    },
  });
}
