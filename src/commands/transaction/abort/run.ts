// kafka-transactions abort: an abort marker at the partition's leader (WriteTxnMarkers), for the
// producer whose open transaction starts at --start-offset, or for the producer and epochs given.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, errorMessage } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { integer, refusal } from '../args.js';

type Flags = FlagsOf<typeof define>;

const ENABLE_DEBUG = '. Enable debug logging for additional detail.';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const refuse = refusal(opts.kafkaErrors);
  const partition = integer(opts.partition, '--partition')!;
  const startOffset = integer(opts.startOffset, '--start-offset');
  const producerId = integer(opts.producerId, '--producer-id');
  const producerEpoch = integer(opts.producerEpoch, '--producer-epoch');
  let coordinatorEpoch = integer(opts.coordinatorEpoch, '--coordinator-epoch');
  if (startOffset === undefined && producerId === undefined) {
    throw refuse(
      'The transaction to abort must be identified either with --start-offset (for brokers on 3.0 or above) or with --producer-id, --producer-epoch, and --coordinator-epoch (for older brokers)',
      'name the transaction: --start-offset, or --producer-id with --producer-epoch and --coordinator-epoch',
    );
  }
  const { abortTransaction, abortSpecText, describeProducers } = await import('../../../kafka/admin/transactions.js');
  const tp = `${opts.topic}-${partition}`;
  const client = await ctx.kafka();
  let spec: Parameters<typeof abortTransaction>[1];
  if (startOffset === undefined) {
    if (producerEpoch === undefined) throw refuse('Missing required argument --producer-epoch', '--producer-id needs --producer-epoch');
    if (coordinatorEpoch === undefined) throw refuse('Missing required argument --coordinator-epoch', '--producer-id needs --coordinator-epoch');
    // A transaction that never reached its coordinator's markers shows coordinator epoch -1: 0 is
    // at or below any epoch the partition can have seen, as kafka-transactions reasons.
    if (coordinatorEpoch < 0) coordinatorEpoch = 0;
    spec = { topic: opts.topic, partition, producerId: producerId!, producerEpoch, coordinatorEpoch };
  } else {
    let producers: Awaited<ReturnType<typeof describeProducers>>;
    try {
      producers = await ctx.bounded(describeProducers(client, opts.topic, partition));
    } catch (err) {
      throw new KfkError(`Failed to validate producer state for partition ${tp}: ${errorMessage(err)}${opts.kafkaErrors ? ENABLE_DEBUG : ''}`, { cause: err });
    }
    const found = producers.find((p) => p.currentTxnStartOffset !== -1 && p.currentTxnStartOffset === startOffset);
    if (!found) throw new KfkError(`Could not find any open transactions starting at offset ${startOffset} on partition ${tp}`);
    spec = { topic: opts.topic, partition, producerId: found.producerId, producerEpoch: found.producerEpoch, coordinatorEpoch: Math.max(0, found.coordinatorEpoch) };
  }
  try {
    await ctx.bounded(abortTransaction(client, spec));
  } catch (err) {
    throw new KfkError(`Failed to abort transaction ${abortSpecText(spec)}: ${errorMessage(err)}${opts.kafkaErrors ? ENABLE_DEBUG : ''}`, { cause: err });
  }
  // kafka-transactions prints nothing when it is done.
  await render(ctx.io, opts.output, spec, {
    text: () => '',
    table: (s) => `Aborted the transaction of producer ${s.producerId} (epoch ${s.producerEpoch}) at ${s.topic}-${s.partition}.\n`,
    json: (s) => ({ aborted: true, ...s }),
  });
  return 0;
}
