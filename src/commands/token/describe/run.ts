// kafka-delegation-tokens --describe: DescribeDelegationToken; the tokens as the tool prints them,
// their HMACs hidden unless --show-hmac (the drop-in shows them, as the tool does).
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import type { DelegationToken } from '../../../kafka/admin/tokens.js';
import { grid } from '../../../format/group-text.js';
import { principalList, tokenJson, tokenRow, tokensText, TOKEN_COLUMNS } from '../../../format/token-text.js';
import { principals, tokenFailure } from '../common.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const kafkaText = Boolean(opts.kafkaText);
  const showHmac = Boolean(opts.showHmac) || kafkaText;
  const owners = principals(opts.ownerPrincipal, kafkaText);
  const head = owners.length ? `Calling describe token operation for owners: ${principalList(owners)}\n` : 'Calling describe token operation for current user.\n';
  if (kafkaText) await ctx.io.out(head);
  const client = await ctx.kafka();
  const { describeTokens } = await import('../../../kafka/admin/tokens.js');
  let tokens: DelegationToken[];
  try {
    // Without owners kfk asks for every token the user may see; the tool asks for none (an empty
    // list: it reports 0 tokens), and so does its drop-in.
    tokens = await ctx.bounded(describeTokens(client, owners.length || kafkaText ? owners : null));
  } catch (err) {
    throw tokenFailure(err, kafkaText);
  }
  await render(ctx.io, opts.output, tokens, {
    text: (ts) => `${kafkaText ? '' : head}Total number of tokens : ${ts.length}${tokensText(ts, showHmac)}`,
    table: (ts, style) => (showHmac ? grid([...TOKEN_COLUMNS, 'HMAC'], ts.map((t) => [...tokenRow(t), t.hmac.toString('base64')]), style) : grid(TOKEN_COLUMNS, ts.map(tokenRow), style)),
    json: (ts) => ts.map((t) => tokenJson(t, showHmac)),
  });
  return 0;
}
