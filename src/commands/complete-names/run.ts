// Topic or group names for the completion scripts: a short bound (default 1500 ms), and silence
// (exit 0, nothing printed) when the cluster does not answer, so a shell never shows an error.
import type { CommandContext } from '../../cli/context.js';
import type { Flags } from './define.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (opts.timeout === undefined && !ctx.io.env.KFK_TIMEOUT) (ctx.flags as { timeout?: string }).timeout = '1500';
  try {
    const client = await ctx.kafka(opts.kind === 'groups' ? [] : 'all');
    let names: string[];
    if (opts.kind === 'groups') {
      const { listGroups } = await import('../../kafka/admin/groups.js');
      // Groups of every kind: --group of the share-group and streams-group commands too.
      names = (await ctx.bounded(listGroups(client, { allTypes: true }))).map((g) => g.group).sort();
    } else {
      const { listTopicNames } = await import('../../kafka/admin/topics.js');
      names = (await ctx.bounded(listTopicNames(client, { includeInternal: false }))).sort();
    }
    await ctx.io.out(names.map((n) => n + '\n').join(''));
  } catch {
    // nothing to offer
  }
  return 0;
}
