// kafka-configs --alter --entity-type users|clients|ips: AlterClientQuotas for one entity.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { quotaMatch } from '../describe/run.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const match = quotaMatch(opts);
  if (match.length === 0) throw new UsageError('name the entity: --user, --client, --ip or their -default forms');
  const add = (opts.addConfig ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
  const del = (opts.deleteConfig ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
  if (add.length === 0 && del.length === 0) throw new UsageError('give --add-config or --delete-config');
  const ops: Array<{ key: string; value: number | null }> = add.map((kv) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new KfkError('Invalid entity config: all configs to be added must be in the format "key=val".');
    const key = kv.slice(0, eq);
    const text = kv.slice(eq + 1);
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new KfkError(`Cannot parse quota configuration value for ${key}: ${text}`);
    return { key, value };
  });
  const client = await ctx.kafka();
  const { alterQuotas, describeQuotas } = await import('../../../kafka/admin/quotas.js');
  if (del.length) {
    // As kafka-configs: only keys the entity has can be deleted.
    const current = (await ctx.bounded(describeQuotas(client, match, true)))[0]?.values.map((v) => v.key) ?? [];
    const invalid = del.filter((k) => !current.includes(k));
    if (invalid.length) throw new KfkError(`Invalid config(s): ${invalid.join(',')}`);
  }
  await ctx.bounded(alterQuotas(client, match.map((m) => ({ type: m.type, name: m.name ?? null })), [...ops, ...del.map((key) => ({ key, value: null }))]));
  const head = match[0];
  const plural = { user: 'users', 'client-id': 'clients', ip: 'ips' }[head.type];
  await ctx.io.out(head.name === null ? `Completed updating default config for ${plural} in the cluster.\n` : `Completed updating config for ${plural.slice(0, -1)} ${head.name}.\n`);
  return 0;
}
