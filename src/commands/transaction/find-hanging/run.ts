// kafka-transactions find-hanging: the producers with a transaction open longer than the
// longest transaction timeout whose coordinator does not count the partition in it.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, errorMessage } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { integer, refusal } from '../args.js';
import { grid } from '../../../format/group-text.js';
import { prettyPrintTable } from '../../../format/runbook-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const refuse = refusal(opts.kafkaErrors);
  const brokerId = integer(opts.brokerId, '--broker-id');
  const partition = integer(opts.partition, '--partition');
  const maxMinutes = integer(opts.maxTransactionTimeout, '--max-transaction-timeout')!;
  if (opts.topic === undefined && brokerId === undefined) {
    throw refuse('The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search', 'limit the search: give --topic or --broker-id');
  }
  if (partition !== undefined && opts.topic === undefined) throw refuse('The --partition argument requires --topic to be provided', '--partition needs --topic');
  const client = await ctx.kafka();
  const { findHangingTransactions } = await import('../../../kafka/admin/hanging-transactions.js');
  let search: Awaited<ReturnType<typeof findHangingTransactions>>;
  try {
    search = await ctx.bounded(findHangingTransactions(client, { brokerId, topic: opts.topic, partition, maxTransactionTimeoutMs: maxMinutes * 60_000 }));
  } catch (err) {
    throw new KfkError(`${errorMessage(err)}${opts.kafkaErrors ? '. Enable debug logging for additional detail.' : ''}`, { cause: err });
  }
  const { hanging, notSearched, notChecked } = search;
  // On a degraded cluster: what was found is printed, what could not be looked at is named, and
  // the exit code is 1 (a transaction there may hang).
  const tp = (ps: Array<{ topic: string; partition: number }>) => ps.map((p) => `${p.topic}-${p.partition}`).join(', ');
  for (const n of notSearched) ctx.io.note(`${tp(n.partitions)} not searched: ${n.why}`);
  if (notChecked) {
    const brokers = notChecked.brokers.map((b) => `broker ${b}`).join(', ');
    const producers = [...new Set(notChecked.open.map((h) => h.producer.producerId))].join(', ');
    const one = notChecked.brokers.length === 1;
    ctx.io.note(`the open transactions of producer ${producers} at ${tp(notChecked.open)} not checked: ${brokers} did not answer (${one ? 'it' : 'one of them'} may be their coordinator)`);
  }
  const now = Date.now();
  const rows = hanging.map((h) => ({
    topic: h.topic,
    partition: h.partition,
    producerId: h.producer.producerId,
    producerEpoch: h.producer.producerEpoch,
    coordinatorEpoch: h.producer.coordinatorEpoch,
    startOffset: h.producer.currentTxnStartOffset,
    lastTimestamp: h.producer.lastTimestamp,
    durationMinutes: Math.trunc((now - h.producer.lastTimestamp) / 60_000),
  }));
  await render(ctx.io, opts.output, rows, {
    text: (rs) =>
      prettyPrintTable(
        ['Topic', 'Partition', 'ProducerId', 'ProducerEpoch', 'CoordinatorEpoch', 'StartOffset', 'LastTimestamp', 'Duration(min)'],
        rs.map((r) => [r.topic, String(r.partition), String(r.producerId), String(r.producerEpoch), String(r.coordinatorEpoch), String(r.startOffset), String(r.lastTimestamp), String(r.durationMinutes)]),
      ),
    table: (rs, style) =>
      grid(
        ['TOPIC', 'PARTITION', 'PRODUCER-ID', 'EPOCH', 'COORDINATOR-EPOCH', 'START-OFFSET', 'LAST-WRITE', 'MINUTES'],
        rs.map((r) => [r.topic, String(r.partition), String(r.producerId), String(r.producerEpoch), String(r.coordinatorEpoch), String(r.startOffset), new Date(r.lastTimestamp).toISOString(), String(r.durationMinutes)]),
        style,
      ),
  });
  return notSearched.length || notChecked ? 1 : 0;
}
