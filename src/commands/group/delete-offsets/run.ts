import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { render } from '../../../cli/output.js';
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
  await render(ctx.io, opts.output, { group: opts.group, error: res.error?.message ?? null, partitions: rows }, {
    text: (r) => {
      if (r.partitions.length === 0 && r.error !== null) return '';
      const tw = Math.max(15, ...r.partitions.map((p) => p.topic.length));
      const pad = (s: string, w: number) => s.padEnd(w);
      let text = r.error !== null ? '' : `Request succeeded for deleting offsets from group ${r.group}.\n`;
      text += `\n${pad('TOPIC', tw)} ${pad('PARTITION', 10)} ${pad('STATUS', 15)}`;
      for (const p of r.partitions) text += `\n${pad(p.topic, tw)} ${pad(String(p.partition), 10)} ${pad(p.error ? `Error: ${p.error}` : 'Successful', 15)}`;
      return text + '\n';
    },
  });
  if (res.error) throw new KfkError(`cannot delete offsets of group '${opts.group}': ${res.error.message}`);
  const failed = rows.filter((r) => r.error).length;
  if (failed) throw new KfkError(`${failed} partition(s) kept their offsets`);
  return 0;
}
