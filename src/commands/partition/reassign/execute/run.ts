// kafka-reassign-partitions --execute: the current assignment (for a rollback), throttles on the
// moving replicas and their brokers, then AlterPartitionReassignments; then the moves between log
// directories the file names (AlterReplicaLogDirs).
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../../errors.js';
import { byTopicPartition, readPlan, reassignmentJson, replicaMoves, s, type Target } from '../plan.js';
import { startMoves } from '../moves.js';
import { copiedHashMapOrder, defaultHashSetOrder, hashSetOrder, javaStringHash, sizedHashMapOrder } from '../../../../format/java-order.js';

type Flags = FlagsOf<typeof define>;

/** Throttled replicas as the tool lists them: `partition:broker` strings in string order (a TreeSet). */
const throttleList = (items: string[]) => [...new Set(items)].sort().join(',');

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  let throttle = -1;
  if (opts.throttle !== undefined) {
    if (!/^-?\d+$/.test(opts.throttle)) throw new UsageError(`invalid --throttle '${opts.throttle}': expected bytes per second`);
    throttle = Number(opts.throttle);
  }
  let logDirThrottle = -1;
  if (opts.logDirThrottle !== undefined) {
    if (!/^-?\d+$/.test(opts.logDirThrottle)) throw new UsageError(`invalid --log-dir-throttle '${opts.logDirThrottle}': expected bytes per second`);
    logDirThrottle = Number(opts.logDirThrottle);
  }
  const plan = readPlan(opts.reassignmentJsonFile, true);
  const moves = replicaMoves(plan);
  const client = await ctx.kafka();
  const api = await import('../../../../kafka/admin/reassign.js');
  const ongoing = await ctx.bounded(api.ongoingReassignments(client));
  if (!opts.additional && ongoing.length) {
    throw new KfkError(
      'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one. The --additional flag can also be used to change the throttle by resubmitting the current reassignment.',
      { verbatim: true },
    );
  }
  const brokers = await ctx.bounded(api.brokerIds(client));
  const unknown = plan.flatMap((t) => t.replicas).find((b) => !brokers.includes(b));
  if (unknown !== undefined) throw new KfkError(`Unknown broker id ${unknown}`);
  const current = await ctx.bounded(api.currentReplicas(client, plan));
  const missing = plan.filter((t) => !current.has(`${t.topic}-${t.partition}`));
  if (missing.length) {
    // As the tool: the first topic that is not there, in its HashMap's order (describeTopics);
    // else every partition that is not, in its HashSet's order.
    // (The topics come into the tool's HashSet from its HashMap of the partitions.)
    const topics = defaultHashSetOrder([...new Set(hashSetOrder(plan).map((t) => t.topic))], javaStringHash);
    const known = await ctx.bounded(api.existingTopics(client, topics));
    // KafkaAdminClient.describeTopics: a HashMap sized for the topics, handed back as a copy.
    const gone = copiedHashMapOrder(sizedHashMapOrder(topics, javaStringHash), javaStringHash).find((t) => !known.has(t));
    const cls = 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException';
    if (gone !== undefined) throw new KfkError(`${cls}: Topic ${gone} not found.`);
    // The missing ones: a copy of the HashSet of the plan's partitions, the found ones removed.
    const names = hashSetOrder(missing, new Set(plan.map((t) => `${t.topic}-${t.partition}`)).size).map((t) => `${t.topic}-${t.partition}`);
    throw new KfkError(`${cls}: Unable to find partition: ${[...new Set(names)].join(', ')}`);
  }
  const currentParts: Target[] = plan.map((t) => ({ topic: t.topic, partition: t.partition, replicas: current.get(`${t.topic}-${t.partition}`)! }));
  const dirs = await ctx.bounded(api.replicaLogDirs(client, [...new Set(currentParts.flatMap((t) => t.replicas))].sort((a, b) => a - b), [...new Set(plan.map((t) => t.topic))]));
  let out =
    'Current partition replica assignment\n\n' +
    reassignmentJson(currentParts, (t, r) => dirs.get(`${t.topic}-${t.partition}/${r}`) ?? 'any') +
    '\n\nSave this to use as the --reassignment-json-file option during rollback\n';
  await ctx.io.out(out);
  out = '';
  if (throttle >= 0 || logDirThrottle >= 0) await ctx.io.out('Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\n');
  if (throttle >= 0) {
    // What moves: the ongoing reassignments, then these (sources: the current replicas).
    const moves = new Map<string, Map<number, { sources: Set<number>; destinations: Set<number> }>>();
    const moveOf = (topic: string) => moves.get(topic) ?? moves.set(topic, new Map()).get(topic)!;
    for (const o of ongoing) moveOf(o.topic).set(o.partition, { sources: new Set(o.replicas.filter((r) => !o.adding.includes(r))), destinations: new Set(o.adding) });
    for (const t of plan) {
      const m = moveOf(t.topic);
      const sources = m.get(t.partition)?.sources ?? new Set(current.get(`${t.topic}-${t.partition}`));
      m.set(t.partition, { sources, destinations: new Set(t.replicas.filter((r) => !sources.has(r))) });
    }
    const reassigning = new Set<number>();
    await ctx.bounded(
      Promise.all(
        [...moves].map(([topic, parts]) => {
          const leader: string[] = [];
          const follower: string[] = [];
          for (const [p, m] of parts) {
            m.sources.forEach((b) => (leader.push(`${p}:${b}`), reassigning.add(b)));
            m.destinations.forEach((b) => (follower.push(`${p}:${b}`), reassigning.add(b)));
          }
          return api.setTopicThrottles(client, topic, throttleList(leader), throttleList(follower));
        }),
      ),
    );
    await ctx.bounded(Promise.all([...reassigning].map((b) => api.setBrokerThrottle(client, b, throttle))));
    await ctx.io.out(`The inter-broker throttle limit was set to ${throttle} B/s\n`);
  }
  if (logDirThrottle >= 0) {
    await ctx.bounded(Promise.all([...new Set(moves.map((m) => m.broker))].map((b) => api.setLogDirThrottle(client, b, logDirThrottle))));
    await ctx.io.out(`The replica-alter-dir throttle limit was set to ${logDirThrottle} B/s\n`);
  }
  const errors = await ctx.bounded(api.alterReassignments(client, plan));
  if (errors.size) {
    const lines = [...plan].sort(byTopicPartition).filter((t) => errors.has(`${t.topic}-${t.partition}`)).map((t) => `${t.topic}-${t.partition}: ${errors.get(`${t.topic}-${t.partition}`)}`);
    throw new KfkError(`Error reassigning partition(s):\n${lines.join('\n')}`, { verbatim: true });
  }
  await ctx.io.out(`Successfully started partition reassignment${s(plan.length)} for ${[...plan].sort(byTopicPartition).map((t) => `${t.topic}-${t.partition}`).join(',')}\n`);
  if (moves.length) await startMoves(ctx, moves, ctx.config().timeoutMs);
  return 0;
}
