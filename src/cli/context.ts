// What every command receives: its streams, the resolved configuration and a lazily built,
// connected Kafka client. Nothing here loads kafkajs until a command asks for the client.
import type { KafkaClient, KafkaMajor } from '../kafka/wire/client.js';
import type { IO } from './io.js';
import { KfkError } from '../errors.js';
import { resolveConfig, type ConnectionFlags, type ResolveInput, type ResolvedConfig } from '../config/resolve.js';
import type { Properties } from '../config/properties.js';

/** How `CommandContext.bounded` bounds a step and words its failure. */
export interface BoundOptions {
  /** The step connects: its failure names the bootstrap list, not a broker the cluster named. */
  connecting?: boolean;
  /** The bound, when not the command's `--timeout`. */
  timeoutMs?: number;
  /**
   * For a step that changes the cluster: the hint under the time bound's line, as a request that
   * was sent and not answered may be carried out all the same.
   */
  unanswered?: string;
}

export interface ConfigExtras {
  commandProperties?: Properties;
  commandConfigFiles?: string[];
  /** The command's --timeout means something else (kfk produce: linger, as in Kafka). */
  timeoutFlagIsNotConnection?: boolean;
}

export class CommandContext {
  readonly io: IO;
  readonly flags: ConnectionFlags;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop and close cleanly. */
  readonly signal: AbortSignal;
  /** Lines for stderr after a failure has been reported (e.g. the consumer's summary). */
  readonly trailer: string[] = [];
  /** The cluster's Kafka major version, once connected. */
  kafkaMajor?: KafkaMajor;
  /**
   * Called once when the connection is made (with the cluster's Kafka major version) or has
   * failed (undefined), before the command prints anything: the drop-ins print the text of the
   * cluster's version of Kafka's tool here.
   */
  onConnect?: (major: KafkaMajor | undefined) => void;
  private resolved?: ResolvedConfig;
  private extras: ConfigExtras = {};
  private clientPromise?: Promise<KafkaClient>;
  private client?: KafkaClient;
  private registryClient?: import('../registry/client.js').RegistryClient;

  constructor(io: IO, flags: ConnectionFlags, signal: AbortSignal) {
    this.io = io;
    this.flags = flags;
    this.signal = signal;
  }

  /** Command-specific property flags (e.g. --producer-property); call before config(). */
  withExtras(extras: ConfigExtras): this {
    this.extras = extras;
    return this;
  }

  config(): ResolvedConfig {
    if (!this.resolved) {
      const { timeoutFlagIsNotConnection, ...extras } = this.extras;
      const flags = timeoutFlagIsNotConnection ? { ...this.flags, timeout: undefined } : this.flags;
      const input: ResolveInput = { flags, env: this.io.env, ...extras };
      this.resolved = resolveConfig(input);
      for (const w of this.resolved.warnings) this.io.warn(`${w}`);
    }
    return this.resolved;
  }

  /**
   * A client whose connection to the cluster has been proven, within the configured bound.
   * `topics`: the named topics a command is about, 'all' for one that reads every topic, or none
   * (the brokers alone): what the Metadata request of connecting asks for (KafkaClient.cluster).
   */
  kafka(topics: string[] | 'all' = []): Promise<KafkaClient> {
    if (!this.clientPromise) this.clientPromise = this.connect(topics);
    return this.clientPromise;
  }

  async admin(): ReturnType<KafkaClient['admin']> {
    const client = await this.kafka();
    return this.bounded(client.admin(), { connecting: true });
  }

  private async connect(topics: string[] | 'all'): Promise<KafkaClient> {
    const config = this.config();
    const [{ KafkaClient }, { connectionOptions }] = await Promise.all([
      import('../kafka/wire/client.js'),
      import('../config/connection.js'),
    ]);
    const options = connectionOptions(config, (line) => this.io.err(line));
    if (config.verbose) {
      // Who and where, never the secret: the password and key material stay out of every log.
      const sasl = options.sasl;
      const auth = !sasl
        ? 'no SASL'
        : sasl.mechanism === 'oauthbearer'
          ? `SASL OAUTHBEARER, ${!sasl.oauth.tokenEndpoint ? 'unsecured token' : /^file:/i.test(sasl.oauth.tokenEndpoint) ? `token from ${sasl.oauth.tokenEndpoint}` : `client ${sasl.oauth.clientId} at ${sasl.oauth.tokenEndpoint}`}`
          : `SASL ${sasl.mechanism.toUpperCase()} as ${sasl.username}`;
      const tls = options.ssl ? `TLS${options.ssl.cert ? ' with a client certificate' : ''}${options.ssl.checkServerIdentity ? ', host names not checked' : ''}` : 'no TLS';
      this.io.note(`connecting to ${options.brokers.join(',')} (${auth}, ${tls}; bootstrap from ${config.bootstrapSource}, timeout ${config.timeoutMs} ms)`);
    }
    const client = new KafkaClient(options);
    this.client = client;
    try {
      await this.bounded(client.cluster(topics), { connecting: true });
    } catch (err) {
      this.onConnect?.(undefined);
      throw err;
    }
    this.kafkaMajor = await client.kafkaMajor();
    this.onConnect?.(this.kafkaMajor);
    return client;
  }

