// The topics a heartbeating member (KIP-848 or share) subscribes to: the names given and the
// cluster's topics that its patterns match, with their topic ids (assignments name topics by
// id). A pattern is matched against the cluster's topics when the member joins and again at
// each metadata refresh (metadata.max.age.ms), as Kafka's consumer does with a Pattern: a topic
// created later that matches joins the subscription, and the member's next heartbeat says so.
import type { KafkaClient, KafkajsCluster } from '../wire/client.js';
import { learnTopicIds } from '../admin/topics.js';
import { METADATA_MAX_AGE_MS, subscribedTopicNames } from './group.js';

export interface SubscriptionOptions {
  groupId: string;
  /** How the group is named in messages: `group` or `share group`. */
  kind: string;
  topics: Array<string | RegExp>;
  /** How often patterns are matched again (Kafka: metadata.max.age.ms, 5 minutes). */
  metadataMaxAgeMs?: number;
  log?: (line: string) => void;
  /** Waits between heartbeats (a stop ends the wait early). */
  pause: (ms: number) => Promise<void>;
  stopped: () => boolean;
}

export interface Subscription {
  /** The subscribed topics now, sorted. */
  readonly topics: string[];
  /** Topic names by id, of every topic subscribed to so far. */
  readonly names: Map<string, string>;
  /** Topics deleted while they were read, and those that were there at some match. */
  readonly gone: Set<string>;
  /** How often patterns are matched again. */
  readonly maxAgeMs: number;
  /** Matches the patterns again when that is due; true when the subscription changed. */
  rematchIfDue(): Promise<boolean>;
  /** Waits `ms`, matching the patterns again when due; a changed subscription ends the wait (true). */
  waitMatching(ms: number): Promise<boolean>;
  /** Reads the topics again, for a member joining again; an error (every topic gone) is thrown. */
  resubscribe(): Promise<void>;
  /** Learns the ids of the subscribed topics again (an assignment names a topic not known yet). */
  learnTopicIds(): Promise<void>;
}

export async function subscription(client: KafkaClient, cluster: KafkajsCluster, o: SubscriptionOptions): Promise<Subscription> {
  const subscribed = new Set<string>();
  const gone = new Set<string>();
  const names = new Map<string, string>();
  const read = () => subscribedTopicNames(client, cluster, o.topics, { subscribed, gone });
  let topics = await read();
  await cluster.addMultipleTargetTopics(topics);
  const learn = () => learnTopicIds(client, topics, names);
  await learn();
  const patterned = o.topics.some((t) => t instanceof RegExp);
  const maxAgeMs = o.metadataMaxAgeMs ?? METADATA_MAX_AGE_MS;
  let matchedAt = Date.now();

  /** Matches the patterns again; true when the subscription changed. */
  const rematch = async (): Promise<boolean> => {
    matchedAt = Date.now();
    try {
      const next = await read();
      if (next.join('\0') === topics.join('\0')) return false;
      o.log?.(`consume: subscribed to ${next.join(', ') || 'no topic'}`);
      topics = next;
      await cluster.addMultipleTargetTopics(topics);
      await learn();
      return true;
    } catch (err) {
      o.log?.(`consume: matching the topics of ${o.kind} '${o.groupId}' again failed: ${(err as Error).message}`);
      return false;
    }
  };
  return {
    get topics() {
      return topics;
    },
    names,
    gone,
    maxAgeMs,
    rematchIfDue: async () => patterned && Date.now() - matchedAt >= maxAgeMs && (await rematch()),
    async waitMatching(ms) {
      const until = Date.now() + ms;
      while (!o.stopped()) {
        const due = patterned ? matchedAt + maxAgeMs : Infinity;
        if (due >= until) {
          await o.pause(Math.max(0, until - Date.now()));
          return false;
        }
        await o.pause(Math.max(0, due - Date.now()));
        if (o.stopped()) return false;
        if (await rematch()) return true;
      }
      return false;
    },
    async resubscribe() {
      topics = await read();
    },
    learnTopicIds: learn,
  };
}
