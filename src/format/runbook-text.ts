// Kafka-identical text of the runbook tools: kafka-metadata-quorum, kafka-features, ...
import { METADATA_VERSIONS } from '../kafka/admin/feature-levels.js';
import type { FeatureDescription, QuorumDescription, QuorumReplica } from '../kafka/admin/quorum.js';
import type { BrokerLogDir } from '../kafka/admin/log-dirs.js';
import { hashSetOrder, javaDouble, javaStringHash, sizedHashMapOrder } from './java-order.js';
import type { QuotaEntry } from '../kafka/admin/quotas.js';
import { javaExceptionClass } from '../kafka/wire/error-codes.js';

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** ToolsUtils.prettyPrintTable: each cell left-aligned to its column's width, then a tab. */
export function prettyPrintTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]) + '\t').join('') + '\n';
  return line(headers) + rows.map(line).join('');
}

function leaderOf(q: QuorumDescription): QuorumReplica {
  const leader = q.voters.find((v) => v.replicaId === q.leaderId);
  if (!leader) throw new Error(`the quorum's leader ${q.leaderId} is not among its voters`);
  return leader;
}

/** `kafka-metadata-quorum describe --status`. */
export function quorumStatusText(q: QuorumDescription & { clusterId: string }): string {
  const leader = leaderOf(q);
  const maxLag = q.voters.reduce((min, v) => (v.logEndOffset < min.logEndOffset ? v : min), q.voters[0]);
  let lagMs: number;
  if (maxLag === leader) lagMs = 0;
  else if (leader.lastCaughtUpTimestamp !== -1 && maxLag.lastCaughtUpTimestamp !== -1) lagMs = leader.lastCaughtUpTimestamp - maxLag.lastCaughtUpTimestamp;
  else lagMs = -1;
  const replicas = (rs: QuorumReplica[]) =>
    '[' +
    rs
      .map((r) => {
        const endpoints = q.nodes.find((n) => n.nodeId === r.replicaId)?.listeners ?? [];
        let s = `{"id": ${r.replicaId}`;
        if (r.directoryId !== ZERO_UUID) s += `, "directoryId": "${r.directoryId}"`;
        if (endpoints.length) s += ', "endpoints": [' + endpoints.map((e) => `"${e.name}://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}"`).join(', ') + ']';
        return s + '}';
      })
      .join(', ') +
    ']';
  return (
    `ClusterId:              ${q.clusterId}\n` +
    `LeaderId:               ${q.leaderId}\n` +
    `LeaderEpoch:            ${q.leaderEpoch}\n` +
    `HighWatermark:          ${q.highWatermark}\n` +
    `MaxFollowerLag:         ${leader.logEndOffset - maxLag.logEndOffset}\n` +
    `MaxFollowerLagTimeMs:   ${lagMs}\n` +
    `CurrentVoters:          ${replicas(q.voters)}\n` +
    `CurrentObservers:       ${replicas(q.observers)}\n`
  );
}

export interface QuorumRow {
  nodeId: number;
  directoryId: string;
  logEndOffset: number;
  lag: number;
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
  status: 'Leader' | 'Follower' | 'Observer';
}

/** The leader, the other voters, then the observers, as kafka-metadata-quorum lists them. */
export function quorumRows(q: QuorumDescription): QuorumRow[] {
  const leader = leaderOf(q);
  const row = (r: QuorumReplica, status: QuorumRow['status']): QuorumRow => ({
    nodeId: r.replicaId,
    directoryId: r.directoryId,
    logEndOffset: r.logEndOffset,
    lag: leader.logEndOffset - r.logEndOffset,
    lastFetchTimestamp: r.lastFetchTimestamp,
    lastCaughtUpTimestamp: r.lastCaughtUpTimestamp,
    status,
  });
  return [row(leader, 'Leader'), ...q.voters.filter((v) => v.replicaId !== q.leaderId).map((v) => row(v, 'Follower')), ...q.observers.map((o) => row(o, 'Observer'))];
}

