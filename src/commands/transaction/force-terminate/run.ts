// kafka-transactions forceTerminateTransaction: InitProducerId at the id's coordinator, which
// aborts its open transaction and fences its producer (Admin#forceTerminateTransaction).
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, errorMessage } from '../../../errors.js';
import { render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { forceTerminateTransaction } = await import('../../../kafka/admin/transactions.js');
  // The admin client's request.timeout.ms (30 s by default) is the new producer's transaction timeout.
  const timeoutMs = Number(ctx.config().properties.get('request.timeout.ms') ?? 30_000) || 30_000;
  let fenced: Awaited<ReturnType<typeof forceTerminateTransaction>>;
  try {
    fenced = await ctx.bounded(forceTerminateTransaction(client, opts.transactionalId, timeoutMs));
  } catch (err) {
    // kfk's own command says what failed in its own words, as transaction describe does; the
    // drop-in wraps it as kafka-transactions does.
    if (!opts.kafkaErrors) throw err;
    throw new KfkError(`Failed to force terminate transactionalId \`${opts.transactionalId}\`: ${errorMessage(err)}. Enable debug logging for additional detail.`, { cause: err });
  }
  await render(ctx.io, opts.output, fenced, {
    text: () => '',
    table: (f) => `Terminated transactional id ${opts.transactionalId}: its open transaction is aborted; producer ${f.producerId} is at epoch ${f.producerEpoch}.\n`,
    json: (f) => ({ transactionalId: opts.transactionalId, terminated: true, ...f }),
  });
  return 0;
}
