// Kafka's own command-line tools (from the same Maven-fetched Kafka as the test broker), to
// compare kfk's output with the real thing.
import { spawn } from 'node:child_process';
import { ensureKafka, kafkaToolArgs, kafkaVersion } from '../../src/local/kafka-dist.js';
import type { RunResult } from './cli.js';

export const TOOLS = {
  topics: 'org.apache.kafka.tools.TopicCommand',
  producer: 'org.apache.kafka.tools.ConsoleProducer',
  consumer: 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  groups: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
} as const;

export function kafkaTool(mainClass: string, args: string[], opts: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<RunResult> {
  const dist = ensureKafka(kafkaVersion(process.env), process.env, () => undefined);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('java', kafkaToolArgs(dist, mainClass, args), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}
