import type { CommandContext } from '../../context.js';
import { KfkError, UsageError } from '../../errors.js';
import { COLLISION_WARNING, hasCollisionChars, parseCount, parseReplicaAssignment, parseTopicConfigs, validateTopicName } from '../../format/topic-args.js';

export interface CreateFlags {
  topic: string;
  partitions?: string;
  replicationFactor?: string;
  config?: string[];
  replicaAssignment?: string;
  ifNotExists?: boolean;
  output?: string;
}

export async function run(ctx: CommandContext, opts: CreateFlags): Promise<number> {
  validateTopicName(opts.topic);
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
  if (hasCollisionChars(opts.topic)) ctx.io.err(COLLISION_WARNING);

  const client = await ctx.kafka();
  const { createTopic } = await import('../../kafka/topics.js');
  try {
    await ctx.bounded(createTopic(client, { name: opts.topic, partitions, replicationFactor, configs, replicaAssignment }));
  } catch (err) {
    if (opts.ifNotExists && (err as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') {
      if (opts.output === 'json') await ctx.io.out(JSON.stringify({ topic: opts.topic, created: false }) + '\n');
      return 0;
    }
    throw err;
  }
  if (opts.output === 'json') await ctx.io.out(JSON.stringify({ topic: opts.topic, created: true }) + '\n');
  else await ctx.io.out(`Created topic ${opts.topic}.\n`);
  return 0;
}
