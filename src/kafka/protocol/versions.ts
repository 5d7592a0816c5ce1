// Which version of an API kfk sends a broker: the newest that kfk encodes and the broker takes,
// from the ApiVersions answer kafkajs keeps, as Kafka's own clients choose. kafkajs asks the
// first broker it reaches and gives its answer to every broker of the cluster: in a cluster of
// mixed versions (a rolling upgrade) the ranges are that broker's (ApiVersions itself is asked
// again at a broker's own version when it says it takes an older one: askApiVersions). A request of a version the broker does not take is no answer at all: the
// broker closes the connection, which reads as a network failure. So a broker too old (or too
// new) for what kfk sends gets a one-line error that names the API and both ranges instead.
import { KfkError } from '../../errors.js';
import type { ApiVersionRange, KafkajsBroker } from '../wire/kafkajs-types.js';
import { API_KEYS, type ApiName } from './request.js';

/** What a version choice reads of a broker: its id and its ApiVersions answer (null before it connected). */
export type VersionedBroker = Pick<KafkajsBroker, 'nodeId' | 'versions'>;

/** The versions of `api` the broker takes; undefined when it offers none (or has not said). */
export function brokerRange(broker: VersionedBroker, api: ApiName): ApiVersionRange | undefined {
  return broker.versions?.[API_KEYS[api]];
}

/** Whether the broker offers `api` at all. */
export function offers(broker: VersionedBroker, api: ApiName): boolean {
  return brokerRange(broker, api) !== undefined;
}

/** Whether the broker takes `api` at `version`. */
export function takes(broker: VersionedBroker, api: ApiName, version: number): boolean {
  const r = brokerRange(broker, api);
  return r !== undefined && r.minVersion <= version && r.maxVersion >= version;
}

/**
 * The newest version of `api` in `lowest`..`highest` (the versions kfk encodes) that the broker
 * takes. A broker that has not told its versions gets `highest`. No version in common is a
 * KfkError naming the broker, the API and what each side speaks; `needs` says instead why kfk
 * needs `lowest` (what an option asks for, say).
 */
export function usableVersion(broker: VersionedBroker, api: ApiName, lowest: number, highest: number, needs?: string): number {
  if (!broker.versions) return highest;
  const r = brokerRange(broker, api);
  const who = broker.nodeId === undefined || broker.nodeId < 0 ? 'the broker' : `broker ${broker.nodeId}`;
  if (r === undefined) throw new KfkError(`${who} does not support ${api} (API key ${API_KEYS[api]})`);
  const version = Math.min(highest, r.maxVersion);
  if (version < lowest || version < r.minVersion) {
    const ours = lowest === highest ? `v${lowest}` : `v${lowest} to v${highest}`;
    const theirs = r.minVersion === r.maxVersion ? `v${r.minVersion}` : `v${r.minVersion} to v${r.maxVersion}`;
    throw new KfkError(needs && r.maxVersion < lowest ? `${who} supports ${api} ${theirs}; ${needs}` : `${who} supports ${api} ${theirs}, kfk speaks ${ours}: no version in common`);
  }
  return version;
}
