// kafka-share-groups --delete-offsets: DeleteShareGroupOffsets of whole topics; a TOPIC / STATUS
// table as Kafka prints it; exit 1 if the group or any topic failed.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { KfkError } from '../../../errors.js';
import { kafkaErrorMessage } from '../../../kafka/wire/error-codes.js';

type Flags = FlagsOf<typeof define>;

const pad = (s: string, w: number) => (s.length >= w ? s : s + ' '.repeat(w - s.length));

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const topics = [...new Set(opts.topic.flatMap((t) => t.split(',')).filter(Boolean))];
  const client = await ctx.kafka();
  const api = await import('../../../kafka/admin/share-groups.js');
  const res = await ctx.bounded(api.deleteShareOffsets(client, opts.group, topics));
  const groupError = res.errorCode ? (res.errorMessage ?? kafkaErrorMessage(res.errorCode, api.shareErrorName(res.errorCode))) : null;
  const byTopic = new Map(res.results.map((r) => [r.topic, r]));
  const rows = topics
    .map((topic) => {
      const r = byTopic.get(topic);
      const error = r?.errorCode ? (r.errorMessage ?? kafkaErrorMessage(r.errorCode, api.shareErrorName(r.errorCode))) : groupError && !r ? groupError : null;
      return { topic, error };
    })
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  await render(ctx.io, opts.output, { group: opts.group, error: groupError, topics: rows }, {
    text: (r) => {
      // printError's line (an empty one, then `Error: ...`), then the table after an empty line.
      let text = r.error ? `\nError: ${r.error}\n` : '';
      const w = Math.max(15, ...r.topics.map((t) => t.topic.length));
      text += `\n${pad('TOPIC', w)} STATUS` + r.topics.map((t) => `\n${pad(t.topic, w)} ${t.error ? `Error: ${t.error}` : 'Successful'}`).join('');
      return text + '\n';
    },
  });
  const failed = rows.filter((r) => r.error).length;
  // kafka-share-groups prints the failures and exits 0.
  if ((groupError || failed) && !opts.kafkaErrors) throw new KfkError(groupError ? `cannot delete the offsets of share group '${opts.group}': ${groupError}` : `${failed} of ${topics.length} topic(s) failed`);
  return 0;
}
