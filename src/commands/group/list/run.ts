import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { UsageError } from '../../../errors.js';
import { grid, groupListText, kafkaGroupsText } from '../../../format/group-text.js';
import { defaultHashSetOrder, javaStringHash } from '../../../format/java-order.js';
import { outputMode, render } from '../../../cli/output.js';
import type { GroupListing } from '../../../kafka/admin/groups.js';

type Flags = FlagsOf<typeof define>;

// As kafka-consumer-groups 4.x (whose wording these are).
const STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'];
const TYPES = ['Classic', 'Consumer'];
const ALL_TYPES = [...TYPES, 'Share', 'Streams'];

/** `--state S[,S]` / `--type T[,T]`: the canonical names, or a usage error naming the valid ones. */
function parseList(value: string, valid: string[], what: 'state' | 'types'): Set<string> {
  const parsed = value.split(',').map((s) => valid.find((v) => v.toLowerCase() === s.trim().toLowerCase()));
  if (parsed.some((s) => !s)) throw new UsageError(`Invalid ${what} list '${value}'. Valid ${what === 'state' ? 'states' : 'types'} are: ${valid.join(', ')}`);
  return new Set(parsed as string[]);
}

/** The groups a listing keeps: kafka-consumer-groups' --state and --type, kafka-groups' --protocol and --consumer. */
interface GroupFilter {
  states: Set<string> | null;
  types: Set<string> | null;
  protocolType: string | undefined;
  /** kafka-groups --consumer: consumer groups of every kind, classic ones by their protocol type (`consumer`, or none for a group that only has offsets). */
  consumerKinds: boolean;
}

function groupFilter(opts: Flags, allTypes: boolean): GroupFilter {
  const states = typeof opts.state === 'string' ? parseList(opts.state, STATES, 'state') : null;
  if (!allTypes && typeof opts.type === 'string') {
    const other = opts.type.split(',').find((t) => ['share', 'streams'].includes(t.trim().toLowerCase()));
    if (other) throw new UsageError(`${other.trim().toLowerCase()} groups are listed with --all-types (kafka-groups), not as consumer groups: kfk group list --all-types --type ${other.trim().toLowerCase()}`);
  }
  return {
    states,
    types: typeof opts.type === 'string' ? parseList(opts.type, allTypes ? ALL_TYPES : TYPES, 'types') : null,
    protocolType: opts.protocolType,
    consumerKinds: Boolean(opts.consumerKinds),
  };
}

function keeps(f: GroupFilter, g: GroupListing): boolean {
  if (f.states && !f.states.has(g.state)) return false;
  if (f.types && !f.types.has(g.type)) return false;
  if (f.protocolType !== undefined && g.protocolType !== f.protocolType) return false;
  return !f.consumerKinds || g.type === 'Consumer' || g.protocolType === 'consumer' || g.protocolType === '';
}

/**
 * `--state` / `--type` alone add the STATE / TYPE column (as kafka-consumer-groups); with a
 * value they also filter. Text lists the groups in the order of the hash map Kafka's admin
 * client gathers them in (the brokers' order within a bucket), as Kafka's tool does; the table
 * and JSON sort them by name.
 */
export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const allTypes = Boolean(opts.allTypes || opts.kafkaGroups);
  const filter = groupFilter(opts, allTypes);
  const text = outputMode(opts.output, ctx.io.stdout.isTTY) === 'text';
  const client = await ctx.kafka();
  const { listGroups } = await import('../../../kafka/admin/groups.js');
  const onUnreachable = (nodeId: number) => ctx.io.note(`broker ${nodeId} did not answer: the groups it coordinates are not listed`);
  const keep = (g: GroupListing) => keeps(filter, g);
  const all = await ctx.bounded(listGroups(client, { withProtocol: !text, allTypes, onUnreachable }));
  // Kafka's admin client gathers the listings in a HashMap by group id: the tools print them in
  // its order. kafka-consumer-groups' map holds the groups its request's filters let through;
  // kafka-groups' every group, filtered as they are printed.
  const order = (gs: GroupListing[]) => (text ? defaultHashSetOrder(gs, (g) => javaStringHash(g.group)) : gs.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)));
  const listed = allTypes ? order(all).filter(keep) : order(all.filter(keep));
  await render(ctx.io, opts.output, listed, {
    text: (list) => (opts.kafkaGroups ? kafkaGroupsText(list) : groupListText(list, { type: opts.type !== undefined, state: opts.state !== undefined })),
    table: (list, style) => grid(['GROUP', 'TYPE', 'STATE', 'PROTOCOL-TYPE', 'PROTOCOL'], list.map((g) => [g.group, g.type, g.state, g.protocolType || '-', g.protocol || '-']), style),
  });
  return 0;
}
