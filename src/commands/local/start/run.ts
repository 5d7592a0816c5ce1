import type { CommandContext } from '../../../cli/context.js';
import type { Flags } from './define.js';
import { startLocal } from '../../../local/cluster.js';
import { kafkaVersion } from '../../../local/kafka-dist.js';
import { localDir } from '../../../local/state.js';

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  const { io } = ctx;
  const dir = localDir(io.env);
  const { state, alreadyRunning } = await startLocal({
    dir,
    brokers: Number(opts.brokers),
    sasl: Boolean(opts.sasl),
    tls: Boolean(opts.tls),
    version: kafkaVersion(io.env, opts.kafkaVersion),
    env: io.env,
    log: (line) => io.err(line),
  });
  if (alreadyRunning) {
    io.note(`a local Kafka ${state.version} is already running (${state.nodes.length} broker(s)); stop it with: kfk local stop`);
  } else {
    io.note(`Apache Kafka ${state.version} started: ${state.nodes.length} broker(s) in ${state.dir}`);
  }
  if (state.saslBootstrap) io.note(`SASL_PLAINTEXT at ${state.saslBootstrap}, client config ${state.saslClientConfig}`);
  if (state.tlsBootstrap) io.note(`SSL at ${state.tlsBootstrap}, client config ${state.tlsClientConfig}`);
  io.note('kfk commands use it when no other cluster is configured');
  // The address is the data: scripts can capture it.
  await io.out(state.bootstrap + '\n');
  return 0;
}
