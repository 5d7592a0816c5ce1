// Process wiring: argv in, exit code out. Signals, a closed stdout and every error end here.
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { TOP_LEVEL_COMMANDS, TOP_LEVEL_ONLY, buildProgram } from './cli/program.js';
import { CommandContext } from './cli/context.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, KfkError, errorMessage } from './errors.js';
import { processIO } from './cli/io.js';
import type { ConnectionFlags } from './config/resolve.js';
import type { Translation } from './compat/kafka-scripts.js';
import type { KafkaMajor } from './kafka/wire/client.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** How long a command may take to finish after stdout was closed (a consumer's commit and leave). */
const PIPE_CLOSED_GRACE_MS = 5000;

/**
 * Whether process.stderr has been made. Node makes each of the process's streams on first use,
 * loading its stream modules for it (a few ms of a short command's start): a command that writes
 * nothing to stderr leaves it unmade, and kfk does not make it just to flush it at exit.
 */
let stderrMade = false;
function watchStderr(): void {
  const d = Object.getOwnPropertyDescriptor(process, 'stderr');
  if (!d?.get || !d.configurable) {
    stderrMade = true;
    return;
  }
  const get = d.get;
  Object.defineProperty(process, 'stderr', {
    ...d,
    get() {
      stderrMade = true;
      return get.call(process);
    },
  });
}

let exiting = false;
function exit(code: number): void {
  if (exiting) return;
  exiting = true;
  // Let what is already written reach the pipe, then leave even if a socket is still open.
  process.stdout.write('', () => (stderrMade ? process.stderr.write('', () => process.exit(code)) : process.exit(code)));
  setTimeout(() => process.exit(code), 2000).unref();
}

/** How an error line starts: `kfk: `, or the Kafka tool's own prefix for the drop-ins. */
let errorPrefix = 'kfk: ';
/** Kafka's tools exit 1 on bad arguments too; kfk's own commands exit 2. */
let usageExit = EXIT_USAGE;
/** kafka-topics prints its error line on stdout; the drop-in does the same. */
let errorStream: NodeJS.WriteStream | undefined;
/** The drop-in being run (`kfk compat ...`), if any, and its notices for a Kafka version. */
let compat: (Translation & { noticesFor: (major: KafkaMajor | undefined) => string[] }) | undefined;
/** The cluster's Kafka major version, once a command has connected. */
let kafkaMajor: KafkaMajor | undefined;

let noticesPrinted = false;
/** The drop-in's deprecation notices, once, as the tool of the cluster's Kafka version prints them. */
function printNotices(major: KafkaMajor | undefined): void {
  if (!compat || noticesPrinted) return;
  noticesPrinted = true;
  for (const n of compat.noticesFor(major)) process.stdout.write(n + '\n');
}

