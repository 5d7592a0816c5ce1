import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { KfkError } from '../../../errors.js';
import { javaExceptionText } from '../../../kafka/wire/error-codes.js';

type Flags = FlagsOf<typeof define>;

/** kafka-consumer-groups --delete: one request for all named groups; exit 1 if any failed. */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const groups = opts.group.flatMap((g) => g.split(',')).filter(Boolean);
  const client = await ctx.kafka();
  const { deleteGroups } = await import('../../../kafka/admin/groups.js');
  const results = await ctx.bounded(deleteGroups(client, groups));
  const failed = results.filter((r) => r.error);
  await render(ctx.io, opts.output, results, {
    text: (all) => {
      if (failed.length === 0) return `Deletion of requested consumer groups (${groups.map((g) => `'${g}'`).join(', ')}) was successful.\n`;
      const ok = all.filter((r) => !r.error);
      let text = 'Deletion of some consumer groups failed:\n' + failed.map((r) => `* Group '${r.group}' could not be deleted due to: ${javaExceptionText(r.errorCode ?? 0, r.error ?? '')}\n`).join('');
      if (ok.length) text += `\nThese consumer groups were deleted successfully: ${ok.map((r) => `'${r.group}'`).join(', ')}\n`;
      return text;
    },
  });
  if (failed.length) throw new KfkError(`${failed.length} of ${groups.length} group(s) not deleted`);
  return 0;
}
