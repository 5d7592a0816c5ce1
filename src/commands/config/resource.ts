// The resource both config subcommands act on: --topic T, --broker ID, --group G or
// --client-metrics NAME, exactly one.
import { UsageError } from '../../errors.js';
import type { ResourceKind } from '../../kafka/admin/configs.js';

export function configResource(opts: { topic?: string; broker?: string; group?: string; clientMetrics?: string | boolean }): { kind: ResourceKind; name: string } {
  const given = [opts.topic !== undefined, opts.broker !== undefined, opts.group !== undefined, opts.clientMetrics !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('give one of --topic, --broker, --group or --client-metrics');
  if (opts.topic !== undefined) return { kind: 'topic', name: opts.topic };
  if (opts.broker !== undefined) return { kind: 'broker', name: opts.broker };
  if (opts.group !== undefined) return { kind: 'group', name: opts.group };
  if (typeof opts.clientMetrics === 'string') return { kind: 'client-metrics', name: opts.clientMetrics };
  // kafka-configs' words for --alter of client-metrics without --entity-name.
  if (opts.clientMetrics === true) throw new UsageError('An entity name must be specified with --alter of client-metrics');
  throw new UsageError('give --topic T, --broker ID, --group G or --client-metrics NAME');
}

/** How kafka-configs names a kind of resource in its lines (`Dynamic configs for client-metric m1 are:`). */
export const RESOURCE_LABEL: Record<ResourceKind, string> = { topic: 'topic', broker: 'broker', group: 'group', 'client-metrics': 'client-metric' };
