// kafka-streams-groups --reset-offsets of one group: a plan per input partition, shown (dry run,
// the default) or committed (--execute). Refused while the group has members, as Kafka does; a
// group the cluster does not know is reset as an empty one, as the tool does.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../errors.js';
import { streamsResetText } from '../../../format/streams-group-text.js';
import type { KafkaClient } from '../../../kafka/wire/client.js';
import { runReset } from '../../group/reset-offsets/reset.js';

type Flags = FlagsOf<typeof define>;

const inactiveOnly = (group: string, state: string) => `Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.`;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const api = await import('../../../kafka/admin/streams-groups.js');
  const { commitGroupOffsets, committedOffsets } = await import('../../../kafka/admin/groups.js');
  const group = opts.group;
  const client = await ctx.kafka();
  const found = await ctx.bounded(api.describeStreamsGroup(client, group));
  const d = 'description' in found ? found.description : null;
  if (d && d.state !== 'Empty' && d.state !== 'Dead') {
    if (!opts.kafkaErrors) throw new KfkError(inactiveOnly(group, d.state));
    await ctx.io.out(`\nError: ${inactiveOnly(group, d.state)}\n` + (opts.export ? '\n' : streamsResetText(group, [])));
    return 0;
  }
  // The input topics of its topology: what --all-topics resets, and all --topic may name.
  const inputs = new Set((d?.subtopologies ?? []).flatMap((s) => [...s.sourceTopics, ...s.repartitionSourceTopics]));
  if (opts.topic?.length && opts.topic.some((t) => !inputs.has(t.split(':')[0]))) throw new KfkError(`One or more topics are not part of the group '${group}'.`);
  return runReset(ctx, opts, {
    kind: 'streams',
    // A committed offset of -1 is none.
    held: async (c: KafkaClient) => (await ctx.bounded(committedOffsets(c, group))).filter((o) => o.offset >= 0 && inputs.has(o.topic)),
    apply: (c, plan) => ctx.bounded(commitGroupOffsets(c, group, plan)),
    planText: streamsResetText,
  });
}
