// kafka-consumer-groups --reset-offsets: a plan per partition, shown (dry run, the default) or
// committed (--execute). Refused while the group has active members, as Kafka does.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';
import { runReset } from './reset.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const groups = await import('../../../kafka/admin/groups.js');
  const held = async (client: KafkaClient) => {
    const d = await ctx.bounded(groups.describeGroup(client, opts.group));
    if (d && d.state !== 'Empty') {
      throw new KfkError(`Assignments can only be reset if the group '${opts.group}' is inactive, but the current state is ${d.state}.`);
    }
    // A committed offset of -1 is none: the partition is not the group's.
    return (await ctx.bounded(groups.committedOffsets(client, opts.group))).filter((c) => c.offset >= 0);
  };
  return runReset(ctx, opts, { kind: 'consumer', held, apply: (client, plan) => ctx.bounded(groups.commitGroupOffsets(client, opts.group, plan)) });
}
