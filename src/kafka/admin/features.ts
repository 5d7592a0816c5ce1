// Finalized feature levels changed (UpdateFeatures, to any broker: it forwards to the active
// controller), each feature's outcome as the admin client reports it: a top-level error fails
// every feature with the broker's message.
import type { KafkaClient } from '../wire/client.js';
import { adminBroker } from './quorum.js';
import { kafkaErrorMessage } from '../wire/error-codes.js';
import { brokerError } from '../protocol/admin-requests.js';
import { updateFeaturesRequest, type FeatureUpdate, type UpdateFeaturesAnswer } from '../protocol/feature-requests.js';

export type { FeatureUpdate, UpgradeType } from '../protocol/feature-requests.js';

export interface FeatureOutcome {
  feature: string;
  level: number;
  /** null: done (or, validating only, allowed). */
  error: string | null;
}

const message = (code: number, text: string | null) => text ?? kafkaErrorMessage(code, brokerError(code, null).message);

/** Each update's outcome, by feature name. */
export async function updateFeatures(client: KafkaClient, updates: FeatureUpdate[], validateOnly: boolean): Promise<FeatureOutcome[]> {
  // With --bootstrap-controller: the active controller (the others answer NOT_CONTROLLER).
  const broker = await adminBroker(client);
  const res = (await broker.connectionPool.send({ ...updateFeaturesRequest(updates, validateOnly, 60_000), requestTimeout: 70_000 })) as UpdateFeaturesAnswer;
  return [...updates]
    .sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0))
    .map((u) => {
      if (res.errorCode) return { feature: u.feature, level: u.level, error: message(res.errorCode, res.errorMessage) };
      const r = res.results.find((x) => x.feature === u.feature);
      if (!r) return { feature: u.feature, level: u.level, error: 'The controller response did not contain a result for this feature.' };
      return { feature: u.feature, level: u.level, error: r.errorCode ? message(r.errorCode, r.errorMessage) : null };
    });
}
