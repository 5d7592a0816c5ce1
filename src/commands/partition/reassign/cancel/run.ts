// kafka-reassign-partitions --cancel: AlterPartitionReassignments with no replicas for those under way.
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError } from '../../../../errors.js';
import { javaStringHash } from '../../../../format/java-order.js';
import { byTopicPartition, readPlan, replicaMoves, replicaName, s, type Target } from '../plan.js';
import { startMoves } from '../moves.js';

type Flags = FlagsOf<typeof define>;

/**
 * Clears the broker and topic throttles, with the tool's two lines (its HashSets' order), each
 * printed before its step as the tool does (a step that fails leaves the lines before it).
 */
export async function clearThrottlesText(ctx: CommandContext, plan: Target[]): Promise<void> {
  const client = await ctx.kafka();
  const api = await import('../../../../kafka/admin/reassign.js');
  const brokers = [...new Set([...(await ctx.bounded(api.brokerIds(client))), ...plan.flatMap((t) => t.replicas)])];
  let capacity = 16;
  while (brokers.length > capacity * 0.75) capacity *= 2;
  brokers.sort((a, b) => (a & (capacity - 1)) - (b & (capacity - 1)) || a - b);
  const topics = [...new Set(plan.map((t) => t.topic))];
  let tcap = 16;
  while (topics.length > tcap * 0.75) tcap *= 2;
  const bucket = (t: string) => {
    const h = javaStringHash(t);
    return (h ^ (h >>> 16)) & (tcap - 1);
  };
  topics.sort((a, b) => bucket(a) - bucket(b));
  await ctx.io.out(`Clearing broker-level throttles on broker${s(brokers.length)} ${brokers.join(',')}\n`);
  await ctx.bounded(api.clearThrottles(client, brokers, []));
  await ctx.io.out(`Clearing topic-level throttles on topic${s(topics.length)} ${topics.join(',')}\n`);
  await ctx.bounded(api.clearThrottles(client, [], topics));
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const plan = readPlan(opts.reassignmentJsonFile, false);
  const client = await ctx.kafka();
  const api = await import('../../../../kafka/admin/reassign.js');
  const ongoing = await ctx.bounded(api.ongoingReassignments(client, plan));
  // As the tool: what adds replicas without removing any is left alone.
  const cancel = ongoing.filter((o) => o.adding.length === 0 || o.removing.length > 0).sort(byTopicPartition);
  if (cancel.length) {
    const errors = await ctx.bounded(api.alterReassignments(client, cancel.map((o) => ({ topic: o.topic, partition: o.partition, replicas: null }))));
    if (errors.size) {
      const lines = cancel.filter((o) => errors.has(`${o.topic}-${o.partition}`)).map((o) => `${o.topic}-${o.partition}: ${errors.get(`${o.topic}-${o.partition}`)}`);
      throw new KfkError(`Error cancelling partition reassignment${s(errors.size)} for:\n${lines.join('\n')}`, { verbatim: true });
    }
    // Each line goes out before the next step, as the tool prints them (a failure keeps them).
    await ctx.io.out(`Successfully cancelled partition reassignment${s(cancel.length)} for: ${cancel.map((o) => `${o.topic}-${o.partition}`).join(',')}\n`);
  } else await ctx.io.out('None of the specified partition reassignments are active.\n');
  // Moves between log directories under way go back to where their replicas are.
  const moves = replicaMoves(plan);
  const states = moves.length ? await ctx.bounded(api.replicaDirStates(client, moves)) : new Map<string, { current: string | null; future: string | null }>();
  const back = moves.flatMap((m) => {
    const st = states.get(replicaName(m));
    return st?.current && st.future ? [{ ...m, path: st.current }] : [];
  });
  if (back.length) await startMoves(ctx, back, ctx.config().timeoutMs);
  else await ctx.io.out('None of the specified partition moves are active.'); // the tool's line has no end of line
  if (!opts.preserveThrottles) await clearThrottlesText(ctx, plan);
  return 0;
}
