// kafka-configs --describe --entity-type users|clients|ips: DescribeClientQuotas, printed as
// kafka-configs prints quotas.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { javaDouble } from '../../../format/java-order.js';
import { quotaEntityText, quotasText } from '../../../format/runbook-text.js';
import type { QuotaMatch } from '../../../kafka/admin/quotas.js';

type Flags = FlagsOf<typeof define>;

/** The entity parts the flags name: a name, the default (null) or any (undefined). */
export function quotaMatch(opts: { user?: string | boolean; client?: string | boolean; ip?: string | boolean; userDefault?: boolean; clientDefault?: boolean; ipDefault?: boolean }): QuotaMatch[] {
  const out: QuotaMatch[] = [];
  const part = (type: QuotaMatch['type'], value: string | boolean | undefined, isDefault: boolean | undefined, flag: string) => {
    if (value !== undefined && isDefault) throw new UsageError(`give --${flag} or --${flag}-default, not both`);
    if (isDefault) out.push({ type, name: null });
    else if (value !== undefined) out.push({ type, name: value === true ? undefined : String(value) });
  };
  part('user', opts.user, opts.userDefault, 'user');
  part('client-id', opts.client, opts.clientDefault, 'client');
  part('ip', opts.ip, opts.ipDefault, 'ip');
  if (out.some((p) => p.type === 'ip') && out.length > 1) throw new UsageError('an IP quota stands alone: --ip cannot go with --user or --client');
  return out;
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const match = quotaMatch(opts);
  const client = await ctx.kafka();
  const { describeQuotas } = await import('../../../kafka/admin/quotas.js');
  const entries = await ctx.bounded(describeQuotas(client, match, match.length > 0));
  if (opts.withScram) {
    // The drop-in: the quota lines, then the SCRAM lines of the users named (all when none is).
    const { describeScram } = await import('../../../kafka/admin/scram.js');
    const { scramText } = await import('../../../format/scram-text.js');
    const users = match.filter((m) => typeof m.name === 'string').map((m) => m.name as string);
    const scram = await ctx.bounded(describeScram(client, users));
    await ctx.io.out(quotasText(entries) + scramText(scram));
    return 0;
  }
  const sorted = [...entries].sort((a, b) => (quotaEntityText(a.entity) < quotaEntityText(b.entity) ? -1 : 1));
  await render(ctx.io, opts.output, entries, {
    text: quotasText,
    table: (_es, style) =>
      grid(
        ['ENTITY', 'QUOTA', 'VALUE'],
        sorted.flatMap((e) => [...e.values].sort((a, b) => (a.key < b.key ? -1 : 1)).map((v) => [quotaEntityText(e.entity), v.key, javaDouble(v.value)])),
        style,
      ),
    json: () =>
      sorted.map((e) => ({
        entity: Object.fromEntries(e.entity.map((p) => [p.type, p.name])),
        quotas: Object.fromEntries([...e.values].sort((a, b) => (a.key < b.key ? -1 : 1)).map((v) => [v.key, v.value])),
      })),
  });
  return 0;
}
