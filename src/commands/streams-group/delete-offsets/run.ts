// kafka-streams-groups --delete-offsets: OffsetDelete of the group's offsets, as kafka-consumer-groups
// does it and prints it (../../group/delete-offsets/delete.ts); --all-topics: the partitions of the
// group's source topics it has committed offsets for.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';
import { runDeleteOffsets } from '../../group/delete-offsets/delete.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.allTopics && opts.topic?.length) throw new UsageError('--topic and --all-topics cannot be used together');
  if (!opts.allTopics && !opts.topic?.length) throw new UsageError('give --topic or --all-topics');
  let topic = opts.topic ?? [];
  if (opts.allTopics) {
    const client = await ctx.kafka();
    const api = await import('../../../kafka/admin/streams-groups.js');
    const { committedOffsets } = await import('../../../kafka/admin/groups.js');
    const found = await ctx.bounded(api.describeStreamsGroup(client, opts.group));
    // Its source topics (not its repartition topics), as the tool's --all-input-topics.
    const inputs = new Set(('description' in found ? found.description.subtopologies : []).flatMap((s) => s.sourceTopics));
    const byTopic = new Map<string, number[]>();
    for (const c of await ctx.bounded(committedOffsets(client, opts.group))) if (c.offset >= 0 && inputs.has(c.topic)) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c.partition]);
    topic = [...byTopic].map(([t, ps]) => `${t}:${ps.join(',')}`);
  }
  return runDeleteOffsets(ctx, { ...opts, topic });
}