/** `kafka-metadata-quorum describe --replication [--human-readable]`. */
export function quorumReplicationText(rows: QuorumRow[], humanReadable: boolean, now = Date.now()): string {
  const time = (t: number, what: string) => {
    if (t === -1) return '-1';
    if (!humanReadable) return String(t);
    if (!(t > 0 && t <= now)) throw new Error(`Error while computing relative time, possible drift in system clock.\nCurrent timestamp is ${now}, ${what} timestamp is ${t}`);
    return `${now - t} ms ago`;
  };
  return prettyPrintTable(
    ['NodeId', 'DirectoryId', 'LogEndOffset', 'Lag', 'LastFetchTimestamp', 'LastCaughtUpTimestamp', 'Status'],
    rows.map((r) => [String(r.nodeId), r.directoryId, String(r.logEndOffset), String(r.lag), time(r.lastFetchTimestamp, 'last fetch'), time(r.lastCaughtUpTimestamp, 'last caught up'), r.status]),
  );
}

/**
 * metadata.version levels below Kafka 4.x's minimum (3.3-IV3), which a 3.x cluster still reports
 * as its supported minimum; Kafka 4.x's MetadataVersion no longer has them.
 */
const OLD_METADATA_VERSIONS: Record<number, string> = { 1: '3.0-IV1', 2: '3.1-IV0', 3: '3.2-IV0', 4: '3.3-IV0', 5: '3.3-IV1', 6: '3.3-IV2' };

/** A metadata.version level as Kafka names it (4.0-IV3); undefined when unknown. */
export function metadataVersionName(level: number): string | undefined {
  return METADATA_VERSIONS.find((m) => m.level === level)?.name ?? OLD_METADATA_VERSIONS[level];
}

/** The metadata.version names kafka-features accepts (3.3-IV3, the oldest a KRaft cluster runs, and on). */
export function metadataVersionNames(): string[] {
  return METADATA_VERSIONS.map((m) => m.name);
}

/** MetadataVersion.fromVersionString: `4.0-IV3`, or `4.0` for its last production IV; undefined when unknown. */
export function metadataVersionLevel(name: string): number | undefined {
  const exact = METADATA_VERSIONS.find((m) => m.name === name);
  if (exact) return exact.level;
  return METADATA_VERSIONS.filter((m) => m.release === name && m.production).at(-1)?.level;
}

export function featureLevelText(feature: string, level: number): string {
  return feature === 'metadata.version' ? (metadataVersionName(level) ?? String(level)) : String(level);
}

export interface FeatureRow {
  feature: string;
  supportedMinVersion: string;
  supportedMaxVersion: string;
  finalizedVersionLevel: string;
  epoch: number | null;
}

/** Every supported feature, by name, with its finalized level (0 when none is). */
export function featureRows(f: FeatureDescription): FeatureRow[] {
  return [...f.supported]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => ({
      feature: s.name,
      supportedMinVersion: featureLevelText(s.name, s.minVersion),
      supportedMaxVersion: featureLevelText(s.name, s.maxVersion),
      finalizedVersionLevel: featureLevelText(s.name, f.finalized.find((x) => x.name === s.name)?.maxVersionLevel ?? 0),
      epoch: f.finalizedEpoch === -1 ? null : f.finalizedEpoch,
    }));
}

/** `kafka-features describe`. */
export function featuresText(rows: FeatureRow[]): string {
  return rows
    .map(
      (r) =>
        `Feature: ${r.feature.padEnd(40)}  SupportedMinVersion: ${r.supportedMinVersion.padEnd(15)}  SupportedMaxVersion: ${r.supportedMaxVersion.padEnd(15)}  FinalizedVersionLevel: ${r.finalizedVersionLevel.padEnd(15)}  Epoch: ${r.epoch ?? '-'}\n`,
    )
    .join('');
}

