// Partitions a consumer cannot read at the moment, and how they are named to the user: those
// without a leader, and those whose leader has not answered within the request timeout (a
// broker that took the connection and then stopped, or lost its quorum).

/** A partition that cannot be read now: no leader, or (`leader` set) a leader that does not answer. */
export interface WaitingPartition {
  topic: string;
  partition: number;
  leader?: number;
}

/** Puts the partitions in topic, partition order and returns the set as an id (`t-1@2,t-3@`), to tell a change of it. */
export function orderedWaitingId(parts: WaitingPartition[]): string {
  parts.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return parts.map((p) => `${p.topic}-${p.partition}@${p.leader ?? ''}`).join(',');
}

const names = (parts: WaitingPartition[]) => parts.map((p) => `${p.topic}-${p.partition}`).join(', ');

/** The partitions that cannot be read, by leader that does not answer: `[leader, parts]`, leaders in order. */
function bySilentLeader(parts: WaitingPartition[]): Array<[number, WaitingPartition[]]> {
  const by = new Map<number, WaitingPartition[]>();
  for (const p of parts) if (p.leader !== undefined) by.set(p.leader, [...(by.get(p.leader) ?? []), p]);
  return [...by].sort((a, b) => a[0] - b[0]);
}

/** "waiting for a leader: t-1; broker 2 does not answer (leader of t-0, t-3)". */
export function waitingText(parts: WaitingPartition[]): string {
  const leaderless = parts.filter((p) => p.leader === undefined);
  const out = leaderless.length ? [`waiting for a leader: ${names(leaderless)}`] : [];
  for (const [leader, led] of bySilentLeader(parts)) out.push(`broker ${leader} does not answer (leader of ${names(led)})`);
  return out.join('; ');
}

/** The error of a read that ended (-e) with these partitions not read to their end, after waiting `waitedMs` for them. */
export function unreachedText(parts: WaitingPartition[], waitedMs: number): string {
  const leaderless = parts.filter((p) => p.leader === undefined);
  if (leaderless.length === parts.length) return `partition(s) without a leader not read to the end: ${names(parts)} (waited ${waitedMs} ms for a leader)`;
  const out = leaderless.length ? [`${names(leaderless)} (no leader)`] : [];
  for (const [leader, led] of bySilentLeader(parts)) out.push(`${names(led)} (broker ${leader} does not answer)`);
  return `partition(s) not read to the end: ${out.join(', ')}; waited ${waitedMs} ms`;
}
