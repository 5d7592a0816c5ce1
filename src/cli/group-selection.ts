// --group and --all-groups, and a describe's view, as the group commands (group, share-group,
// streams-group) read them.
import { UsageError } from '../errors.js';

/** The groups named with --group (repeatable, each a comma-separated list), once each in order; null for --all-groups. */
export function selectedGroups(opts: { group?: string[]; allGroups?: boolean }): string[] | null {
  if (opts.allGroups && opts.group?.length) throw new UsageError('--group and --all-groups cannot be used together');
  if (opts.allGroups) return null;
  if (!opts.group?.length) throw new UsageError('give --group G or --all-groups');
  return [...new Set(opts.group.flatMap((g) => g.split(',')).filter(Boolean))];
}

/** What a describe shows: --offsets (the default), --members or --state, one at most. */
export function describeView(opts: { offsets?: boolean; members?: boolean; state?: boolean }): 'offsets' | 'members' | 'state' {
  if ([opts.offsets, opts.members, opts.state].filter(Boolean).length > 1) throw new UsageError('give only one of --offsets, --members, --state');
  return opts.members ? 'members' : opts.state ? 'state' : 'offsets';
}