/** A java.util.HashMap's order of small non-negative Integer keys (their own hash): by bucket. */
function integerHashOrder(ids: number[]): number[] {
  let capacity = 16;
  while (ids.length > capacity * 0.75) capacity *= 2;
  return [...ids].sort((a, b) => (a & (capacity - 1)) - (b & (capacity - 1)) || a - b);
}

/** kafka-log-dirs --describe: two lines, then its JSON (Jackson over HashMaps: their key order). */
export function logDirsText(brokers: number[], dirs: BrokerLogDir[]): string {
  const ids = integerHashOrder(brokers);
  const head = `Querying brokers for log directories information\nReceived log directory information from brokers ${ids.join(',')}\n`;
  const str = (s: string) => JSON.stringify(s);
  const brokerJson = ids.map((id) => {
    const mine = dirs.filter((d) => d.broker === id);
    // Kafka's admin client keeps a broker's directories in a `new HashMap<>(n)`, filled in the
    // order of the answer: its table starts at n rounded up to a power of two and doubles past
    // three quarters full. Directories of one bucket keep the answer's order (a stable sort).
    let capacity = 1;
    while (capacity < mine.length) capacity *= 2;
    for (let size = 1; size <= mine.length; size++) if (size > Math.floor(capacity * 0.75)) capacity *= 2;
    const bucket = (s: string) => {
      const h = javaStringHash(s);
      return (h ^ (h >>> 16)) & (capacity - 1);
    };
    const ordered = [...mine].sort((a, b) => bucket(a.logDir) - bucket(b.logDir));
    const logDirs = ordered.map((d) => {
      const parts = hashSetOrder(d.replicas).map((r) => `{"partition":${str(`${r.topic}-${r.partition}`)},"size":${r.size},"offsetLag":${r.offsetLag},"isFuture":${r.isFuture}}`);
      const error = d.errorCode ? str(javaExceptionClass(d.errorCode, `org.apache.kafka.common.errors.${d.error}`)) : 'null';
      return `{"partitions":[${parts.join(',')}],"error":${error},"logDir":${str(d.logDir)}}`;
    });
    return `{"broker":${id},"logDirs":[${logDirs.join(',')}]}`;
  });
  return head + `{"brokers":[${brokerJson.join(',')}],"version":1}\n`;
}

/** ClientQuotaEntity#hashCode: Objects.hash(entries), entries a Map<String, String>. */
function quotaEntityHash(e: QuotaEntry['entity']): number {
  let sum = 0;
  for (const p of e) sum = (sum + (javaStringHash(p.type) ^ (p.name === null ? 0 : javaStringHash(p.name)))) | 0;
  return (31 + sum) | 0;
}

const QUOTA_TYPE_TEXT: Record<string, string> = { user: 'user-principal', 'client-id': 'client-id', ip: 'ip' };

/** How kafka-configs names an entity: `user-principal 'alice', client-id 'app'`, `the default ip`. */
export function quotaEntityText(e: QuotaEntry['entity']): string {
  return ['user', 'client-id', 'ip']
    .map((t) => e.find((p) => p.type === t))
    .filter((p): p is { type: string; name: string | null } => p !== undefined)
    .map((p) => (p.name === null ? `the default ${QUOTA_TYPE_TEXT[p.type]}` : `${QUOTA_TYPE_TEXT[p.type]} '${p.name}'`))
    .join(', ');
}

/** kafka-configs --describe for users, clients or ips: a line per entity, in the order of Kafka's HashMaps. */
export function quotasText(entries: QuotaEntry[]): string {
  return sizedHashMapOrder(entries, (x) => quotaEntityHash(x.entity))
    .map((x) => `Quota configs for ${quotaEntityText(x.entity)} are ${sizedHashMapOrder(x.values, (v) => javaStringHash(v.key)).map((v) => `${v.key}=${javaDouble(v.value)}`).join(', ')}\n`)
    .join('');
}
