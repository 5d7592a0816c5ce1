// The shapes of Kafka's metadata.version and feature tables. The tables themselves are generated
// into ./feature-levels.ts (scripts/gen-feature-levels.mjs); their types are kfk's own, here.

export interface MetadataVersionInfo {
  level: number;
  /** As Kafka names it: 4.0-IV3. */
  name: string;
  release: string;
  production: boolean;
}

export interface FeatureInfo {
  name: string;
  latestProduction: number;
  /** Each level and the feature levels it needs: [feature, level]. */
  levels: Array<{ level: number; dependencies: Array<[string, number]> }>;
  /** The default level from each metadata.version level on: [metadata.version level, feature level], ascending. */
  defaults: Array<[number, number]>;
}
