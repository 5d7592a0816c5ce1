// kafka-metadata-quorum describe --status | --replication, from DescribeQuorum.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { quorumReplicationText, quorumRows, quorumStatusText } from '../../../format/runbook-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  // The tool's own wording for these (kafka-metadata-quorum's TerseException).
  if (opts.status && opts.replication) throw new UsageError('Only one of --status or --replication should be specified with describe sub-command');
  if (opts.humanReadable && !opts.replication) throw new UsageError('The option --human-readable is only supported along with --replication');
  const client = await ctx.kafka();
  const { describeQuorum } = await import('../../../kafka/admin/quorum.js');
  const q = await ctx.bounded(describeQuorum(client));
  if (!q.voters.some((v) => v.replicaId === q.leaderId)) throw new KfkError(`the quorum has no leader now (leader id ${q.leaderId})`);
  const rows = quorumRows(q);
  if (opts.replication) {
    await render(ctx.io, opts.output, rows, {
      text: (rs) => quorumReplicationText(rs, Boolean(opts.humanReadable)),
      table: (rs, style) => {
        const now = Date.now();
        const ago = (t: number) => (t === -1 ? '-' : `${now - t} ms ago`);
        return grid(
          ['NODE', 'STATUS', 'LOG-END-OFFSET', 'LAG', 'LAST-FETCH', 'LAST-CAUGHT-UP', 'DIRECTORY-ID'],
          rs.map((r) => [String(r.nodeId), r.status, String(r.logEndOffset), String(r.lag), ago(r.lastFetchTimestamp), ago(r.lastCaughtUpTimestamp), r.directoryId]),
          style,
        );
      },
    });
    return 0;
  }
  await render(ctx.io, opts.output, q, {
    text: quorumStatusText,
    table: async (d, style) =>
      quorumStatusText(d)
        .split('\n')
        .filter((l) => !/^Current(Voters|Observers):/.test(l))
        .join('\n') +
      '\n' +
      (await grid(['NODE', 'STATUS', 'LOG-END-OFFSET', 'LAG', 'ENDPOINTS'], rows.map((r) => [String(r.nodeId), r.status, String(r.logEndOffset), String(r.lag), (d.nodes.find((n) => n.nodeId === r.nodeId)?.listeners ?? []).map((l) => `${l.name}://${l.host}:${l.port}`).join(',')]), style)),
    json: (d) => ({
      clusterId: d.clusterId,
      leaderId: d.leaderId,
      leaderEpoch: d.leaderEpoch,
      highWatermark: d.highWatermark,
      voters: d.voters.map((v) => ({ ...v, endpoints: (d.nodes.find((n) => n.nodeId === v.replicaId)?.listeners ?? []).map((l) => `${l.name}://${l.host}:${l.port}`) })),
      observers: d.observers.map((v) => ({ ...v, endpoints: (d.nodes.find((n) => n.nodeId === v.replicaId)?.listeners ?? []).map((l) => `${l.name}://${l.host}:${l.port}`) })),
    }),
  });
  return 0;
}
