// kafka-reassign-partitions --list: ListPartitionReassignments.
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../../cli/output.js';
import { grid } from '../../../../format/group-text.js';
import { byTopicPartition } from '../plan.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const api = await import('../../../../kafka/admin/reassign.js');
  const ongoing = (await ctx.bounded(api.ongoingReassignments(client))).sort(byTopicPartition);
  await render(ctx.io, opts.output, ongoing, {
    text: (os) =>
      os.length === 0
        ? 'No partition reassignments found.\n'
        : 'Current partition reassignments:\n' +
          os.map((o) => `${o.topic}-${o.partition}: replicas: ${o.replicas.join(',')}.${o.adding.length ? ` adding: ${o.adding.join(',')}.` : ''}${o.removing.length ? ` removing: ${o.removing.join(',')}.` : ''}\n`).join(''),
    table: (os, style) => grid(['TOPIC', 'PARTITION', 'REPLICAS', 'ADDING', 'REMOVING'], os.map((o) => [o.topic, String(o.partition), o.replicas.join(','), o.adding.join(','), o.removing.join(',')]), style),
  });
  return 0;
}
