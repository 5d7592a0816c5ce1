// kafka-delegation-tokens --renew: RenewDelegationToken by the token's HMAC; its new expiry date.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { render } from '../../../cli/output.js';
import { grid } from '../../../format/group-text.js';
import { tokenDate } from '../../../format/token-text.js';
import { periodMs, readHmac, tokenFailure } from '../common.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const kafkaText = Boolean(opts.kafkaText);
  const period = periodMs('renew-time-period', opts.renewTimePeriod);
  // The tool echoes the HMAC its command line carried, before it decodes it; kfk's own text does
  // not print it.
  if (kafkaText) await ctx.io.out(`Calling renew token operation with hmac :${opts.kafkaHmac} , renew-time-period :${period}\n`);
  const hmac = await readHmac(ctx.io, opts);
  const client = await ctx.kafka();
  const { renewToken } = await import('../../../kafka/admin/tokens.js');
  let expiry: number;
  try {
    expiry = await ctx.bounded(renewToken(client, hmac.bytes, period));
  } catch (err) {
    throw tokenFailure(err, kafkaText);
  }
  await render(ctx.io, opts.output, expiry, {
    // The tool ends this line without a newline.
    text: (ms) => `Completed renew operation. New expiry date : ${tokenDate(ms)}${kafkaText ? '' : '\n'}`,
    table: (ms, style) => grid(['EXPIRES'], [[tokenDate(ms)]], style),
    json: (ms) => ({ expires: new Date(ms).toISOString() }),
  });
  return 0;
}
