// The one Kafka client every command shares. kafkajs is imported here and in src/kafka/
// only, and only when a command actually talks to a broker.
import { kafkajs } from './kafkajs.js';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { Admin, Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkajsBroker, KafkajsCluster } from './kafkajs-types.js';
import { answeringFirst, unanswering, type RawMetadata } from './metadata.js';
import { OAuthTokenSource, type OAuthOptions } from './oauth.js';


export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';
/** Kafka 3.x or 4.x (and later): what the drop-ins need to print the same tool's text. */
export type KafkaMajor = 3 | 4;

export interface ConnectionOptions {
  brokers: string[];
  /**
   * The addresses are KRaft controllers' (KIP-919, `--bootstrap-controller`): they answer no
   * Metadata, so the client connects to one of them and sends every request there.
   */
  controllers?: boolean;
  clientId: string;
  ssl?: TlsOptions;
  /** tokenauth: SCRAM with a delegation token (the token id and HMAC as username and password). */
  sasl?: { mechanism: SaslMechanism; username: string; password: string; tokenauth?: boolean } | { mechanism: 'oauthbearer'; oauth: OAuthOptions };
  /** TCP connect + TLS/SASL handshake bound, ms. */
  connectionTimeout: number;
  /** Per-request bound, ms; also bounds how long a command waits for an unreachable cluster. */
  requestTimeout: number;
  /** kafkajs log lines to stderr when true; silent otherwise. */
  verbose?: boolean;
  log?: (line: string) => void;
}

export type { KafkajsCluster, KafkajsBroker } from './kafkajs-types.js';

/** --verbose lines of the record path, or undefined without --verbose. */
export function verboseLog(client: KafkaClient): ((line: string) => void) | undefined {
  if (!client.options.verbose) return undefined;
  const log = client.options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  return (line) => log(`kfk: ${line}`);
}

export class KafkaClient {
  readonly options: ConnectionOptions;
  private kafkaInstance?: Kafka;
  private adminInstance?: Promise<Admin>;
  private clusterInstance?: Promise<KafkajsCluster>;
  /** The cluster of clusterInstance, from before it has connected. */
  private made?: KafkajsCluster;
  private readonly closers: Array<() => Promise<void>> = [];
  private connectMetadata?: { topicMetadata: Array<{ topic: string }> };
  /** Whether a caller of brokers() has taken the broker list of connecting. */
  private connectBrokersTaken = false;
  /** The topics the Metadata request of connecting asked for: named ones, 'all', or none (empty). */
  private connectTopics: string[] | 'all' = [];

  constructor(options: ConnectionOptions) {
    this.options = options;
  }

  get kafka(): Kafka {
    if (!this.kafkaInstance) {
      const lib = kafkajs().kafkajs;
      const { logLevel } = lib;
      const log = this.options.log ?? ((line: string) => process.stderr.write(line + '\n'));
      const config: KafkaConfig = {
        clientId: this.options.clientId,
        brokers: this.options.brokers,
        connectionTimeout: this.options.connectionTimeout,
        requestTimeout: this.options.requestTimeout,
        authenticationTimeout: this.options.connectionTimeout,
        // A bounded number of quick retries: a wrong address must fail within the timeout. Each
        // retry may pick another bootstrap address, so a longer list gets more of them.
        retry: { retries: Math.max(2, 2 * this.options.brokers.length), initialRetryTime: 100, maxRetryTime: 1000 },
        logLevel: this.options.verbose ? logLevel.INFO : logLevel.NOTHING,
        logCreator: () => (entry) => {
          const { message, ...extra } = entry.log;
          const safe = JSON.stringify(extra, (k, v) => (/password|secret|key$/i.test(k) ? '[redacted]' : v));
          log(`kafkajs ${entry.namespace} ${entry.label}: ${message} ${safe}`);
        },
      };
      if (this.options.ssl) config.ssl = this.options.ssl;
      const sasl = this.options.sasl;
      if (sasl?.mechanism === 'oauthbearer') {
        const source = new OAuthTokenSource(sasl.oauth);
        config.sasl = { mechanism: 'oauthbearer', oauthBearerProvider: () => source.token() } as SASLOptions;
      } else if (sasl) {
        config.sasl = sasl as SASLOptions;
      }
      const kafka = new lib.Kafka(config);
      // Every cluster kafkajs makes (kfk's own, the admin client's) sends FindCoordinator to the
      // broker that answered first, and Metadata and FindCoordinator to brokers that answer.
      const holder = kafka as unknown as Record<symbol, (opts: Record<string, unknown>) => KafkajsCluster>;
      const sym = Object.getOwnPropertySymbols(kafka).find((x) => x.description === 'private:Kafka:createCluster');
      if (sym) {
        const create = holder[sym];
        holder[sym] = (opts) => {
          const cluster = create(opts);
          answeringFirst(cluster);
          return cluster;
        };
      }
      this.kafkaInstance = kafka;
    }
    return this.kafkaInstance;
  }

