// kafka-delegation-tokens --expire: ExpireDelegationToken by the token's HMAC; its new expiry date (../common.ts).
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { runTokenTime } from '../common.js';

type Flags = FlagsOf<typeof define>;

export function run(ctx: CommandContext, opts: Flags): Promise<number> {
  return runTokenTime(ctx, opts, 'expire', 'expiry-time-period', opts.expiryTimePeriod, 'expire-time-period');
}
