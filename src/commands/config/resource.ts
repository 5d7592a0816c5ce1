// The resource both config subcommands act on: --topic T, --broker ID or --group G, exactly one.
import { UsageError } from '../../errors.js';
import type { ResourceKind } from '../../kafka/admin/configs.js';

export function configResource(opts: { topic?: string; broker?: string; group?: string }): { kind: ResourceKind; name: string } {
  const given = [opts.topic !== undefined, opts.broker !== undefined, opts.group !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('give one of --topic, --broker or --group');
  if (opts.topic !== undefined) return { kind: 'topic', name: opts.topic };
  if (opts.broker !== undefined) return { kind: 'broker', name: opts.broker };
  if (opts.group !== undefined) return { kind: 'group', name: opts.group };
  throw new UsageError('give --topic T, --broker ID or --group G');
}