  /** A connected kafkajs admin client. */
  admin(): Promise<Admin> {
    if (!this.adminInstance) {
      const admin = this.kafka.admin();
      this.adminInstance = admin.connect().then(() => admin);
      this.closers.push(() => admin.disconnect());
    }
    return this.adminInstance;
  }

  /**
   * A connected kafkajs Cluster, for our own protocol requests (record batches, newer API
   * versions). kafkajs keeps the factory behind a private symbol; it builds the cluster with
   * the same retry, logger and offsets as its own producer and consumer. `topics`, on the call
   * that connects: the topics the command is about, if it names them (its Metadata request then
   * asks for these alone); 'all' for a command that reads every topic (`topic list`); none: no
   * topic, the brokers alone, as Kafka's admin client asks. A command that reads topics later
   * asks for them then (readMetadata): the answer for every topic of a large cluster is what
   * every start waited for (the broker takes about 1.2 ms per 1000 partitions to write it).
   */
  cluster(topics: string[] | 'all' = []): Promise<KafkajsCluster> {
    if (!this.clusterInstance) {
      this.connectTopics = topics === 'all' ? 'all' : [...new Set(topics)];
      const connectTopics = this.connectTopics;
      const kafka = this.kafka as unknown as Record<symbol, unknown>;
      const sym = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
      if (!sym) throw new Error('unsupported kafkajs version: no cluster factory');
      const create = kafka[sym] as (opts: Record<string, unknown>) => KafkajsCluster;
      const cluster = create({ metadataMaxAge: 300000, allowAutoTopicCreation: false, maxInFlightRequests: null });
      this.made = cluster;
      this.clusterInstance = (async () => {
        await cluster.connect();
        if (this.options.controllers) return cluster;
        // A command about named topics asks for them alone, and kafkajs then follows them. With
        // none, kafkajs' later refreshes (a broker not found, a connection lost) ask for the
        // brokers alone too, until a topic is followed (kafkajs() names the marker; kafkajs from
        // node_modules, without kfk's patches, has none and asks for every topic).
        const brokersOnly = kafkajs().brokersOnly;
        if (connectTopics !== 'all') {
          for (const t of connectTopics) cluster.targetTopics?.add(t);
          if (connectTopics.length === 0 && brokersOnly !== undefined) cluster.targetTopics?.add(brokersOnly);
        }
        await cluster.refreshMetadata();
        // The answer to the named topics, or to every topic.
        if (connectTopics === 'all' || connectTopics.length > 0) this.connectMetadata = cluster.brokerPool.metadata ?? undefined;
        return cluster;
      })();
      this.closers.push(() => {
        abandonFetches(cluster);
        return cluster.disconnect();
      });
    }
    return this.clusterInstance as Promise<KafkajsCluster>;
  }

  /**
   * Every topic of the cluster as the Metadata answer of connecting gave it, a moment ago: once,
   * for the first caller that wants them all (`topic list` needs no second request). Later callers
   * ask the cluster again, and so does every caller when the connection did not ask for 'all'.
   */
  takeConnectMetadata(): { topicMetadata: Array<{ topic: string }> } | undefined {
    if (this.connectTopics !== 'all') return undefined;
    const meta = this.connectMetadata;
    this.connectMetadata = undefined;
    return meta;
  }

  /**
   * The cluster's brokers, id and controller as a Metadata answer gives them: for the first
   * caller, the answer of connecting, a moment ago (`group list`, `cluster describe` need no
   * second request); for every later caller a new request, so that a command that waits for the
   * cluster to change (a reassignment, a restarted broker) sees it.
   */
  async brokers(): Promise<RawMetadata> {
    const cluster = await this.cluster();
    const known = cluster.brokerPool.metadata as RawMetadata | null;
    const first = !this.connectBrokersTaken;
    this.connectBrokersTaken = true;
    if (first && known) return known;
    await cluster.refreshMetadata();
    return cluster.brokerPool.metadata as RawMetadata;
  }

  /**
   * Follows `topics` (kafkajs' later Metadata requests ask for them) without asking now, when
   * the answer of connecting, a moment ago, named each of them without an error and with a leader
   * for every partition: a second request before the first Fetch or Produce would only repeat
   * it, one round trip later. False otherwise, and the caller asks (readMetadata).
   */
  async followFromConnect(topics: string[]): Promise<boolean> {
    const cluster = await this.cluster();
    const meta = this.connectMetadata as RawMetadata | undefined;
    if (!meta || !cluster.targetTopics || topics.length === 0) return false;
    const ready = topics.every((name) => {
      const t = meta.topicMetadata.find((x) => x.topic === name);
      return t !== undefined && t.topicErrorCode === 0 && t.partitionMetadata.length > 0 && t.partitionMetadata.every((p) => p.partitionErrorCode === 0 && p.leader >= 0);
    });
    if (!ready) return false;
    this.connectMetadata = undefined;
    for (const name of topics) cluster.targetTopics.add(name);
    return true;
  }

