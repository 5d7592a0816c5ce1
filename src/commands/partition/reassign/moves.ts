// Replicas moved between the log directories of their broker (the `log_dirs` of a reassignment
// file): started with AlterReplicaLogDirs, followed through DescribeLogDirs, in the tool's words.
import type { CommandContext } from '../../../cli/context.js';
import { KfkError } from '../../../errors.js';
import type { ReplicaDirs } from '../../../kafka/admin/reassign.js';
import { byBrokerTopicPartition, replicaName, type ReplicaMove } from './plan.js';

/**
 * ReassignPartitionsCommand.executeMoves: asks each broker to move its replicas, a line for each
 * move started; a replica not on its broker yet (it is being reassigned there) is asked again
 * every 100 ms until `timeoutMs`.
 */
export async function startMoves(ctx: CommandContext, moves: ReplicaMove[], timeoutMs: number): Promise<void> {
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/reassign.js');
  const deadline = Date.now() + timeoutMs;
  let pending = [...moves];
  for (;;) {
    const codes = await ctx.bounded(api.alterReplicaLogDirs(client, pending));
    const failed = pending.filter((m) => ![0, api.REPLICA_NOT_AVAILABLE].includes(codes.get(replicaName(m)) ?? 0));
    if (failed.length) throw new KfkError(`Failed to alter dir for ${replicaName(failed.sort(byBrokerTopicPartition)[0])}`);
    const started = pending.filter((m) => codes.get(replicaName(m)) === 0).sort(byBrokerTopicPartition);
    await ctx.io.out(started.map((m) => `Successfully started moving log directory to ${m.path} for replica ${m.topic}-${m.partition} with broker ${m.broker} \n`).join(''));
    pending = pending.filter((m) => codes.get(replicaName(m)) !== 0);
    if (pending.length === 0) return;
    if (Date.now() >= deadline) {
      throw new KfkError(`Timed out before log directory move${pending.length === 1 ? '' : 's'} could be started for: ${pending.sort(byBrokerTopicPartition).map(replicaName).join(',')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The state of each move (replicaMoveStatesToString), and whether one is still under way. */
export function moveStatesText(moves: ReplicaMove[], states: Map<string, ReplicaDirs>): { text: string; ongoing: boolean } {
  let ongoing = false;
  const lines = [...moves].sort(byBrokerTopicPartition).map((m) => {
    const s = states.get(replicaName(m)) ?? { current: null, future: null };
    const tp = `${m.topic}-${m.partition}`;
    if (s.current === null) {
      ongoing = true;
      return `Partition ${tp} is not found in any live log dir on broker ${m.broker}. There is likely an offline log directory on the broker.`;
    }
    if (s.future === null) {
      if (s.current === m.path) return `Reassignment of replica ${replicaName(m)} completed successfully.`;
      return `Partition ${tp} on broker ${m.broker} is not being moved from log dir ${s.current} to ${m.path}.`;
    }
    ongoing = true;
    if (s.future === m.path) return `Reassignment of replica ${replicaName(m)} is still in progress.`;
    return `Partition ${tp} on broker ${m.broker} is being moved to log dir ${s.future} instead of ${m.path}.`;
  });
  return { text: lines.join('\n'), ongoing };
}
