// kafka-log-dirs --describe: DescribeLogDirs to each broker; Kafka's text and JSON, a table of
// sizes per broker, log directory and topic, or kfk's JSON.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { logDirsText } from '../../../format/runbook-text.js';
import type { BrokerLogDir } from '../../../kafka/admin/log-dirs.js';

type Flags = FlagsOf<typeof define>;

const list = (v: string | undefined) => (v ?? '').split(',').filter((x) => x !== '');

/** Sizes summed per broker, log directory and topic. */
export function sizesByTopic(dirs: BrokerLogDir[]): Array<{ broker: number; logDir: string; topic: string; partitions: number; size: number; maxOffsetLag: number; error: string | null }> {
  const rows = new Map<string, { broker: number; logDir: string; topic: string; partitions: number; size: number; maxOffsetLag: number; error: string | null }>();
  for (const d of dirs) {
    if (d.replicas.length === 0) rows.set(`${d.broker}\0${d.logDir}\0`, { broker: d.broker, logDir: d.logDir, topic: '', partitions: 0, size: 0, maxOffsetLag: 0, error: d.error });
    for (const r of d.replicas) {
      const k = `${d.broker}\0${d.logDir}\0${r.topic}`;
      const row = rows.get(k) ?? rows.set(k, { broker: d.broker, logDir: d.logDir, topic: r.topic, partitions: 0, size: 0, maxOffsetLag: 0, error: d.error }).get(k)!;
      row.partitions++;
      row.size += r.size;
      row.maxOffsetLag = Math.max(row.maxOffsetLag, r.offsetLag);
    }
  }
  return [...rows.values()].sort((a, b) => a.broker - b.broker || (a.logDir < b.logDir ? -1 : a.logDir > b.logDir ? 1 : 0) || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

const human = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(1)} GiB`);

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const wantedBrokers = list(opts.brokerList).map((b) => {
    if (!/^\d+$/.test(b)) throw new UsageError(`invalid --broker-list '${opts.brokerList}': expected broker ids, e.g. 1,2`);
    return Number(b);
  });
  const topics = list(opts.topicList);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/log-dirs.js');
  const cluster = await ctx.bounded(api.brokerIds(client));
  const missing = [...new Set(wantedBrokers)].filter((b) => !cluster.includes(b)).sort((a, b) => a - b);
  if (missing.length) throw new KfkError(`ERROR: The given brokers do not exist from --broker-list: ${missing.join(',')}. Current existent brokers: ${cluster.join(',')}`, { verbatim: true });
  const brokers = wantedBrokers.length ? [...new Set(wantedBrokers)].sort((a, b) => a - b) : cluster;
  // A broker that does not answer is named and left out (its directories are what the operator
  // may be after, but not at the cost of the others'); none answering fails the command.
  const silent: number[] = [];
  const dirs = await ctx.bounded(api.describeLogDirs(client, brokers, topics.length ? topics : null, (id) => silent.push(id)));
  silent.sort((a, b) => a - b);
  for (const id of silent) ctx.io.note(`broker ${id} did not answer: its log directories are not shown`);
  if (silent.length === brokers.length) throw new KfkError(`no broker answered: ${silent.join(', ')}`);
  const answered = brokers.filter((b) => !silent.includes(b));
  await render(ctx.io, opts.output, dirs, {
    text: (ds) => logDirsText(answered, ds),
    table: (ds, style) =>
      grid(
        ['BROKER', 'LOG-DIR', 'TOPIC', 'PARTITIONS', 'SIZE', 'MAX-OFFSET-LAG', 'ERROR'],
        sizesByTopic(ds).map((r) => [String(r.broker), r.logDir, r.topic || '-', String(r.partitions), human(r.size), String(r.maxOffsetLag), r.error ?? '']),
        style,
      ),
    json: (ds) =>
      ds.map((d) => ({
        broker: d.broker,
        logDir: d.logDir,
        error: d.error,
        replicas: [...d.replicas].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)),
      })),
  });
  return 0;
}
