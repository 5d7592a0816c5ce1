// kafka-share-groups --delete: each named group must be a share group without members (checked
// first, as Kafka does), then DeleteGroups; exit 1 if any was not deleted.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import { selectedGroups } from '../../../cli/group-selection.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { KfkError } from '../../../errors.js';
import { javaExceptionText } from '../../../kafka/wire/error-codes.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const named = selectedGroups(opts);
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/share-groups.js');
  // A broker that does not answer the listing is left out (named with --all-groups): a group
  // given by name that the others did not list is then asked of its coordinator (found again
  // where the group moved), as describe does, and deleted if it is an empty share group.
  let unreachable = false;
  const listed = await ctx.bounded(
    api.listShareGroups(client, (nodeId) => {
      unreachable = true;
      if (opts.allGroups) ctx.io.note(`broker ${nodeId} did not answer: the share groups it coordinates are not deleted`);
    }),
  );
  const groups = named ?? listed.map((g) => g.group);
  if (unreachable) {
    for (const g of groups) {
      if (listed.some((x) => x.group === g)) continue;
      const d = await ctx.bounded(api.describeShareGroup(client, g));
      if (d) listed.push({ group: g, state: d.state });
    }
  }
  const failed = new Map<string, string>();
  for (const g of groups) {
    const l = listed.find((x) => x.group === g);
    if (!l) failed.set(g, `org.apache.kafka.common.errors.GroupIdNotFoundException: Group '${g}' is not a share group.`);
    else if (l.state === 'Dead') failed.set(g, `java.lang.IllegalStateException: Share group '${g}' group state is DEAD.`);
    else if (l.state !== 'Empty') failed.set(g, `org.apache.kafka.common.errors.GroupNotEmptyException: Share group '${g}' is not EMPTY.`);
  }
  const toDelete = groups.filter((g) => !failed.has(g));
  const deleted: string[] = [];
  if (toDelete.length) {
    for (const r of await ctx.bounded(api.deleteShareGroups(client, toDelete))) {
      if (r.errorCode) failed.set(r.group, javaExceptionText(r.errorCode, api.shareErrorName(r.errorCode)));
      else deleted.push(r.group);
    }
  }
  const results = groups.map((group) => ({ group, error: failed.get(group) ?? null }));
  await render(ctx.io, opts.output, results, {
    text: () => {
      if (failed.size === 0) return `Deletion of requested share groups (${deleted.map((g) => `'${g}'`).join(', ')}) was successful.\n`;
      let text = '\nError: Deletion of some share groups failed:\n' + [...failed].map(([g, e]) => `* Group '${g}' could not be deleted due to: ${e}\n`).join('');
      if (deleted.length) text += `\nThese share groups were deleted successfully: ${deleted.map((g) => `'${g}'`).join(', ')}\n`;
      return text;
    },
  });
  // kafka-share-groups prints the failures and exits 0.
  if (failed.size && !opts.kafkaErrors) throw new KfkError(`${failed.size} of ${groups.length} share group(s) not deleted`);
  return 0;
}
