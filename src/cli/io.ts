// The process's streams behind one interface, so commands never touch `process` directly.
import type { Readable, Writable } from 'node:stream';

export interface IO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Colour on stdout (decided once: terminal, NO_COLOR, FORCE_COLOR, --no-color). */
  color: boolean;
  /** Colour on stderr. */
  colorErr: boolean;
  /**
   * Writes data to stdout, honouring backpressure. `written` is called once stdout is done with
   * the data (written to the file, pipe or terminal, or failed), so its buffer may be reused.
   */
  out(text: string | Buffer, written?: (err?: Error | null) => void): Promise<void> | void;
  /** Writes a line of diagnostics to stderr. */
  err(line: string): void;
  /** A line of kfk's own on stderr, after kfk's prefix (`kfk: `): progress, what was skipped, a summary. */
  note(text: string): void;
  /** `kfk: warning: ...` on stderr. */
  warn(text: string): void;
}

/** How kfk's own lines on stderr start (errors: src/main.ts, which uses the drop-ins' wording where Kafka's tool has one). */
export const NOTE_PREFIX = 'kfk: ';

export function decideColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function processIO(noColorFlag?: boolean): IO {
  // stdin is made on first use: Node makes a file stream of a redirected stdin (/dev/null, say)
  // at a cost of about 2 ms, which a command that reads no input need not pay.
  // stderr too: a command that succeeds quietly (most do) never makes it.
  const { stdout, env } = process;
  let colorErr: boolean | undefined;
  return {
    get stdin() {
      return process.stdin;
    },
    stdout,
    get stderr() {
      return process.stderr;
    },
    env,
    color: decideColor(stdout, env, noColorFlag === true ? false : undefined),
    get colorErr() {
      colorErr ??= decideColor(process.stderr, env, noColorFlag === true ? false : undefined);
      return colorErr;
    },
    out(text, written) {
      // A closed stdout (`| head`) takes nothing more and emits no more events: nothing to wait for.
      if (!stdout.write(text, written) && !stdout.destroyed) {
        return new Promise<void>((resolve) => {
          const done = () => {
            stdout.off('drain', done);
            stdout.off('close', done);
            resolve();
          };
          stdout.once('drain', done);
          stdout.once('close', done);
        });
      }
    },
    err(line) {
      process.stderr.write(line + '\n');
    },
    note(text) {
      process.stderr.write(`${NOTE_PREFIX}${text}\n`);
    },
    warn(text) {
      process.stderr.write(`${NOTE_PREFIX}warning: ${text}\n`);
    },
  };
}
