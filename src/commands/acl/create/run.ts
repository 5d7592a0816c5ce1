// kafka-acls --add: per resource, the ACLs already there are reported, the others listed and created.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { outputMode, render } from '../../../cli/output.js';
import { addingText, comparePatterns, compareEntries, entryKey, existsText } from '../../../format/acl-text.js';
import type { AclBinding } from '../../../kafka/admin/acls.js';
import { checkArgs, resourcesToAdd } from '../plan.js';
import { bindingJson, bindingsTable } from '../view.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  checkArgs('add', opts);
  const plan = resourcesToAdd(opts).sort((a, b) => comparePatterns(a.pattern, b.pattern));
  const text = outputMode(opts.output, ctx.io.stdout.isTTY) === 'text';
  const client = await ctx.kafka();
  const { createAcls, describeAcls } = await import('../../../kafka/admin/acls.js');
  const created: AclBinding[] = [];
  const existed: AclBinding[] = [];
  for (const { pattern, entries } of plan) {
    const have = new Set((await ctx.bounded(describeAcls(client, pattern))).map((b) => entryKey(b.entry)));
    const adding: AclBinding[] = [];
    for (const entry of [...entries].sort(compareEntries)) {
      const b = { pattern: { ...pattern, name: pattern.name ?? '' }, entry };
      if (have.has(entryKey(entry))) {
        existed.push(b);
        if (text) await ctx.io.out(existsText(b));
      } else {
        adding.push(b);
      }
    }
    if (adding.length === 0) continue;
    if (text) await ctx.io.out(addingText(pattern, adding.map((b) => b.entry)));
    await ctx.bounded(createAcls(client, adding));
    created.push(...adding);
  }
  if (!text) {
    await render(ctx.io, opts.output, { created, existed }, {
      text: () => '',
      table: async (r, style) => (await bindingsTable(r.created, style)) + (r.existed.length ? `${r.existed.length} ACL(s) already there\n` : ''),
      json: (r) => ({ created: r.created.map(bindingJson), existed: r.existed.map(bindingJson) }),
    });
  }
  return 0;
}
