// kafka-transactions describe-producers: DescribeProducers at the partition's leader (or a replica).
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError, errorMessage } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { prettyPrintTable } from '../../../format/runbook-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (!/^\d+$/.test(opts.partition)) throw new UsageError(`invalid --partition '${opts.partition}': expected a partition number`);
  if (opts.brokerId !== undefined && !/^\d+$/.test(opts.brokerId)) throw new UsageError(`invalid --broker-id '${opts.brokerId}': expected a broker id`);
  const client = await ctx.kafka();
  const { describeProducers } = await import('../../../kafka/admin/transactions.js');
  const partition = Number(opts.partition);
  let producers: Awaited<ReturnType<typeof describeProducers>>;
  try {
    producers = await ctx.bounded(describeProducers(client, opts.topic, partition, opts.brokerId === undefined ? undefined : Number(opts.brokerId)));
  } catch (err) {
    if (!opts.kafkaErrors) throw err;
    const on = opts.brokerId === undefined ? 'leader' : `broker ${opts.brokerId}`;
    throw new KfkError(`Failed to describe producers for partition ${opts.topic}-${partition} on ${on}: ${errorMessage(err)}. Enable debug logging for additional detail.`);
  }
  await render(ctx.io, opts.output, producers, {
    text: (ps) =>
      prettyPrintTable(
        ['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset'],
        ps.map((p) => [String(p.producerId), String(p.producerEpoch), String(p.coordinatorEpoch), String(p.lastSequence), String(p.lastTimestamp), p.currentTxnStartOffset === -1 ? 'None' : String(p.currentTxnStartOffset)]),
      ),
    table: (ps, style) =>
      grid(
        ['PRODUCER-ID', 'EPOCH', 'COORDINATOR-EPOCH', 'LAST-SEQUENCE', 'LAST-TIMESTAMP', 'OPEN-TXN-START-OFFSET'],
        ps.map((p) => [String(p.producerId), String(p.producerEpoch), String(p.coordinatorEpoch), String(p.lastSequence), new Date(p.lastTimestamp).toISOString(), p.currentTxnStartOffset === -1 ? '-' : String(p.currentTxnStartOffset)]),
        style,
      ),
    json: (ps) => ps.map((p) => ({ ...p, currentTxnStartOffset: p.currentTxnStartOffset === -1 ? null : p.currentTxnStartOffset })),
  });
  return 0;
}
