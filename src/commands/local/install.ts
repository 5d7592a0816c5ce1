import type { CommandContext } from '../../context.js';
import { ensureKafka, kafkaVersion } from '../../local/kafka-dist.js';

export async function run(ctx: CommandContext, opts: { kafkaVersion?: string }): Promise<number> {
  const dist = ensureKafka(kafkaVersion(ctx.io.env, opts.kafkaVersion), ctx.io.env, (l) => ctx.io.err(l));
  await ctx.io.out(dist.libs + '\n');
  return 0;
}
