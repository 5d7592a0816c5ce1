// kafka-client-metrics --alter: IncrementalAlterConfigs of the keys given (SET, or DELETE for an
// empty value), on the resource named or a new one named by a random Kafka UUID.
import { randomBytes } from 'node:crypto';
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  // The tool's checks, in its words.
  if ((opts.name !== undefined) === Boolean(opts.generateName)) throw new UsageError('One of --name or --generate-name must be specified with --alter.');
  if (opts.interval !== undefined && opts.interval !== '' && !/^[+-]?\d+$/.test(opts.interval)) throw new UsageError('Invalid interval value. Enter an integer, or leave empty to reset.');
  // Kafka's Uuid.randomUuid().toString(): 16 random bytes in URL-safe base64, as the tool names one.
  const name = opts.name ?? randomBytes(16).toString('base64url');
  const values: Record<string, string | undefined> = { 'interval.ms': opts.interval, metrics: opts.metrics, match: opts.match };
  const set: Record<string, string> = {};
  const del: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === '') del.push(key);
    else if (value !== undefined) set[key] = value;
  }
  const client = await ctx.kafka();
  const { alterConfigs } = await import('../../../kafka/admin/configs.js');
  await ctx.bounded(alterConfigs(client, 'client-metrics', name, { set, delete: del }));
  await ctx.io.out(`Altered client metrics config for ${name}.\n`);
  return 0;
}
