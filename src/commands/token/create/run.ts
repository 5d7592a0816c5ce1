// kafka-delegation-tokens --create: CreateDelegationToken; the new token as the tool prints it.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import type { DelegationToken } from '../../../kafka/admin/tokens.js';
import { grid } from '../../../format/group-text.js';
import { principalList, tokenJson, tokenRow, tokensText, TOKEN_COLUMNS } from '../../../format/token-text.js';
import { periodMs, principals, tokenFailure } from '../common.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const kafkaText = Boolean(opts.kafkaText);
  const renewers = principals(opts.renewerPrincipal, kafkaText);
  const maxLifetime = periodMs('max-life-time-period', opts.maxLifeTimePeriod);
  // The tool takes the first owner given.
  const owner = principals(opts.ownerPrincipal === undefined ? [] : [opts.ownerPrincipal], kafkaText)[0] ?? null;
  const head = `Calling create token operation with renewers :${principalList(renewers)} , max-life-time-period :${maxLifetime}\n`;
  // The tool prints its first line before it asks the cluster, and leaves it there if that fails.
  if (kafkaText) await ctx.io.out(head);
  const client = await ctx.kafka();
  const { createToken } = await import('../../../kafka/admin/tokens.js');
  let token: DelegationToken;
  try {
    token = await ctx.bounded(createToken(client, owner, renewers, maxLifetime));
  } catch (err) {
    throw tokenFailure(err, kafkaText);
  }
  await render(ctx.io, opts.output, token, {
    // The HMAC is what the user asked for: the token's password, shown this once.
    text: (t) => `${kafkaText ? '' : head}Created delegation token with tokenId : ${t.tokenId}\n${tokensText([t], true)}`,
    table: (t, style) => `${grid([...TOKEN_COLUMNS, 'HMAC'], [[...tokenRow(t), t.hmac.toString('base64')]], style)}`,
    json: (t) => tokenJson(t, true),
  });
  return 0;
}
