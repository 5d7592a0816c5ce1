// Partition offsets as plain data: ListOffsets sent to each partition's leader, read_uncommitted
// by default (the log end, as kafka-consumer-groups and GetOffsetShell report it).
import type { KafkaClient, KafkajsBroker } from '../wire/client.js';
import { brokerError } from '../protocol/admin-requests.js';
import { kafkajs } from '../wire/kafkajs.js';
import { codes } from '../wire/error-codes.js';
import { NO_LEADER, TOPIC_AUTHORIZATION_FAILED, UNKNOWN_TOPIC_OR_PARTITION, brokerAnswers, knownLeader, knownTopic, mentioned, readMetadata, unanswering } from '../wire/metadata.js';
import { DeadlineError, withDeadline } from '../wire/deadline.js';

export const LATEST = -1;
export const EARLIEST = -2;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** -1 when no record is at or after the requested time. */
  offset: number;
}

export const tpKey = (topic: string, partition: number) => `${topic}\0${partition}`;

/** Partition ids of each topic, from the cluster's metadata. */
export async function partitionsOf(client: KafkaClient, topics: string[]): Promise<TopicPartitions[]> {
  const cluster = await client.cluster();
  await readMetadata(cluster, topics);
  return topics.map((topic) => {
    const t = knownTopic(cluster, topic);
    if (t?.errorCode === TOPIC_AUTHORIZATION_FAILED) throw brokerError(TOPIC_AUTHORIZATION_FAILED, `Not authorized to access topics: [${topic}]`);
    if (!t || t.partitions.length === 0) throw brokerError(3, `Topic '${topic}' does not exist`);
    return { topic, partitions: t.partitions.map((p) => p.partition) };
  });
}

export interface UnreadOffset {
  topic: string;
  partition: number;
  /** Kafka's error name: LEADER_NOT_AVAILABLE for a partition without a leader, or the broker's answer. */
  error: string;
}

/** Partitions in topic, partition order. */
const byTopicPartition = <T extends { topic: string; partition: number }>(a: T, b: T) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition);

/**
 * The offset of each partition at `time`: LATEST, EARLIEST, or epoch milliseconds (the first
 * offset whose timestamp is at or after it). One request per leader. A partition without a
 * leader, or whose leader answers with an error (its leadership just moved, say), is reported in
 * `unread` instead: the caller decides what that means.
 */
export async function listOffsetsOf(
  client: KafkaClient,
  wanted: TopicPartitions[],
  time: number,
  readCommitted = false,
): Promise<{ offsets: PartitionOffset[]; unread: UnreadOffset[] }> {
  const cluster = await client.cluster();
  // Leaders come from the last Metadata answer; topics it did not name (a connection that asked
  // for the brokers alone, partitions read from a group's offsets or a file) are asked for.
  const unknown = [...new Set(wanted.map((w) => w.topic))].filter((t) => !mentioned(cluster, t));
  if (unknown.length) await readMetadata(cluster, unknown);
  const perLeader = new Map<number, Map<string, number[]>>();
  const unread: UnreadOffset[] = [];
  for (const { topic, partitions } of wanted) {
    for (const partition of partitions) {
      const leader = knownLeader(cluster, topic, partition);
      if (leader === NO_LEADER) {
        unread.push({ topic, partition, error: 'LEADER_NOT_AVAILABLE' });
        continue;
      }
      let m = perLeader.get(leader);
      if (!m) perLeader.set(leader, (m = new Map()));
      const ps = m.get(topic);
      if (ps) ps.push(partition);
      else m.set(topic, [partition]);
    }
  }
  const offsets: PartitionOffset[] = [];
  // Each leader gets half the request timeout: a leader that takes the connection and answers
  // nothing (a stopped process) would otherwise hold every caller to the command's time bound,
  // which ended `offsets` and `group describe` with nothing shown.
  const waitMs = client.perBrokerWaitMs;
  await Promise.all(
    [...perLeader].map(async ([nodeId, topics]) => {
      let res: Awaited<ReturnType<KafkajsBroker['listOffsets']>>;
      try {
        const asked = cluster.findBroker({ nodeId }).then((broker: KafkajsBroker) =>
          broker.listOffsets({
            replicaId: -1,
            isolationLevel: readCommitted ? 1 : 0,
            topics: [...topics].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp: time })) })),
          }),
        );
        res = await withDeadline(asked, waitMs, `broker ${nodeId} did not answer`);
        if (unanswering(cluster, nodeId)) brokerAnswers(cluster, nodeId, true);
      } catch (err) {
        // A leader that went away since the metadata was read, or does not answer: its partitions are unread.
        const type = (err as { type?: string }).type;
        if (!type && !/connect|closed|timed? ?out|broker|answer/i.test((err as Error).message)) throw err;
        // Metadata is asked of the other brokers meanwhile.
        if (err instanceof DeadlineError) brokerAnswers(cluster, nodeId, false);
        for (const [topic, ps] of topics) for (const partition of ps) unread.push({ topic, partition, error: type ?? `broker ${nodeId} did not answer` });
        return;
      }
      for (const r of res.responses) {
        for (const p of r.partitions) {
          if (p.errorCode && !RETRIABLE_OFFSET_ERRORS.has(p.errorCode)) throw brokerError(p.errorCode, null);
          if (p.errorCode) unread.push({ topic: r.topic, partition: p.partition, error: kafkajs().createErrorFromCode(p.errorCode).type });
          else offsets.push({ topic: r.topic, partition: p.partition, offset: Number(p.offset) });
        }
      }
    }),
  );
  return { offsets: offsets.sort(byTopicPartition), unread: unread.sort(byTopicPartition) };
}

