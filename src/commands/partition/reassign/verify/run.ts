// kafka-reassign-partitions --verify: each partition's state, each move between log directories;
// throttles cleared when nothing moves.
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { byTopicPartition, readPlan, replicaMoves } from '../plan.js';
import { moveStatesText } from '../moves.js';
import { clearThrottlesText } from '../cancel/run.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const plan = readPlan(opts.reassignmentJsonFile, false);
  const client = await ctx.kafka();
  const api = await import('../../../../kafka/admin/reassign.js');
  const ongoing = await ctx.bounded(api.ongoingReassignments(client));
  const current = await ctx.bounded(api.currentReplicas(client, plan));
  const lines = ['Status of partition reassignment:'];
  for (const t of [...plan].sort(byTopicPartition)) {
    const o = ongoing.find((x) => x.topic === t.topic && x.partition === t.partition);
    const now = current.get(`${t.topic}-${t.partition}`) ?? [];
    if (o) lines.push(`Reassignment of partition ${t.topic}-${t.partition} is still in progress.`);
    else if (now.join() === t.replicas.join()) lines.push(`Reassignment of partition ${t.topic}-${t.partition} is completed.`);
    else lines.push(`There is no active reassignment of partition ${t.topic}-${t.partition}, but replica set is ${now.join(',')} rather than ${t.replicas.join(',')}.`);
  }
  // Then the moves between log directories (a line each; an empty line when there are none).
  const moves = replicaMoves(plan);
  const states = moves.length ? await ctx.bounded(api.replicaDirStates(client, moves)) : new Map();
  const m = moveStatesText(moves, states);
  await ctx.io.out(lines.join('\n') + '\n' + m.text + '\n');
  if (ongoing.length === 0 && !m.ongoing && !opts.preserveThrottles) await clearThrottlesText(ctx, plan);
  return 0;
}
