// kafka-configs --alter --entity-type users --add-config SCRAM-SHA-256=[...]: AlterUserScramCredentials
// with a salted password computed here.
import type { CommandContext } from '../../../../cli/context.js';
import type { FlagsOf } from '../../../../cli/commander.js';
import type { define } from './define.js';
import { iterationsFlag, kafkaScramChange, readPassword, scramFailure, type ScramChange } from '../credentials.js';
import type { ScramMechanismName } from '../../../../kafka/admin/scram.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const dropIn = opts.kafkaAddConfig !== undefined || opts.kafkaDeleteConfig !== undefined;
  let change: ScramChange;
  if (dropIn) change = kafkaScramChange(opts.user, opts.kafkaAddConfig, opts.kafkaDeleteConfig);
  else {
    const mechanism = opts.mechanism as ScramMechanismName;
    const iterations = iterationsFlag(opts.iterations, mechanism);
    change = { deletions: [], sets: [{ user: opts.user, mechanism, iterations, password: await readPassword(ctx.io, opts) }] };
  }
  const client = await ctx.kafka();
  const { alterScram } = await import('../../../../kafka/admin/scram.js');
  try {
    await ctx.bounded(alterScram(client, change.deletions, change.sets));
  } catch (err) {
    throw scramFailure(err, dropIn, `setting the SCRAM credential of user ${opts.user}`);
  }
  await ctx.io.out(`Completed updating config for user ${opts.user}.\n`);
  return 0;
}
