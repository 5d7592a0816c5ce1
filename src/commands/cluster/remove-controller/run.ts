// kafka-metadata-quorum remove-controller: RemoveRaftVoter, the tool's line.
import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { KfkError, UsageError } from '../../../errors.js';
import { render } from '../../../cli/output.js';

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
  if (!dry) {
    const client = await ctx.kafka();
    const { removeRaftVoter } = await import('../../../kafka/admin/quorum.js');
    await ctx.bounded(removeRaftVoter(client, id, dirId));
  }
  await render(ctx.io, opts.output, { controllerId: id, directoryId: dirId, dryRun: dry }, {
    text: (r) => `${r.dryRun ? 'DRY RUN of removing' : 'Removed'} KRaft controller ${r.controllerId} with directory id ${r.directoryId}\n`,
  });
  return 0;
}
