// kafka-cluster list-endpoints: DescribeCluster v2's brokers (with their fenced state) or, through
// a controller, its controllers; piped, the tool's printf columns.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';

type Flags = FlagsOf<typeof define>;

interface Endpoint {
  id: number;
  host: string;
  port: number;
  rack: string | null;
  /** Brokers only: fenced or unfenced. */
  state?: 'fenced' | 'unfenced';
  type: 'broker' | 'controller';
}

/** Java's `%-Ns`: left-aligned, padded to N (never cut). */
const pad = (s: string, n: number) => s.padEnd(n);

/** ClusterTool.listEndpoints: host column as wide as the longest host, rack as the longest rack (10 without racks). */
export function endpointsText(rows: Endpoint[], brokers: boolean): string {
  const hostW = rows.length ? Math.max(...rows.map((r) => r.host.length)) : 100;
  const racks = rows.filter((r) => r.rack !== null).map((r) => r.rack!.length);
  const rackW = racks.length ? Math.max(...racks) : 10;
  const line = (c: string[]) =>
    brokers ? `${pad(c[0], 10)} ${pad(c[1], hostW)} ${pad(c[2], 10)} ${pad(c[3], rackW)} ${pad(c[4], 10)} ${pad(c[5], 15)}\n` : `${pad(c[0], 10)} ${pad(c[1], hostW)} ${pad(c[2], 10)} ${pad(c[3], rackW)} ${pad(c[5], 15)}\n`;
  return line(['ID', 'HOST', 'PORT', 'RACK', 'STATE', 'ENDPOINT_TYPE']) + rows.map((r) => line([String(r.id), r.host, String(r.port), String(r.rack), r.state ?? '', r.type])).join('');
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const controllers = opts.bootstrapController !== undefined;
  if (controllers && opts.includeFencedBrokers) throw new KfkError('The option --include-fenced-brokers is only supported with --bootstrap-server option');
  const client = await ctx.kafka();
  const { describeClusterNodes } = await import('../../../kafka/admin/quorum.js');
  const { nodes } = await ctx.bounded(describeClusterNodes(client, Boolean(opts.includeFencedBrokers)));
  const rows: Endpoint[] = nodes.map((n) => ({
    id: n.nodeId,
    host: n.host,
    port: n.port,
    rack: n.rack,
    ...(controllers ? {} : { state: n.fenced ? ('fenced' as const) : ('unfenced' as const) }),
    type: controllers ? 'controller' : 'broker',
  }));
  await render(ctx.io, opts.output, rows, {
    text: (rs) => endpointsText(rs, !controllers),
    table: (rs, style) =>
      grid(
        controllers ? ['ID', 'HOST', 'PORT', 'RACK', 'TYPE'] : ['ID', 'HOST', 'PORT', 'RACK', 'STATE', 'TYPE'],
        rs.map((r) => [String(r.id), r.host, String(r.port), r.rack ?? '-', ...(controllers ? [] : [r.state!]), r.type]),
        style,
      ),
  });
  return 0;
}
