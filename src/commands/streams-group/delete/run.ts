// kafka-streams-groups --delete: each named group must be a streams group without members (checked
// first, as Kafka does), then DeleteGroups, and with --delete-all-internal-topics the internal topics
// of each group deleted (found before); exit 1 if any was not deleted (the drop-in: 0, as the tool).
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
  const api = await import('../../../kafka/admin/streams-groups.js');
  const { deleteGroups } = await import('../../../kafka/admin/groups.js');
  const { javaHashOrder, javaStringHash } = await import('../../../kafka/admin/topics.js');
  const listed = await ctx.bounded(api.listStreamsGroups(client, (nodeId) => ctx.io.note(`broker ${nodeId} did not answer: the streams groups it coordinates are not deleted`)));
  const groups = named ?? listed.map((g) => g.group);
  const failed = new Map<string, string>();
  for (const g of groups) {
    const l = listed.find((x) => x.group === g);
    if (!l) failed.set(g, `java.lang.IllegalArgumentException: Group '${g}' does not exist or is not a streams group.`);
    else if (l.state === 'Dead') failed.set(g, `java.lang.IllegalStateException: Streams group '${g}' group state is DEAD.`);
    else if (l.state !== 'Empty') failed.set(g, `org.apache.kafka.common.errors.GroupNotEmptyException: Streams group '${g}' is not EMPTY.`);
  }
  const toDelete = groups.filter((g) => !failed.has(g));
  // The internal topics of the groups to delete, found while the groups are there.
  const internal = new Map<string, string[]>();
  const notes: string[] = [];
  if (opts.deleteAllInternalTopics) {
    for (const g of toDelete) {
      const found = await ctx.bounded(api.describeStreamsGroup(client, g));
      if (!('description' in found)) continue;
      const { topics, notInferred } = api.internalTopics(found.description);
      for (const t of notInferred) notes.push(`The internal topic '${t}' is not inferred as internal and thus will not be deleted with the group '${g}'.`);
      if (topics.length) internal.set(g, topics);
    }
  }
  if (opts.kafkaErrors) for (const n of notes) await ctx.io.out(`\nError: ${n}\n`);
  else for (const n of notes) ctx.io.warn(n);
  const deleted: string[] = [];
  if (toDelete.length) {
    for (const r of await ctx.bounded(deleteGroups(client, toDelete))) {
      if (r.errorCode) failed.set(r.group, javaExceptionText(r.errorCode, r.error ?? `error ${r.errorCode}`));
      else if (r.error) failed.set(r.group, r.error);
      else deleted.push(r.group);
    }
  }
  const topicsFailed = new Map<string, string>();
  for (const g of deleted) {
    const topics = internal.get(g);
    if (topics) await ctx.bounded(api.deleteInternalTopics(client, topics)).then((why) => why && topicsFailed.set(g, why));
  }
  // The tool keeps these in HashMaps by group id: printed in their order.
  const byHash = (names: string[]) => javaHashOrder(names, javaStringHash);
  const quoted = (names: string[]) => byHash(names).join("', '");
  const results = groups.map((group) => ({ group, error: failed.get(group) ?? null }));
  await render(ctx.io, opts.output, results, {
    text: () => {
      let text: string;
      if (failed.size === 0) text = `Deletion of requested streams groups ('${quoted(deleted)}') was successful.\n`;
      else {
        text = '\nError: Deletion of some streams groups failed:\n' + byHash([...failed.keys()]).map((g) => `* Group '${g}' could not be deleted due to: ${failed.get(g)}\n`).join('');
        if (deleted.length) text += `\nThese streams groups were deleted successfully: '${quoted(deleted)}'.\n`;
      }
      const withTopics = byHash([...internal.keys()]).filter((g) => deleted.includes(g));
      if (withTopics.length === 0) return text;
      if (topicsFailed.size === 0) return text + `Deletion of associated internal topics of the streams groups ('${withTopics.join("', '")}') was successful.\n`;
      return text + 'Deletion of some associated internal topics failed:\n' + byHash([...topicsFailed.keys()]).map((g) => `* Internal topics of the streams group '${g}' could not be deleted due to: ${topicsFailed.get(g)}\n`).join('');
    },
  });
  if (failed.size && !opts.kafkaErrors) throw new KfkError(`${failed.size} of ${groups.length} streams group(s) not deleted`);
  if (topicsFailed.size && !opts.kafkaErrors) throw new KfkError(`the internal topics of ${topicsFailed.size} streams group(s) were not deleted`);
  return 0;
}
