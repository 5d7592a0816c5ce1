// kafka-transactions list: ListTransactions to every broker, with its duration and id filters.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError, errorMessage } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { prettyPrintTable } from '../../../format/runbook-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.durationFilter !== undefined && !/^-?\d+$/.test(opts.durationFilter)) throw new UsageError(`invalid --duration-filter '${opts.durationFilter}': expected milliseconds`);
  const client = await ctx.kafka();
  const { listTransactions } = await import('../../../kafka/admin/transactions.js');
  const filters = {
    ...(opts.durationFilter === undefined ? {} : { durationMs: Number(opts.durationFilter) }),
    ...(opts.transactionalIdPattern === undefined ? {} : { pattern: opts.transactionalIdPattern }),
  };
  let listed: Awaited<ReturnType<typeof listTransactions>>;
  try {
    const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the transactions it coordinates are not listed`);
    listed = await ctx.bounded(listTransactions(client, filters, onUnreachable));
  } catch (err) {
    throw new KfkError(`Failed to list transactions: ${errorMessage(err)}${opts.kafkaErrors ? '. Enable debug logging for additional detail.' : ''}`, { cause: err });
  }
  const rows = listed.flatMap((b) => b.transactions.map((t) => ({ transactionalId: t.transactionalId, coordinator: b.broker, producerId: t.producerId, state: t.state })));
  await render(ctx.io, opts.output, rows, {
    text: (rs) => prettyPrintTable(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'], rs.map((r) => [r.transactionalId, String(r.coordinator), String(r.producerId), r.state])),
    table: (rs, style) =>
      grid(['TRANSACTIONAL-ID', 'COORDINATOR', 'PRODUCER-ID', 'STATE'], [...rs].sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : 1)).map((r) => [r.transactionalId, String(r.coordinator), String(r.producerId), r.state]), style),
    json: (rs) => [...rs].sort((a, b) => (a.transactionalId < b.transactionalId ? -1 : 1)),
  });
  return 0;
}
