// `kfk dump-log`: its flags and help. The work is in ./run.ts, loaded when the command runs.
import { Argument, type AnyCommand, type ArgsOf, type FlagsOf } from '../../cli/commander.js';
import { collect, examples } from '../../cli/flags.js';

export function define(program: AnyCommand) {
  return program
    .command('dump-log')
    .description("print a broker's log segment files as they are on disk: record batches, records, index entries (kafka-dump-log); no cluster needed")
    .addArgument(new Argument('[file...]', 'segment (.log), offset index (.index), time index (.timeindex), transaction index (.txnindex), producer state (.snapshot) and KRaft snapshot (.checkpoint) files'))
    .option('--files <list>', 'files to dump, comma-separated (as kafka-dump-log takes them); repeatable', collect)
    .option('--deep-iteration', "each batch's records too, not only the batch headers")
    .option('--print-data-log', "each record's key and value too (implies --deep-iteration)")
    .option('--skip-record-metadata', 'print records without their metadata (and without control records)')
    .option('--max-bytes <n>', 'read only the batches within the first n bytes of a .log file', '2147483647')
    .option('--index-sanity-check', "only check an index's sanity (as a broker does at start), without printing its entries")
    .option('--verify-index-only', "only check an index's entries against its segment, without printing them")
    .option('--offsets-decoder', 'decode __consumer_offsets records (group metadata and committed offsets) as JSON')
    .option('--transaction-log-decoder', 'decode __transaction_state records (transaction metadata) as JSON')
    .option('--share-group-state-decoder', 'decode __share_group_state records (share groups: delivery state per partition) as JSON')
    .option('--cluster-metadata-decoder', 'decode __cluster_metadata records (KRaft metadata: topics, partitions, brokers, configs, ...) as JSON')
    .addHelpText(
      'after',
      examples(
        'kfk dump-log /var/lib/kafka/data/orders-0/00000000000000000000.log',
        'kfk dump-log --print-data-log orders-0/00000000000000000000.log | head',
        'kfk dump-log --offsets-decoder __consumer_offsets-12/00000000000000000000.log',
        'kfk dump-log --index-sanity-check orders-0/00000000000000000000.index orders-0/00000000000000000000.timeindex',
        'kfk dump-log orders-0/00000000000000000042.snapshot',
        'kfk dump-log --cluster-metadata-decoder __cluster_metadata-0/00000000000000000000.log',
      ),
    );
}

/** The flags, and the [files...] argument under its name. */
export type Flags = FlagsOf<typeof define> & { file: ArgsOf<typeof define>[0] };