/** Answers that mean "ask the partition's new leader, later": NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE, ... */
const RETRIABLE_OFFSET_ERRORS = codes('leader');

/** How long `topic create` and `topic alter --partitions` wait for the new partitions to answer. */
export const NEW_PARTITIONS_WAIT_MS = 10_000;

/** The error of an unread partition whose leader did not answer in time (listOffsetsOf). */
export const UNANSWERED = /^broker (\d+) did not answer$/;

/**
 * Waits, up to `maxMs`, until every partition of `topics` that has a leader answers a ListOffsets
 * there, and the Metadata answers name at least `partitions` of each (when given). A topic just
 * created is in the Metadata answers, with its leaders, before those brokers have set its
 * partitions up, and until then they refuse records and reads ("not the leader"): 300
 * partitions on one busy broker took over a second, longer than a producer's three retries. A
 * partition without a leader is not waited for (a degraded cluster: the topic is there, its
 * readers and writers deal with it). Returns what still does not answer when time is up (as a
 * rule nothing); an error that waiting does not cure (authorization) ends the wait, unthrown.
 */
export async function awaitPartitionsAnswer(client: KafkaClient, topics: Array<{ topic: string; partitions?: number }>, maxMs: number): Promise<UnreadOffset[]> {
  const until = Date.now() + maxMs;
  let backoff = 25;
  for (;;) {
    let waiting: UnreadOffset[];
    try {
      // Metadata again each time: a broker may not know the topic, or its new partitions, yet.
      const cluster = await client.cluster();
      const known = await partitionsOf(client, topics.map((t) => t.topic));
      const wanted = known.map(({ topic, partitions }) => ({ topic, partitions: partitions.filter((p) => knownLeader(cluster, topic, p) !== NO_LEADER) }));
      waiting = (await listOffsetsOf(client, wanted, LATEST)).unread;
      topics.forEach((t, i) => {
        const have = known[i].partitions.length;
        for (let p = have; p < (t.partitions ?? 0); p++) waiting.push({ topic: t.topic, partition: p, error: 'UNKNOWN_TOPIC_OR_PARTITION' });
      });
    } catch (err) {
      if ((err as { errorCode?: number }).errorCode !== UNKNOWN_TOPIC_OR_PARTITION) return [];
      waiting = topics.map(({ topic }) => ({ topic, partition: -1, error: 'UNKNOWN_TOPIC_OR_PARTITION' }));
    }
    // A leader that took half the time bound without answering (stopped, not yet fenced) is not
    // waited for again: the topic is there, and its partitions are named by the caller.
    if (waiting.length === 0 || Date.now() + backoff > until || waiting.every((w) => UNANSWERED.test(w.error))) return waiting;
    await new Promise((resolve) => setTimeout(resolve, backoff));
    backoff = Math.min(backoff * 2, 400);
  }
}

/** listOffsetsOf for callers that need every partition: a partition it could not read fails the call. */
export async function listOffsets(client: KafkaClient, wanted: TopicPartitions[], time: number, readCommitted = false): Promise<PartitionOffset[]> {
  const { offsets, unread } = await listOffsetsOf(client, wanted, time, readCommitted);
  if (unread.length) {
    const names = unread.map((u) => `${u.topic}-${u.partition}`).join(', ');
    throw brokerError(unread[0].error === 'LEADER_NOT_AVAILABLE' ? 5 : 6, `no leader for ${names}: its offsets cannot be read now`);
  }
  return offsets;
}
