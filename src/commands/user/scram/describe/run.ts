// kafka-configs --describe --entity-type users, its SCRAM part: DescribeUserScramCredentials.
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../../cli/output.js';
import { grid } from '../../../../format/group-text.js';
import { scramText } from '../../../../format/scram-text.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { describeScram, scramMechanismName } = await import('../../../../kafka/admin/scram.js');
  const results = await ctx.bounded(describeScram(client, opts.user ?? null));
  await render(ctx.io, opts.output, results, {
    text: scramText,
    table: (rs, style) =>
      grid(
        ['USER', 'MECHANISM', 'ITERATIONS'],
        rs.flatMap((r) => (r.errorCode ? [[r.user, 'error', r.errorMessage ?? String(r.errorCode)]] : r.credentials.map((c) => [r.user, scramMechanismName(c.mechanism), String(c.iterations)]))),
        style,
      ),
    json: (rs) =>
      rs.map((r) => ({ user: r.user, credentials: r.credentials.map((c) => ({ mechanism: scramMechanismName(c.mechanism), iterations: c.iterations })), error: r.errorCode ? (r.errorMessage ?? String(r.errorCode)) : null })),
  });
  return 0;
}