function reportError(err: unknown, verbose: boolean): number {
  const stderr = errorStream ?? process.stderr;
  const report = compat?.report?.(err);
  if (report) {
    (report.toStdout ? process.stdout : process.stderr).write(report.text + '\n');
    return EXIT_FAILURE;
  }
  const kafkaText = compat?.errorText?.(err, kafkaMajor);
  if (kafkaText !== undefined) {
    stderr.write(`${errorPrefix}${kafkaText}\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof KfkError) {
    stderr.write(err.verbatim ? `${err.message}\n` : `${errorPrefix}${err.message}\n`);
    // A drop-in's stdout carries the tool's error line where the tool prints it; kfk's hint is not the tool's, so stderr.
    if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    if (verbose && err.cause instanceof Error && err.cause.stack) stderr.write(err.cause.stack + '\n');
    return err.exitCode === EXIT_USAGE ? usageExit : err.exitCode;
  }
  stderr.write(`${errorPrefix}${errorMessage(err).split('\n')[0]}\n`);
  if (verbose && err instanceof Error && err.stack) stderr.write(err.stack + '\n');
  return EXIT_FAILURE;
}

export async function main(argv: string[]): Promise<void> {
  watchStderr();
  // Kafka's own command lines: `kfk compat kafka-topics --list ...` (and the kfk-kafka-* bins).
  if (argv[0] === 'compat' && argv.length > 1 && !argv[1].startsWith('-')) {
    const { translate, noticesFor } = await import('./compat/kafka-scripts.js');
    try {
      const t = translate(argv[1], argv.slice(2));
      errorPrefix = t.errorPrefix;
      usageExit = EXIT_FAILURE;
      if (t.errorsToStdout) errorStream = process.stdout;
      // The notices wait for the connection: Kafka 3.x's tools print none.
      compat = { ...t, noticesFor: (major) => noticesFor(t, major) };
      argv = t.argv;
    } catch (err) {
      if (err instanceof KfkError && err.name === 'ToolReport') {
        // The tool's own report of a command line it takes but cannot run: stdout, exit 0.
        process.stdout.write(err.message);
        exit(EXIT_OK);
        return;
      }
      if (argv[1].startsWith('kafka-acls')) {
        // kafka-acls prints a bad command line's error bare, on stderr.
        process.stderr.write(`${errorMessage(err)}\n`);
        exit(EXIT_FAILURE);
        return;
      }
      errorPrefix = argv[1].includes('topics') ? 'Error while executing topic command : ' : 'ERROR ';
      if (argv[1].includes('topics')) errorStream = process.stdout;
      usageExit = EXIT_FAILURE;
      exit(reportError(err, false));
      return;
    }
  }
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(sig === 'SIGINT' ? 130 : 143);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `kfk consume ... | head`: a closed pipe is a normal end, not an error. The command stops as
  // on Ctrl-C and finishes (a group member commits and leaves the group); a command that does
  // not finish within a few seconds is ended.
  let pipeClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' && !pipeClosed) {
      pipeClosed = true;
      controller.abort();
      setTimeout(() => exit(EXIT_OK), PIPE_CLOSED_GRACE_MS);
    }
  });

  let verbose = Boolean(process.env.KFK_DEBUG);
  let current: CommandContext | undefined;
  let code = EXIT_OK;
  const program = buildProgram(
    packageVersion(),
    (load) => async (opts, command) => {
      // Every command that talks to Kafka has the connection flags (src/cli/flags.ts).
      const flags = opts as ConnectionFlags & { color?: boolean };
      verbose ||= Boolean(flags.verbose);
      const io = processIO(flags.color === false);
      const ctx = new CommandContext(io, flags, controller.signal);
      ctx.onConnect = (major) => {
        kafkaMajor = major;
        printNotices(major);
      };
      current = ctx;
      try {
        const mod = await load();
        const result = await mod.run(ctx, opts, command);
        code = typeof result === 'number' ? result : EXIT_OK;
      } finally {
        // Closing talks to brokers too; one that is gone must not keep kfk from exiting.
        await Promise.race([ctx.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
      }
    },
    { writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) },
    // A known command name first: only its part of the tree is built. `kfk help <command>`
    // prints that command's help, with its subcommands: the whole tree. Otherwise (`kfk --help`,
    // `--version`, an unknown command) the top-level commands are all that is used.
    TOP_LEVEL_COMMANDS.find((name) => name === argv[0]) ?? (argv[0] === 'help' ? undefined : TOP_LEVEL_ONLY),
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    printNotices(undefined);
  } catch (err) {
    printNotices(undefined);
    if (err instanceof CommanderError) {
      code = err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT_OK : usageExit;
      // `kfk topic` with no subcommand prints help to stderr and exits 1 in commander: a usage error.
      if (err.code === 'commander.help') code = usageExit;
    } else if (!pipeClosed) {
      code = reportError(err, verbose);
      for (const line of current?.trailer ?? []) process.stderr.write(line + '\n');
    }
  }
  exit(pipeClosed ? EXIT_OK : code);
}