  /**
   * Races a step against the timeout. Failures to reach or authenticate to the cluster become
   * one clear line; a broker's own answer (e.g. TOPIC_ALREADY_EXISTS) passes through as it is.
   */
  async bounded<T>(step: Promise<T>, { connecting = false, timeoutMs, unanswered }: BoundOptions = {}): Promise<T> {
    const config = this.config();
    const boundMs = timeoutMs ?? config.timeoutMs;
    const { connectFailure, failedAddress, isConnectionError } = await import('../kafka/wire/failures.js');
    let timer: NodeJS.Timeout | undefined;
    // A step after connecting that times out met a cluster that took the connection and then
    // answered nothing (brokers stopped, the controller quorum lost): not a failure to connect.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new KfkError(
              connecting
                ? `cannot connect to ${config.bootstrapServers.join(',')}: timed out after ${boundMs} ms`
                : `no answer from the cluster within ${boundMs} ms (connected through ${config.bootstrapServers.join(',')})${waitedFor(this.client?.waitingOn() ?? [])}`,
              { hint: connecting ? undefined : unanswered },
            ),
          ),
        boundMs,
      );
    });
    try {
      return await Promise.race([step, timeout]);
    } catch (err) {
      if (err instanceof KfkError || (!connecting && !isConnectionError(err))) throw err;
      // Once connected, a connection that fails is to a broker the cluster named (a leader, a
      // coordinator): that one is named, not the bootstrap list.
      const at = connecting ? undefined : failedAddress(err);
      throw connectFailure(err, at ? [at] : config.bootstrapServers);
    } finally {
      clearTimeout(timer);
      step.catch(() => undefined);
    }
  }

  /**
   * The Schema Registry client for this run (flag > env > properties > profile > `kfk local`).
   * Throws a usage error naming the ways to configure one when none is.
   */
  async registry(flag: string | undefined): Promise<import('../registry/client.js').RegistryClient> {
    if (!this.registryClient) {
      const config = this.config();
      const [{ registryConfig }, { RegistryClient }, { tlsOptions }, { runningLocalRegistry }] = await Promise.all([
        import('../registry/config.js'),
        import('../registry/client.js'),
        import('../config/connection.js'),
        import('../local/registry.js'),
      ]);
      const rc = registryConfig({
        flag,
        env: this.io.env,
        properties: config.properties,
        profileUrl: config.profileSchemaRegistryUrl,
        localUrl: () => runningLocalRegistry(this.io.env)?.url,
        timeoutMs: config.timeoutMs,
        tlsOptions,
      });
      if (!rc) {
        throw new KfkError('no Schema Registry configured', {
          exitCode: 2,
          hint: 'pass --schema-registry-url URL (or KFK_SCHEMA_REGISTRY_URL, schema.registry.url, a profile\'s schema-registry-url), or run kfk local start --schema-registry',
        });
      }
      if (config.verbose) this.io.note(`Schema Registry ${rc.urls.join(',')} (from ${rc.source}${rc.authorization ? `, ${rc.authorization.split(' ')[0]} auth` : ''})`);
      this.registryClient = new RegistryClient(rc);
    }
    return this.registryClient;
  }

  async close(): Promise<void> {
    if (this.client) await this.client.close();
  }
}

/** The brokers a command still waited for at its time bound, for its message. */
function waitedFor(ids: number[]): string {
  if (ids.length === 0) return '';
  return ids.length === 1 ? `: broker ${ids[0]} did not answer` : `: brokers ${ids.join(', ')} did not answer`;
}
