// Runs the built CLI as a user would, and captures what a user would see.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const KFK_BIN = fileURLToPath(new URL('../../bin/kfk.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

// A HOME with no profiles and no local cluster, so only what a test passes is used.
const isolatedHome = mkdtempSync(join(tmpdir(), 'kfk-home-'));

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'LANG', 'TMPDIR']) if (process.env[k]) env[k] = process.env[k];
  env.HOME = isolatedHome;
  env.KFK_LOCAL_DIR = join(isolatedHome, 'no-local-cluster');
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function kfk(args: string[], opts: { input?: string | Buffer; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<RunResult> {
  const p = kfkProcess(args, { env: opts.env, timeoutMs: opts.timeoutMs ?? 60_000 });
  p.child.stdin.end(opts.input);
  return p.done;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A running kfk whose stdin the test writes to over time (paced input, signals mid-run). */
export function kfkProcess(args: string[], opts: { env?: Record<string, string | undefined>; timeoutMs?: number } = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, [KFK_BIN, ...args], { env: cleanEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  child.stdin.on('error', () => undefined);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
  return {
    child,
    done,
    /** Lines of stdout so far. */
    outputLines: () => Buffer.concat(out).toString('utf8').split('\n').filter(Boolean).length,
    /** Writes `lines` in chunks of `chunk` lines, `everyMs` apart, then closes stdin. */
    async feed(lines: string[], chunk: number, everyMs: number): Promise<void> {
      // A process that has ended takes no more input: feeding stops with it, so that the test
      // sees its exit code and stderr instead of waiting for a pipe to drain.
      let ended = false;
      const exited = done.then(
        () => {
          ended = true;
        },
        () => {
          ended = true;
        },
      );
      for (let i = 0; i < lines.length && !ended; i += chunk) {
        const ok = child.stdin.write(lines.slice(i, i + chunk).join('\n') + '\n');
        if (!ok) await Promise.race([new Promise((r) => child.stdin.once('drain', r)), exited]);
        await new Promise((r) => setTimeout(r, everyMs));
      }
      child.stdin.end();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
