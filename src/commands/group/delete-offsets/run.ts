// kafka-consumer-groups --delete-offsets (./delete.ts, which kfk streams-group delete-offsets shares).
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';
import { runDeleteOffsets } from './delete.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (!opts.topic?.length) throw new UsageError('give --topic');
  return runDeleteOffsets(ctx, opts);
}
