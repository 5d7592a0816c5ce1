// The resource both config subcommands act on: --topic T or --broker ID, exactly one.
import { UsageError } from '../../errors.js';
import type { ResourceKind } from '../../kafka/admin/configs.js';

export function configResource(opts: { topic?: string; broker?: string }): { kind: ResourceKind; name: string } {
  if (opts.topic !== undefined && opts.broker !== undefined) throw new UsageError('give --topic or --broker, not both');
  if (opts.topic !== undefined) return { kind: 'topic', name: opts.topic };
  if (opts.broker !== undefined) return { kind: 'broker', name: opts.broker };
  throw new UsageError('give --topic T or --broker ID');
}
