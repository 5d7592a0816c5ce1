import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { startLocal } from '../../../local/cluster.js';
import { kafkaVersion } from '../../../local/kafka-dist.js';
import { localDir } from '../../../local/state.js';

type Flags = FlagsOf<typeof define>;

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { io } = ctx;
  const dir = localDir(io.env);
  const log = (line: string) => io.err(line);
  // The registry's JVM starts first (a missing Java 21 fails before Kafka starts), and comes up
  // while Kafka does.
  const registry = opts.schemaRegistry ? await (await import('../../../local/registry.js')).spawnRegistry({ dir, env: io.env, log }) : undefined;
  let started: Awaited<ReturnType<typeof startLocal>>;
  try {
    started = await startLocal({
      dir,
      brokers: Number(opts.brokers),
      logDirs: Number(opts.logDirs),
      sasl: Boolean(opts.sasl),
      tls: Boolean(opts.tls),
      acl: Boolean(opts.acl),
      oauthServer: Boolean(opts.oauth),
      version: kafkaVersion(io.env, opts.kafkaVersion),
      env: io.env,
      log,
    });
  } catch (err) {
    if (registry && !registry.alreadyRunning) await (await import('../../../local/registry.js')).stopRegistry(dir);
    throw err;
  }
  const { state, alreadyRunning } = started;
  if (alreadyRunning) {
    io.note(`a local Kafka ${state.version} is already running (${state.nodes.length} broker(s)); stop it with: kfk local stop`);
  } else {
    io.note(`Apache Kafka ${state.version} started: ${state.nodes.length} broker(s) in ${state.dir}`);
  }
  if (state.saslBootstrap) io.note(`SASL_PLAINTEXT at ${state.saslBootstrap}, client config ${state.saslClientConfig}`);
  if (opts.acl && !alreadyRunning) {
    io.note('ACLs enforced (StandardAuthorizer); super users: ANONYMOUS (PLAINTEXT), kfk-plain, kfk-scram');
    if (state.saslBootstrap) io.note(`an ordinary user, for trying ACLs: ${state.dir}/client-limited.properties`);
  }
  if (state.oauthBootstrap) io.note(`SASL OAUTHBEARER at ${state.oauthBootstrap}, client config ${state.oauthClientConfig}`);
  if (state.tlsBootstrap) io.note(`SSL at ${state.tlsBootstrap}, client config ${state.tlsClientConfig}`);
  if (registry) {
    await registry.ready;
    io.note(`Schema Registry ${registry.alreadyRunning ? 'already running' : 'started'} at ${registry.state.url} (Apicurio Registry, Confluent API)`);
  }
  io.note('kfk commands use it when no other cluster is configured');
  // The address is the data: scripts can capture it.
  await io.out(state.bootstrap + '\n');
  return 0;
}
