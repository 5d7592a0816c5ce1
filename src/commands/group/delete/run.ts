import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import { selectedGroups } from '../../../cli/group-selection.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { KfkError } from '../../../errors.js';
import { defaultHashSetOrder, javaStringHash } from '../../../format/java-order.js';
import { javaExceptionText } from '../../../kafka/wire/error-codes.js';

type Flags = FlagsOf<typeof define>;

/**
 * kafka-consumer-groups --delete: one request for all named groups (or every group); exit 1 if
 * any failed. The text lists the groups in the order of the tool's hash maps.
 */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const named = selectedGroups(opts);
  const client = await ctx.kafka();
  const { deleteGroups, listGroups } = await import('../../../kafka/admin/groups.js');
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the groups it coordinates are not deleted`);
  const groups = named ?? (await ctx.bounded(listGroups(client, { onUnreachable }))).map((g) => g.group);
  const results = groups.length ? await ctx.bounded(deleteGroups(client, groups)) : [];
  const failed = results.filter((r) => r.error);
  const javaOrder = <T extends { group: string }>(rs: T[]) => defaultHashSetOrder(rs, (r) => javaStringHash(r.group));
  await render(ctx.io, opts.output, results, {
    text: (all) => {
      const names = (rs: typeof all) => javaOrder(rs).map((r) => `'${r.group}'`).join(', ');
      if (failed.length === 0) return `Deletion of requested consumer groups (${names(all)}) was successful.\n`;
      const ok = all.filter((r) => !r.error);
      let text = '\nError: Deletion of some consumer groups failed:\n' + javaOrder(failed).map((r) => `* Group '${r.group}' could not be deleted due to: ${javaExceptionText(r.errorCode ?? 0, r.error ?? '')}\n`).join('');
      if (ok.length) text += `\nThese consumer groups were deleted successfully: ${names(ok)}\n`;
      return text;
    },
  });
  // kafka-consumer-groups exits 0 whatever it could delete.
  if (failed.length && !opts.kafkaErrors) throw new KfkError(`${failed.length} of ${groups.length} group(s) not deleted`);
  return 0;
}
