// Feature levels by Kafka release, from Kafka's own table (src/kafka/admin/feature-levels.ts,
// generated): what kafka-features --release-version sets, version-mapping prints and
// feature-dependencies checks.
import { KfkError } from '../../../errors.js';
import { METADATA_VERSION_LEVELS, PRODUCTION_FEATURES } from '../../../kafka/admin/feature-levels.js';
import { metadataVersionLevel, metadataVersionName, metadataVersionNames } from '../../../format/runbook-text.js';

/** A release (4.0) or metadata.version (4.0-IV3) as kafka-features takes it, by level; Kafka's words when unknown. */
export function releaseLevel(release: string): number {
  const level = metadataVersionLevel(release);
  if (level === undefined) throw new KfkError(`Unknown metadata.version '${release}'. Supported metadata.version are: ${metadataVersionNames().join(', ')}`);
  return level;
}

/** Feature.defaultLevel: the level a feature has by default at a metadata.version. */
function defaultLevel(feature: (typeof PRODUCTION_FEATURES)[number], metadataVersion: number): number {
  let level = 0;
  for (const [from, l] of feature.defaults) if (metadataVersion >= from) level = l;
  return level;
}

/** metadata.version and every production feature at their default levels of a release, in Kafka's order. */
export function versionMapping(release: string | undefined): { metadataVersion: { level: number; name: string }; features: Array<{ feature: string; level: number }> } {
  const level = release === undefined ? METADATA_VERSION_LEVELS.latestProduction : releaseLevel(release);
  return {
    metadataVersion: { level, name: release ?? metadataVersionName(level)! },
    features: PRODUCTION_FEATURES.map((f) => ({ feature: f.name, level: defaultLevel(f, level) })),
  };
}

export function versionMappingText(m: ReturnType<typeof versionMapping>): string {
  return [`metadata.version=${m.metadataVersion.level} (${m.metadataVersion.name})`, ...m.features.map((f) => `${f.feature}=${f.level}`)].map((l) => `${l}\n`).join('');
}

export interface FeatureDependencies {
  feature: string;
  level: number;
  dependencies: Array<{ feature: string; level: number }>;
}

/** FeatureCommand's feature-dependencies: each feature level's dependencies, every one checked first. */
export function featureDependencies(wanted: Array<[string, number]>): FeatureDependencies[] {
  return wanted.map(([feature, level]) => {
    if (feature === 'metadata.version') {
      if (metadataVersionName(level) === undefined || level < METADATA_VERSION_LEVELS.minimum) throw new KfkError(`Unknown metadata.version ${level}`);
      return { feature, level, dependencies: [] };
    }
    const f = PRODUCTION_FEATURES.find((x) => x.name === feature);
    if (!f) throw new KfkError(`Unknown feature: ${feature}`);
    const at = f.levels.find((l) => l.level === level);
    if (!at) throw new KfkError(`No feature:${feature} with feature level ${level}`);
    return { feature, level, dependencies: at.dependencies.map(([d, l]) => ({ feature: d, level: l })) };
  });
}

const levelText = (feature: string, level: number) => (feature === 'metadata.version' ? `${feature}=${level} (${metadataVersionName(level)})` : `${feature}=${level}`);

export function featureDependenciesText(all: FeatureDependencies[]): string {
  return all
    .map((d) => (d.dependencies.length === 0 ? `${levelText(d.feature, d.level)} has no dependencies.\n` : `${levelText(d.feature, d.level)} requires:\n${d.dependencies.map((x) => `    ${levelText(x.feature, x.level)}\n`).join('')}`))
    .join('');
}
