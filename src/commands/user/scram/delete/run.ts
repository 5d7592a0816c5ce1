// kafka-configs --alter --entity-type users --delete-config SCRAM-SHA-256: AlterUserScramCredentials.
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { scramFailure } from '../credentials.js';
import type { ScramMechanismName } from '../../../../kafka/admin/scram.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const client = await ctx.kafka();
  const { alterScram } = await import('../../../../kafka/admin/scram.js');
  try {
    await ctx.bounded(alterScram(client, [{ user: opts.user, mechanism: opts.mechanism as ScramMechanismName }], []));
  } catch (err) {
    throw scramFailure(err, false, `deleting the ${opts.mechanism} credential of user ${opts.user}`);
  }
  await ctx.io.out(`Completed updating config for user ${opts.user}.\n`);
  return 0;
}
