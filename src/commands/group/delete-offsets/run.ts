import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';

/** kafka-consumer-groups --delete-offsets: --topic T (all partitions) or T:0,1; repeatable. */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (!opts.topic?.length) throw new UsageError('give --topic');
  const client = await ctx.kafka();
  const { partitionsOf } = await import('../../../kafka/offsets.js');
  const { deleteGroupOffsets } = await import('../../../kafka/groups.js');
  const partitions: Array<{ topic: string; partition: number }> = [];
  const whole = opts.topic.filter((t) => !t.includes(':'));
  for (const t of opts.topic.filter((x) => x.includes(':'))) {
    const [topic, list] = [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)];
    for (const p of list.split(',')) {
      if (!/^\d+$/.test(p.trim())) throw new UsageError(`invalid --topic '${t}': expected topic or topic:0,1`);
      partitions.push({ topic, partition: Number(p) });
    }
  }
  if (whole.length) for (const k of await ctx.bounded(partitionsOf(client, whole))) for (const p of k.partitions) partitions.push({ topic: k.topic, partition: p });
  const res = await ctx.bounded(deleteGroupOffsets(client, opts.group, partitions));
  const rows = res.partitions.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  if (opts.output === 'json') await ctx.io.out(JSON.stringify({ group: opts.group, error: res.error?.message ?? null, partitions: rows }) + '\n');
  else {
    const tw = Math.max(15, ...rows.map((r) => r.topic.length));
    const pad = (s: string, w: number) => s.padEnd(w);
    let text = res.error ? '' : `Request succeeded for deleting offsets from group ${opts.group}.\n`;
    text += `\n${pad('TOPIC', tw)} ${pad('PARTITION', 10)} ${pad('STATUS', 15)}`;
    for (const r of rows) text += `\n${pad(r.topic, tw)} ${pad(String(r.partition), 10)} ${pad(r.error ? `Error: ${r.error}` : 'Successful', 15)}`;
    await ctx.io.out(rows.length || !res.error ? text + '\n' : '');
  }
  if (res.error) throw new KfkError(`cannot delete offsets of group '${opts.group}': ${res.error.message}`);
  const failed = rows.filter((r) => r.error).length;
  if (failed) throw new KfkError(`${failed} partition(s) kept their offsets`);
  return 0;
}