  /**
   * The cluster's Kafka major version as far as the ApiVersions answer of the connection already
   * made tells it, without another request: Kafka 4.0 removed Fetch v0-v3 (KIP-896), so a broker
   * whose oldest Fetch is v4 or newer runs 4.x; one that still takes v0 runs 3.x (or older).
   */
  async kafkaMajor(): Promise<KafkaMajor> {
    const cluster = await this.cluster();
    const fetch = cluster.brokerPool?.versions?.[1] as { minVersion: number } | undefined;
    return fetch && fetch.minVersion < 4 ? 3 : 4;
  }

  /**
   * How long one broker's answer is waited for where the others' answers make the rest of the
   * command (ListOffsets per leader, ListGroups and DescribeLogDirs per broker, the reassignments
   * of topic describe): half the request timeout, so that one that takes the connection and
   * answers nothing is named before the command's own time bound ends it.
   */
  get perBrokerWaitMs(): number {
    return Math.ceil(this.options.requestTimeout / 2);
  }

  /**
   * The brokers (ids, ascending) with requests of this client in flight or queued: at a command's
   * time bound, those it was waiting for.
   */
  waitingOn(): number[] {
    const pool = this.made?.brokerPool;
    if (!pool) return [];
    const ids = new Set<number>();
    for (const b of [...Object.values(pool.brokers ?? {}), ...(pool.seedBroker ? [pool.seedBroker] : [])]) {
      if (typeof b.nodeId !== 'number') continue;
      for (const c of b.connectionPool.pool ?? []) {
        const q = (c as { requestQueue?: { inflight?: Map<unknown, unknown>; pending?: unknown[] } } | undefined)?.requestQueue;
        if ((q?.inflight?.size ?? 0) > 0 || (q?.pending?.length ?? 0) > 0) ids.add(b.nodeId);
      }
    }
    return [...ids].sort((a, b) => a - b);
  }

  /**
   * A connected broker for cluster-wide admin requests: the one that answered this client's
   * Metadata (every broker forwards to the active controller what it must do). Not the
   * "controller" a Metadata answer names: under KRaft that is any live broker, picked at random
   * per answer, and it may be one that has stopped answering while the cluster has not fenced it
   * yet (a frozen process): a `topic describe` then failed at its request timeout once in three
   * runs. When the answering broker is gone, the named controller or any other broker that
   * answers, those marked as not answering (brokerAnswers) last.
   */
  async anyBroker(): Promise<KafkajsBroker> {
    const cluster = await this.cluster();
    const seed = cluster.brokerPool.seedBroker;
    if (this.options.controllers) {
      if (!seed) throw new Error(`no controller answered at ${this.options.brokers.join(',')}`);
      return seed;
    }
    const answers = (b: KafkajsBroker | undefined) => b !== undefined && (b.nodeId === undefined || !unanswering(cluster, b.nodeId));
    if (answers(seed) && seed!.isConnected()) return seed!;
    const ids = (cluster.brokerPool.metadata?.brokers ?? []).map((b: { nodeId: number }) => b.nodeId) as number[];
    const quiet = ids.filter((id) => unanswering(cluster, id));
    for (const nodeId of [...ids.filter((id) => !quiet.includes(id)), ...quiet]) {
      try {
        return await cluster.findBroker({ nodeId });
      } catch {
        // try the next one
      }
    }
    return cluster.findControllerBroker();
  }

  /**
   * A connected controller at `address` (host:port, from DescribeCluster's controller list), for
   * a request that concerns that controller itself, as Kafka's admin client sends a broker-config
   * request for node N to node N. The connection closes with this client.
   */
  async controllerAt(address: string): Promise<KafkajsBroker> {
    if (this.options.brokers.length === 1 && this.options.brokers[0] === address) return this.anyBroker();
    const other = new KafkaClient({ ...this.options, brokers: [address], controllers: true });
    this.closers.push(() => other.close());
    return other.anyBroker();
  }

  async close(): Promise<void> {
    const closers = this.closers.splice(0);
    await Promise.allSettled(closers.map((c) => c()));
  }
}

/**
 * A Fetch still in flight when kfk closes its connections is of no use, and kafkajs' disconnect
 * would wait for its answer: up to fetch.max.wait.ms (500 ms) for a consumer at the end of its
 * partitions. As Kafka's consumer does on close, it is dropped; requests on the other connection
 * (commits, LeaveGroup, produce) are still waited for, but for a broker that was found not to
 * answer (a stopped process): what is in flight there was given up already.
 */
function abandonFetches(cluster: KafkajsCluster): void {
  const pool = cluster.brokerPool;
  const brokers = [...Object.values(pool.brokers ?? {}), ...(pool.seedBroker ? [pool.seedBroker] : [])];
  const closing = new Error('the connection is closing');
  for (const b of brokers) {
    const connections = b.connectionPool.pool ?? [];
    if (unanswering(cluster, b.nodeId)) for (const c of connections) c?.rejectRequests(closing);
    else connections[1]?.rejectRequests(closing);
  }
}
