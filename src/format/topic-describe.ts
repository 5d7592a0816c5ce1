// `kfk topic describe` output: Kafka-identical text (TopicCommand), a table for terminals, JSON.
// The filters (--under-replicated-partitions and friends) follow TopicCommand's rules too.

export interface DescribedPartition {
  partition: number;
  leader: number; // -1: none
  replicas: number[];
  isr: number[];
  elr: number[] | null;
  lastKnownElr: number[] | null;
  offline?: number[];
  /** While the partition is being reassigned. */
  adding?: number[];
  removing?: number[];
}

export interface DescribedConfig {
  name: string;
  value: string | null;
  isDefault: boolean;
}

export interface DescribedTopic {
  name: string;
  topicId: string;
  internal?: boolean;
  partitions: DescribedPartition[];
  configs: DescribedConfig[];
}

export interface DescribeFilters {
  underReplicatedPartitions?: boolean;
  underMinIsrPartitions?: boolean;
  atMinIsrPartitions?: boolean;
  unavailablePartitions?: boolean;
  topicsWithOverrides?: boolean;
}

export interface DescribeView {
  topic: DescribedTopic;
  /** whether the topic header line is shown */
  header: boolean;
  partitions: DescribedPartition[];
  replicationFactor: number;
  overrides: DescribedConfig[];
}

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

function minIsr(t: DescribedTopic): number {
  const c = t.configs.find((x) => x.name === 'min.insync.replicas');
  return c?.value ? Number(c.value) : 1;
}

/** Applies TopicCommand's describe filters: which headers and which partition lines are shown. */
export function describeView(topics: DescribedTopic[], f: DescribeFilters, liveBrokers: Set<number>): DescribeView[] {
  const partitionFilter = f.underReplicatedPartitions || f.underMinIsrPartitions || f.atMinIsrPartitions || f.unavailablePartitions;
  const views: DescribeView[] = [];
  for (const topic of topics) {
    const sorted = [...topic.partitions].sort((a, b) => a.partition - b.partition);
    const overrides = topic.configs.filter((c) => !c.isDefault);
    const min = minIsr(topic);
    const hasLeader = (p: DescribedPartition) => p.leader >= 0;
    const shown = f.topicsWithOverrides
      ? []
      : sorted.filter(
          (p) =>
            !partitionFilter ||
            (f.underReplicatedPartitions && p.replicas.length - p.isr.length > 0) ||
            (f.unavailablePartitions && (!hasLeader(p) || !liveBrokers.has(p.leader))) ||
            (f.underMinIsrPartitions && (!hasLeader(p) || p.isr.length < min)) ||
            (f.atMinIsrPartitions && p.isr.length === min),
        );
    const header = !partitionFilter && (!f.topicsWithOverrides || overrides.length > 0);
    if (!header && shown.length === 0) continue;
    views.push({ topic, header, partitions: shown, // While the first partition is reassigned, its adding replicas are not counted (as kafka-topics).
    replicationFactor: sorted[0] ? sorted[0].replicas.length - (sorted[0].adding?.length ?? 0) : 0, overrides });
  }
  return views;
}

const ids = (xs: number[]) => xs.join(',');

export function describeText(views: DescribeView[]): string {
  let out = '';
  for (const v of views) {
    const t = v.topic;
    if (v.header) {
      out += `Topic: ${t.name}`;
      if (t.topicId && t.topicId !== ZERO_UUID) out += `\tTopicId: ${t.topicId}`;
      out += `\tPartitionCount: ${t.partitions.length}\tReplicationFactor: ${v.replicationFactor}`;
      out += `\tConfigs: ${v.overrides.map((c) => `${c.name}=${c.value ?? ''}`).join(',')}\n`;
    }
    for (const p of v.partitions) {
      out += `\tTopic: ${t.name}\tPartition: ${p.partition}\tLeader: ${p.leader >= 0 ? p.leader : 'none'}`;
      out += `\tReplicas: ${ids(p.replicas)}\tIsr: ${ids(p.isr)}`;
      if (p.adding !== undefined) out += `\tAdding Replicas: ${ids(p.adding)}\tRemoving Replicas: ${ids(p.removing ?? [])}`;
      out += `\tElr: ${p.elr === null ? 'N/A' : ids(p.elr)}\tLastKnownElr: ${p.lastKnownElr === null ? 'N/A' : ids(p.lastKnownElr)}\n`;
    }
  }
  return out;
}

/** The JSON document of `kfk topic describe -o json` (printed indented). */
export function describeJson(views: DescribeView[]): unknown {
  return views.map((v) => ({
    topic: v.topic.name,
    topicId: v.topic.topicId,
    internal: Boolean(v.topic.internal),
    partitionCount: v.topic.partitions.length,
    replicationFactor: v.replicationFactor,
    configs: Object.fromEntries(v.overrides.map((c) => [c.name, c.value])),
    partitions: v.partitions.map((p) => ({
      partition: p.partition,
      leader: p.leader >= 0 ? p.leader : -1,
      replicas: p.replicas,
      isr: p.isr,
      elr: p.elr,
      lastKnownElr: p.lastKnownElr,
      ...(p.adding !== undefined ? { addingReplicas: p.adding, removingReplicas: p.removing ?? [] } : {}),
    })),
  }));
}

export interface TableStyle {
  bold(s: string): string;
  warn(s: string): string;
  bad(s: string): string;
}

export async function describeTable(views: DescribeView[], style: TableStyle): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const blocks: string[] = [];
  for (const v of views) {
    const t = v.topic;
    const head = `${style.bold(t.name)}  id ${t.topicId}  partitions ${t.partitions.length}  replication ${v.replicationFactor}` +
      (v.overrides.length ? `\nconfigs: ${v.overrides.map((c) => `${c.name}=${c.value ?? ''}`).join(', ')}` : '');
    if (!v.partitions.length) {
      blocks.push(head);
      continue;
    }
    const table = new Table({ head: ['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'ELR', 'LAST KNOWN ELR', 'STATUS'], style: { head: [], border: [] } });
    for (const p of v.partitions) {
      const under = p.isr.length < p.replicas.length;
      // Words as well as colour, so the state reads the same without colour.
      const status = p.leader < 0 ? style.bad('OFFLINE') : under ? style.warn('UNDER-REPLICATED') : 'ok';
      table.push([
        String(p.partition),
        p.leader >= 0 ? String(p.leader) : style.bad('none'),
        ids(p.replicas),
        under ? style.warn(ids(p.isr)) : ids(p.isr),
        p.elr === null ? 'N/A' : ids(p.elr),
        p.lastKnownElr === null ? 'N/A' : ids(p.lastKnownElr),
        status,
      ]);
    }
    blocks.push(head + '\n' + table.toString());
  }
  return blocks.join('\n\n') + (blocks.length ? '\n' : '');
}
