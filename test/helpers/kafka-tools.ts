// Kafka's own command-line tools (from the same Maven-fetched Kafka as the test broker), to
// compare kfk's output with the real thing.
import { spawn } from 'node:child_process';
import { DEFAULT_KAFKA_VERSION, ensureKafka, isKafka3, kafkaToolArgs, kafkaToolClass, kafkaVersion, type KafkaToolName } from '../../src/local/kafka-dist.js';
import { kfk, type RunResult } from './cli.js';

/** The test broker's Kafka version (KFK_KAFKA_VERSION, else the pinned one). */
export const CLUSTER_KAFKA_VERSION = kafkaVersion(process.env);
/**
 * The Kafka 4.x whose tools print what kfk's own commands print on any cluster (README, "Kafka
 * 3.9 and 4.x"): the broker's version when it is a 4.x, else the pinned one.
 */
export const KAFKA4_VERSION = isKafka3(CLUSTER_KAFKA_VERSION) ? DEFAULT_KAFKA_VERSION : CLUSTER_KAFKA_VERSION;

const classes = (version: string) => ({
  topics: kafkaToolClass(version, 'topics'),
  producer: kafkaToolClass(version, 'producer'),
  consumer: kafkaToolClass(version, 'consumer'),
  groups: kafkaToolClass(version, 'groups'),
  configs: kafkaToolClass(version, 'configs'),
  offsets: kafkaToolClass(version, 'offsets'),
  acls: kafkaToolClass(version, 'acls'),
});
/** Main classes of the broker's own version of the tools. */
export const TOOLS = classes(CLUSTER_KAFKA_VERSION);

export function kafkaTool(
  mainClass: string,
  args: string[],
  opts: { input?: string | Buffer; timeoutMs?: number; version?: string } = {},
): Promise<RunResult> {
  const dist = ensureKafka(opts.version ?? CLUSTER_KAFKA_VERSION, process.env, () => undefined);
  return spawnCollect('java', kafkaToolArgs(dist, mainClass, args), opts).then((r) => ({ code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), ms: r.ms }));
}

/** Runs a command to its end with `input` on stdin; stdout and stderr kept as bytes. */
export function spawnCollect(
  cmd: string,
  args: string[],
  opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err), ms: Date.now() - started });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * A Kafka 4.x tool, run against the test broker whatever its version: what kfk's own commands
 * (`kfk group`, `kfk config`, ...) are compared with, since they print 4.x's text on any cluster.
 */
export function kafka4Tool(tool: KafkaToolName, args: string[], opts: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<RunResult> {
  return kafkaTool(kafkaToolClass(KAFKA4_VERSION, tool), args, { ...opts, version: KAFKA4_VERSION });
}

/** The runbook scripts kfk has drop-ins for, with their classes in Kafka 4.4's tools jar. */
export const SCRIPT_CLASSES = {
  'kafka-acls': 'org.apache.kafka.tools.AclCommand',
  'kafka-cluster': 'org.apache.kafka.tools.ClusterTool',
  'kafka-client-metrics': 'org.apache.kafka.tools.ClientMetricsCommand',
  'kafka-delegation-tokens': 'org.apache.kafka.tools.DelegationTokenCommand',
  'kafka-dump-log': 'org.apache.kafka.tools.DumpLogSegments',
  'kafka-configs': 'org.apache.kafka.tools.ConfigCommand',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-delete-records': 'org.apache.kafka.tools.DeleteRecordsCommand',
  'kafka-features': 'org.apache.kafka.tools.FeatureCommand',
  'kafka-leader-election': 'org.apache.kafka.tools.LeaderElectionCommand',
  'kafka-log-dirs': 'org.apache.kafka.tools.LogDirsCommand',
  'kafka-metadata-quorum': 'org.apache.kafka.tools.MetadataQuorumCommand',
  'kafka-reassign-partitions': 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand',
  'kafka-streams-groups': 'org.apache.kafka.tools.streams.StreamsGroupCommand',
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-transactions': 'org.apache.kafka.tools.TransactionsCommand',
} as const;
export type ScriptName = keyof typeof SCRIPT_CLASSES;

/** The script from Kafka 4.x's jars, and kfk's drop-in for it (`kfk compat <script>`), given the same arguments. */
export const realScript = (script: ScriptName, args: string[]) => kafkaTool(SCRIPT_CLASSES[script], args, { version: KAFKA4_VERSION });
export const dropIn = (script: ScriptName, args: string[]) => kfk(['compat', script, ...args]);

/** A Kafka tool left running in the background (a console consumer in a group, say). */
export interface BackgroundTool {
  pid: number;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM by pid (Kafka's tools close cleanly on it: a consumer leaves its group), then its end. */
  stop(): Promise<RunResult>;
}

export function startKafkaTool(mainClass: string, args: string[], opts: { version?: string } = {}): BackgroundTool {
  const dist = ensureKafka(opts.version ?? CLUSTER_KAFKA_VERSION, process.env, () => undefined);
  const started = Date.now();
  const child = spawn('java', kafkaToolArgs(dist, mainClass, args), { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const done = new Promise<RunResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : null), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started }));
  });
  const pid = child.pid!;
  return {
    pid,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM');
        // A consumer that does not close within 30 s is killed.
        const timer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 30_000);
        const r = await done;
        clearTimeout(timer);
        return r;
      }
      return done;
    },
  };
}
