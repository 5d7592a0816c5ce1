// kafka-metadata-quorum remove-controller: RemoveRaftVoter, the tool's line.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { outputMode, render } from '../../../cli/output.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  if (!/^-?\d+$/.test(opts.controllerId)) throw new UsageError(`invalid --controller-id '${opts.controllerId}': expected a node id`);
  const id = Number(opts.controllerId);
  if (id < 0) throw new KfkError(`Invalid negative --controller-id: ${id}`);
  const dirId = opts.controllerDirectoryId;
  // Uuid.fromString: 22 base64url characters, 16 bytes.
  if (!/^[A-Za-z0-9_-]{22}$/.test(dirId) || Buffer.from(dirId, 'base64url').length !== 16) {
    throw new KfkError(`Failed to parse --controller-directory-id: Input string \`${dirId}\` decoded as ${Buffer.from(dirId, 'base64url').length} bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID`);
  }
  const dry = opts.dryRun === true;
  const unregister = opts.unregister === true;
  // As the tool: with --unregister, a failed removal names the command that unregisters anyway.
  const hint = `To unregister the controller from the cluster, run \`kafka-cluster.sh unregister-controller --id ${id}\`.`;
  const api = dry ? undefined : await import('../../../kafka/admin/quorum.js');
  const client = dry ? undefined : await ctx.kafka();
  if (api && client) {
    try {
      await ctx.bounded(api.removeRaftVoter(client, id, dirId));
    } catch (err) {
      const code = (err as { errorCode?: number }).errorCode;
      // VOTER_NOT_FOUND (127), UNSUPPORTED_VERSION (35)
      if (unregister && (code === 127 || code === 35)) throw new KfkError(`Failed to remove KRaft voter ${id}: ${(err as Error).message}. ${hint}`);
      throw err;
    }
  }
  const removed = `${dry ? 'DRY RUN of removing' : 'Removed'} KRaft controller ${id} with directory id ${dirId}\n`;
  const unregistered = `${dry ? 'DRY RUN of unregistering' : 'Unregistered'} KRaft controller ${id}\n`;
  const text = outputMode(opts.output, ctx.io.stdout.isTTY) !== 'json';
  // The tool's first line is out before the unregistering starts (and stays when that fails).
  if (text && unregister) await ctx.io.out(removed);
  if (unregister && api && client) {
    try {
      await ctx.bounded(api.unregisterController(client, id));
    } catch (err) {
      throw new KfkError(`Failed to unregister controller ${id}: ${(err as Error).message}. ${hint}`);
    }
  }
  if (text && unregister) {
    await ctx.io.out(unregistered);
    return 0;
  }
  await render(ctx.io, opts.output, { controllerId: id, directoryId: dirId, dryRun: dry, ...(unregister ? { unregistered: true } : {}) }, {
    text: () => removed + (unregister ? unregistered : ''),
  });
  return 0;
}
