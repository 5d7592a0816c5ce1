import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { ensureKafka, kafkaVersion } from '../../../local/kafka-dist.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const dist = ensureKafka(kafkaVersion(ctx.io.env, opts.kafkaVersion), ctx.io.env, (l) => ctx.io.err(l));
  await ctx.io.out(dist.libs + '\n');
  return 0;
}
