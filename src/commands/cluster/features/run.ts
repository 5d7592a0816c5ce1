// kafka-features describe: the supported and finalized features a broker's ApiVersions reports.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { featureRows, featuresText } from '../../../format/runbook-text.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
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
