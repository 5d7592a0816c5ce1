// kafka-acls --list: each resource's ACLs (all ACLs when no resource is named), by principal with --principal.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { currentText, groupByResource, principalHeader, type ResourceAcls } from '../../../format/acl-text.js';
import { checkArgs, parsePrincipal, resourceFilters } from '../plan.js';
import { bindingJson, bindingsTable, javaPrincipalSetOrder } from '../view.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  checkArgs('list', opts);
  const filters = resourceFilters(opts, false);
  const principals = javaPrincipalSetOrder([...new Set((opts.principal ?? []).map(parsePrincipal))]);
  const client = await ctx.kafka();
  const { describeAcls } = await import('../../../kafka/admin/acls.js');
  const found = filters.length === 0
    ? await ctx.bounded(describeAcls(client, { resourceType: 'ANY', name: null, patternType: 'ANY' }))
    : (await Promise.all(filters.map((f) => ctx.bounded(describeAcls(client, f))))).flat();
  const groups = groupByResource(found);
  const only = (principal: string): ResourceAcls[] =>
    groups.map((g) => ({ pattern: g.pattern, entries: g.entries.filter((e) => e.principal === principal) })).filter((g) => g.entries.length > 0);
  const shown = principals.length === 0 ? groups : groupByResource(groups.flatMap((g) => g.entries.filter((e) => principals.includes(e.principal)).map((entry) => ({ pattern: g.pattern, entry }))));
  const bindings = shown.flatMap((g) => g.entries.map((entry) => ({ pattern: g.pattern, entry })));
  await render(ctx.io, opts.output, bindings, {
    text: () => (principals.length === 0 ? groups.map(currentText).join('') : principals.map((p) => principalHeader(p) + only(p).map(currentText).join('')).join('')),
    table: (b, style) => bindingsTable(b, style),
    json: (b) => b.map(bindingJson),
  });
  return 0;
}
