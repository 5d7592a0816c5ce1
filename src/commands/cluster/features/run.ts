// kafka-features describe: the supported and finalized features a broker's ApiVersions reports.
// kafka-features upgrade|downgrade|disable: UpdateFeatures, each feature's outcome as the tool
// prints it (in name order), exit 1 when one failed.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { featureRows, featuresText, metadataVersionLevel, metadataVersionNames } from '../../../format/runbook-text.js';
import type { FeatureUpdate, UpgradeType } from '../../../kafka/admin/features.js';

type Flags = FlagsOf<typeof define>;

type Op = 'upgrade' | 'downgrade' | 'disable';

/** FeatureCommand.parseNameAndLevel: `name=level`, both trimmed, the level a Java short. */
function nameAndLevel(input: string): [string, number] {
  const eq = input.indexOf('=');
  if (eq < 0) throw new KfkError(`Can't parse feature=level string ${input}: equals sign not found.`);
  const name = input.slice(0, eq).trim();
  const level = input.slice(eq + 1).trim();
  const n = /^[+-]?\d{1,6}$/.test(level) ? Number(level) : Number.NaN;
  if (!(n >= -32768 && n <= 32767)) throw new KfkError(`Can't parse feature=level string ${input}: unable to parse ${level} as a short.`);
  return [name, n];
}

async function update(ctx: CommandContext, opts: Flags, op: Op): Promise<number> {
  const type: UpgradeType = op === 'upgrade' ? 1 : opts.unsafe ? 3 : 2;
  const updates = new Map<string, FeatureUpdate>();
  const add = (feature: string, level: number) => {
    if (updates.has(feature)) throw new KfkError(`Feature ${feature} was specified more than once.`);
    updates.set(feature, { feature, level, upgradeType: type });
  };
  const release = op === 'upgrade' ? opts.upgradeRelease : op === 'downgrade' ? opts.downgradeRelease : undefined;
  if (release !== undefined) {
    if (opts.metadata !== undefined || (op === 'upgrade' ? opts.upgrade : opts.downgrade) !== undefined) throw new KfkError('Can not specify `release-version` with other feature flags.');
    // As kafka-features --release-version: metadata.version and every production feature at the release's defaults.
    const { versionMapping } = await import('./releases.js');
    const m = versionMapping(release);
    updates.set('metadata.version', { feature: 'metadata.version', level: m.metadataVersion.level, upgradeType: type });
    for (const f of m.features) updates.set(f.feature, { feature: f.feature, level: f.level, upgradeType: type });
  }
  if (opts.metadata !== undefined) {
    await ctx.io.out(' `metadata` flag is deprecated and may be removed in a future release.\n');
    const level = metadataVersionLevel(opts.metadata);
    if (level === undefined) throw new KfkError(`Unknown metadata.version '${opts.metadata}'. Supported metadata.version are: ${metadataVersionNames().join(', ')}`);
    updates.set('metadata.version', { feature: 'metadata.version', level, upgradeType: type });
  }
  const given = op === 'upgrade' ? opts.upgrade : op === 'downgrade' ? opts.downgrade : undefined;
  for (const f of given ?? []) add(...nameAndLevel(f));
  for (const f of op === 'disable' ? (opts.disable ?? []) : []) add(f, 0);
  if (updates.size === 0) throw new KfkError(`You must specify at least one feature to ${op}`);

  const client = await ctx.kafka();
  const { updateFeatures } = await import('../../../kafka/admin/features.js');
  const outcomes = await ctx.bounded(updateFeatures(client, [...updates.values()], opts.dryRun === true));
  const dry = opts.dryRun === true;
  const line = (o: (typeof outcomes)[number]) => {
    if (o.error !== null) return `${dry ? 'Can not ' : 'Could not '}${op === 'disable' ? `disable ${o.feature}` : `${op} ${o.feature} to ${o.level}`}. ${o.error}`;
    return `${o.feature}${dry ? ' can be ' : ' was '}${op === 'disable' ? 'disabled.' : `${op}d to ${o.level}.`}`;
  };
  await render(ctx.io, opts.output, outcomes, {
    text: (os) => os.map((o) => line(o) + '\n').join(''),
    json: (os) => os.map((o) => ({ feature: o.feature, level: o.level, dryRun: dry, ok: o.error === null, error: o.error })),
  });
  const failed = outcomes.filter((o) => o.error !== null).length;
  if (failed) throw new KfkError(`${failed} out of ${outcomes.length} operation(s) failed.`);
  return 0;
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.versionMapping !== undefined || opts.dependencies !== undefined) {
    // Kafka's own table: no cluster to ask.
    if (opts.versionMapping !== undefined && opts.dependencies !== undefined) throw new UsageError('give --version-mapping or --dependencies, not both');
    const r = await import('./releases.js');
    if (opts.dependencies !== undefined) {
      const deps = r.featureDependencies(opts.dependencies.map(nameAndLevel));
      await render(ctx.io, opts.output, deps, { text: r.featureDependenciesText });
    } else {
      const m = r.versionMapping(opts.versionMapping === true ? undefined : opts.versionMapping);
      await render(ctx.io, opts.output, m, { text: r.versionMappingText, json: (x) => ({ metadataVersion: x.metadataVersion, features: Object.fromEntries(x.features.map((f) => [f.feature, f.level])) }) });
    }
    return 0;
  }
  const ops: Op[] = opts.op ? [opts.op as Op] : (['upgrade', 'downgrade', 'disable'] as const).filter((o) => opts[o] !== undefined || (o === 'upgrade' && opts.upgradeRelease !== undefined) || (o === 'downgrade' && opts.downgradeRelease !== undefined));
  if (!opts.op && ops.length === 0 && opts.metadata !== undefined) ops.push('upgrade');
  if (ops.length > 1) throw new UsageError('give one of --upgrade, --downgrade and --disable');
  if (ops.length === 1) return update(ctx, opts, ops[0]);
  if (opts.unsafe || opts.dryRun) throw new UsageError('--unsafe and --dry-run go with --upgrade, --downgrade or --disable');
  if (opts.nodeId !== undefined && !/^\d+$/.test(opts.nodeId)) throw new UsageError(`invalid --node-id '${opts.nodeId}': expected a broker id`);
  const client = await ctx.kafka();
  const { describeFeatures } = await import('../../../kafka/admin/quorum.js');
  const rows = featureRows(await ctx.bounded(describeFeatures(client, opts.nodeId === undefined ? undefined : Number(opts.nodeId))));
  await render(ctx.io, opts.output, rows, {
    text: featuresText,
    table: (rs, style) =>
      grid(['FEATURE', 'SUPPORTED-MIN', 'SUPPORTED-MAX', 'FINALIZED', 'EPOCH'], rs.map((r) => [r.feature, r.supportedMinVersion, r.supportedMaxVersion, r.finalizedVersionLevel, r.epoch === null ? '-' : String(r.epoch)]), style),
  });
  return 0;
}
