import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { splitTopicList } from '../../../format/topic-pattern.js';
import { COLLISION_WARNING, hasCollisionChars, parseCount, parseReplicaAssignment, parseTopicConfigs, validateTopicName } from '../../../format/topic-args.js';
import { notReadyNotes } from '../not-ready.js';

type Flags = FlagsOf<typeof define>;

/** `--topic a,b,c` creates every topic in one request, all with the same layout and configs. */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const names = [...new Set(splitTopicList(opts.topic))];
  if (names.length === 0) throw new UsageError('--topic needs a name');
  names.forEach(validateTopicName);
  const partitions = parseCount(opts.partitions, '--partitions');
  const replicationFactor = parseCount(opts.replicationFactor, '--replication-factor');
  if (partitions !== undefined && partitions < 1) throw new KfkError('The partitions must be greater than 0');
  if (replicationFactor !== undefined && (replicationFactor < 1 || replicationFactor > 32767)) {
    throw new KfkError('The replication factor must be between 1 and 32767 inclusive');
  }
  const replicaAssignment = opts.replicaAssignment === undefined ? undefined : parseReplicaAssignment(opts.replicaAssignment);
  if (replicaAssignment && (partitions !== undefined || replicationFactor !== undefined)) {
    throw new UsageError('--replica-assignment cannot be combined with --partitions or --replication-factor');
  }
  const configs = parseTopicConfigs(opts.config);
  if (names.some(hasCollisionChars)) ctx.io.err(COLLISION_WARNING);

  const client = await ctx.kafka();
  const { createTopics } = await import('../../../kafka/admin/topics.js');
  const results = await ctx.bounded(
    createTopics(client, names.map((name) => ({ name, partitions, replicationFactor, configs, replicaAssignment }))),
    { unanswered: `the cluster may create ${names.length === 1 ? 'the topic' : 'them'} all the same: kfk topic describe --topic ${names.join(',')} shows it; a new try with --if-not-exists does not fail on ${names.length === 1 ? 'it' : 'those created'}` },
  );
  // Returned once the new topics' partitions answer at their leaders (up to 10 s): a script that
  // writes or reads right after does not meet partitions their broker is still setting up. Kafka's
  // tool returns at once too, but the next tool of such a script spends a second or more starting
  // its JVM, time in which the brokers get ready.
  const created = results.filter((r) => r.error === null).map((r) => ({ topic: r.name, partitions: partitions ?? replicaAssignment?.length }));
  if (created.length) {
    const { awaitPartitionsAnswer, NEW_PARTITIONS_WAIT_MS, UNANSWERED } = await import('../../../kafka/admin/offsets.js');
    for (const note of notReadyNotes(await awaitPartitionsAnswer(client, created, NEW_PARTITIONS_WAIT_MS), UNANSWERED)) ctx.io.note(note);
  }
  const outcome = results.map((r) => ({
    topic: r.name,
    created: r.error === null,
    error: r.error && !(opts.ifNotExists && r.error.type === 'TOPIC_ALREADY_EXISTS') ? r.error.message : null,
  }));
  await render(ctx.io, opts.output, outcome, {
    text: (all) => all.filter((o) => o.created).map((o) => `Created topic ${o.topic}.\n`).join(''),
    // One topic: an object; several: a list.
    json: (all) => (names.length === 1 ? { topic: all[0].topic, created: all[0].created } : all.map(({ topic, created }) => ({ topic, created }))),
  });
  const failed = outcome.filter((o) => o.error);
  if (failed.length === 1 && names.length === 1) throw new KfkError(failed[0].error!);
  for (const f of failed) ctx.io.note(`${f.error}`);
  if (failed.length) throw new KfkError(`${failed.length} of ${names.length} topics not created`);
  return 0;
}
