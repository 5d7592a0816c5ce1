// kafka-transactions describe: DescribeTransactions at the id's coordinator.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, errorMessage } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { hashSetOrder } from '../../../format/java-order.js';
import { prettyPrintTable } from '../../../format/runbook-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { describeTransaction } = await import('../../../kafka/admin/transactions.js');
  let t: Awaited<ReturnType<typeof describeTransaction>>;
  try {
    t = await ctx.bounded(describeTransaction(client, opts.transactionalId));
  } catch (err) {
    if (!opts.kafkaErrors) throw err;
    throw new KfkError(`Failed to describe transaction state of transactional-id \`${opts.transactionalId}\`: ${errorMessage(err)}. Enable debug logging for additional detail.`);
  }
  const now = Date.now();
  const started = t.startTimeMs === -1 ? null : t.startTimeMs;
  const partitions = hashSetOrder(t.partitions).map((p) => `${p.topic}-${p.partition}`);
  await render(ctx.io, opts.output, t, {
    text: () =>
      prettyPrintTable(
        ['CoordinatorId', 'TransactionalId', 'ProducerId', 'ProducerEpoch', 'TransactionState', 'TransactionTimeoutMs', 'CurrentTransactionStartTimeMs', 'TransactionDurationMs', 'TopicPartitions'],
        [[String(t.coordinator), t.transactionalId, String(t.producerId), String(t.producerEpoch), t.state, String(t.timeoutMs), started === null ? 'None' : String(started), started === null ? 'None' : String(now - started), partitions.join(',')]],
      ),
    table: (_t, style) =>
      grid(
        ['FIELD', 'VALUE'],
        [
          ['transactional id', t.transactionalId],
          ['coordinator', String(t.coordinator)],
          ['producer id / epoch', `${t.producerId} / ${t.producerEpoch}`],
          ['state', t.state],
          ['timeout', `${t.timeoutMs} ms`],
          ['started', started === null ? '-' : `${new Date(started).toISOString()} (${now - started} ms ago)`],
          ['partitions', partitions.sort().join(', ') || '-'],
        ],
        style,
      ),
    json: () => ({
      transactionalId: t.transactionalId,
      coordinator: t.coordinator,
      producerId: t.producerId,
      producerEpoch: t.producerEpoch,
      state: t.state,
      timeoutMs: t.timeoutMs,
      startTimeMs: started,
      partitions: [...t.partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)),
    }),
  });
  return 0;
}
