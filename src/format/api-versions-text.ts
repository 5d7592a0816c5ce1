// kafka-cluster api-versions' and kafka-broker-api-versions' text: each node, then every API it
// offers with the versions it takes and the newest that Kafka 4.4's Java client would use with it
// (NodeApiVersions#toString).
import type { ApiVersionRange, NodeApiVersions } from '../kafka/admin/api-versions.js';
import { defaultHashSetOrder, javaStringHash } from './java-order.js';
import { KAFKA_API_KEYS as API_KEYS } from './kafka-api-keys.js';

const KEYS = new Map<number, (typeof API_KEYS)[number]>(API_KEYS.map((k) => [k[0], k]));

/** The name Kafka 4.4 gives an API key; `UNKNOWN` for one it does not know. */
export function apiName(apiKey: number): string {
  return KEYS.get(apiKey)?.[1] ?? 'UNKNOWN';
}

/** The newest version Kafka 4.4's client would use with this range, or why it would use none. */
export function usableVersion(api: ApiVersionRange): number | 'node too new' | 'node too old' | null {
  const k = KEYS.get(api.apiKey);
  if (!k) return null;
  if (k[3] < api.minVersion) return 'node too new';
  if (api.maxVersion < k[2]) return 'node too old';
  return Math.min(k[3], api.maxVersion);
}

/** NodeApiVersions#toString(true): every API the broker offers and each client API it does not, by key. */
export function apiVersionsText(apis: ApiVersionRange[]): string {
  const lines = new Map<number, string>();
  for (const api of apis) {
    const range = api.minVersion === api.maxVersion ? String(api.minVersion) : `${api.minVersion} to ${api.maxVersion}`;
    const usable = usableVersion(api);
    const tail = usable === null ? '' : typeof usable === 'number' ? ` [usable: ${usable}]` : ` [unusable: ${usable}]`;
    lines.set(api.apiKey, `${apiName(api.apiKey)}(${api.apiKey}): ${range}${tail}`);
  }
  for (const [id, name, , , client] of API_KEYS) if (client && !lines.has(id)) lines.set(id, `${name}(${id}): UNSUPPORTED`);
  return `(\n\t${[...lines].sort((a, b) => a[0] - b[0]).map(([, l]) => l).join(',\n\t')}\n)`;
}

type NodeAddress = Pick<NodeApiVersions, 'nodeId' | 'host' | 'port' | 'rack'>;

/** org.apache.kafka.common.Node#toString, of a node as Metadata and DescribeCluster list it (never fenced). */
export function nodeText(b: NodeAddress): string {
  return `${b.host}:${b.port} (id: ${b.nodeId} rack: ${b.rack ?? 'null'} isFenced: false)`;
}

/** Node#hashCode: host, id, port, rack and isFenced (false: Boolean#hashCode 1237). */
function nodeHash(b: NodeAddress): number {
  let h = (31 + javaStringHash(b.host)) | 0;
  h = (Math.imul(31, h) + b.nodeId) | 0;
  h = (Math.imul(31, h) + b.port) | 0;
  h = (Math.imul(31, h) + (b.rack === null ? 0 : javaStringHash(b.rack))) | 0;
  return (Math.imul(31, h) + 1237) | 0;
}

/**
 * The tools' output: a line per node, `node -> (...)`, or `node -> ERROR: why` for one that gave
 * no answer (a node that did not answer in time in the words of the Java client's
 * TimeoutException, as kafka-broker-api-versions prints it). kafka-cluster api-versions lists the
 * nodes by id; kafka-broker-api-versions (`hashOrder`) in the order of its HashMap of nodes. Two
 * nodes in one bucket: kfk by id; the tool in the order its Cluster lists them, which Kafka's
 * client shuffles (so the tool's own order of such a pair changes from run to run).
 */
export function apiVersionsToolText(nodes: NodeApiVersions[], hashOrder = false): string {
  const ordered = hashOrder ? defaultHashSetOrder(nodes, nodeHash) : nodes;
  const failure = (n: NodeApiVersions) => (n.waitedMs === null ? n.error : `org.apache.kafka.common.errors.TimeoutException: Failed to send request after ${n.waitedMs} ms.`);
  return ordered.map((n) => `${nodeText(n)} -> ${n.apis ? apiVersionsText(n.apis) : `ERROR: ${failure(n)}`}\n`).join('');
}
