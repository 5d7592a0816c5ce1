// kafka-share-groups --reset-offsets: a plan per partition, shown (dry run, the default) or applied
// (--execute, AlterShareGroupOffsets). Refused while the group has members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';
import { runReset } from '../../group/reset-offsets/reset.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const api = await import('../../../kafka/admin/share-groups.js');
  // Every partition the group knows, with a start offset or not.
  const held = async (client: KafkaClient) => {
    const d = await ctx.bounded(api.describeShareGroup(client, opts.group));
    if (d && d.state !== 'Empty' && d.state !== 'Dead') throw new KfkError(`Share group '${opts.group}' is not empty.`);
    const known = d ? await ctx.bounded(api.shareGroupOffsets(client, opts.group)) : [];
    return known.map((k) => ({ topic: k.topic, partition: k.partition, offset: k.startOffset }));
  };
  return runReset(ctx, opts, { kind: 'share', held, apply: (client, plan) => ctx.bounded(api.alterShareOffsets(client, opts.group, plan)) });
}
