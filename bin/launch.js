'use strict';
// Starts kfk. The CLI is bundled into one file at build time (dist/kfk.cjs, scripts/bundle.mjs)
// and compiled with V8's code cache, kept per file and Node version in ~/.cache/kfk/v8 (or
// $XDG_CACHE_HOME/kfk/v8): after the first run a command starts without resolving modules or
// compiling, which is most of what a short command like `kfk topic list` spends beyond Node's
// own start. A damaged or stale cache is rejected and made again (withChecksums below). The
// kafkajs bundle (dist/vendor/kafkajs.cjs) is loaded the same way, on first use.
// Without the bundle (a build that did not make it), the ES modules in dist/ are used.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

// Started by the shell lines of a bin/ file: NODE_EXTRA_CA_CERTS was moved aside so that Node did
// not load it at start. It is put back for the processes kfk starts, and the TLS options add its
// certificates to the default ones when a TLS connection is made (src/config/connection.ts).
const deferred = process.env.KFK_NODE_EXTRA_CA_CERTS;
if (deferred !== undefined) {
  delete process.env.KFK_NODE_EXTRA_CA_CERTS;
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) {
    process.env.NODE_EXTRA_CA_CERTS = deferred;
    process[Symbol.for('kfk.extraCaCerts')] = deferred;
  }
}

// The malloc arena cap the shell lines set (bin/kfk.js) is for this process only: not for a broker
// `kfk local` starts, nor any other process kfk runs.
if (process.env.KFK_MALLOC_ARENA_MAX !== undefined) {
  delete process.env.KFK_MALLOC_ARENA_MAX;
  delete process.env.MALLOC_ARENA_MAX;
}

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kfk', 'v8');
}

/** FNV-1a of a string, as 8 hex digits: tells apart the installs of kfk that share a cache. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * V8 checks that a code cache was made by the same V8, with the same flags, for a source of the
 * same length; but not, in a release build, that its bytes are intact: a damaged cache file
 * crashes V8 as it reads it (and every later start with it). With this flag on, V8 writes a
 * checksum into the caches it makes and rejects one whose checksum does not match, as it rejects
 * a stale one: kfk compiles from the source then and writes the cache again. The flag is on only
 * while a cache is read or made: it is part of the flags a cache must match, and Node's own
 * modules, loaded later, come from caches made without it.
 */
function withChecksums(fn) {
  const v8 = require('node:v8');
  v8.setFlagsFromString('--verify-snapshot-checksum');
  try {
    return fn();
  } finally {
    v8.setFlagsFromString('--no-verify-snapshot-checksum');
  }
}

/**
 * The top-level command this run is (`topic`, `consume`; '' for anything else), set by run(). A
 * code cache holds the functions compiled by the run that wrote it: one cache for every command
 * would either lack what another command runs (`consume` with a cache `topic list` wrote compiled
 * most of its functions at every start, about 9 ms of its first record), or, written again by
 * each command, hold everything (675 kB to read at every start: `topic list` 71 to 87 ms). So
 * each top-level command has a cache of its own.
 */
let runCommand = '';

/** require() of a CommonJS file, compiled from (and then into) the code cache. Null if missing. */
function loadCached(file) {
  let source;
  let stat;
  try {
    stat = fs.statSync(file);
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  // One cache per file, install (its directory) and Node's flags (V8 rejects a cache made under
  // other flags: `kfk` and `node bin/kfk.js` would otherwise replace each other's), command,
  // build (size and time), Node version and CPU.
  const prefix = `${path.basename(file)}-${hash(`${path.dirname(file)}\0${process.execArgv.join(' ')}`)}-${runCommand || 'kfk'}-`;
  const cacheFile = path.join(cacheDir(), `${prefix}${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const vm = require('node:vm');
  const script = withChecksums(() => new vm.Script(Module.wrap(source), { filename: file, cachedData }));
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so that it also holds the functions this run compiled; never fatal.
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        // A cache is checked against the flags it was made under: a command that changes a V8
        // flag as it runs puts it back before this (src/cli/young-generation.ts).
        fs.writeFileSync(tmp, withChecksums(() => script.createCachedData()), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        // Caches of earlier builds of the same file of this install go.
        for (const f of fs.readdirSync(path.dirname(cacheFile))) {
          if (f.startsWith(prefix) && f !== path.basename(cacheFile) && f.endsWith('.bin')) fs.rmSync(path.join(path.dirname(cacheFile), f), { force: true });
        }
      } catch {
        /* a read-only home: start without the cache next time too */
      }
    });
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/**
 * The page of `kfk <command...> --help` (or `-h`), or `kfk --version`'s line, that the build
 * wrote (scripts/gen-help.mjs), when stdout is a pipe, a file or /dev/null: the pages are wrapped
 * at 80 columns, as commander wraps help that does not go to a terminal. Null otherwise (a
 * terminal, other arguments, no page, or pages made from another bundle than dist/kfk.cjs), and
 * the CLI prints it. A script that asks for help does not wait for the CLI to load.
 */
function helpPage(argv, dist) {
  const last = argv[argv.length - 1];
  const names = argv.slice(0, -1);
  const version = argv.length === 1 && (last === '--version' || last === '-V');
  if (!version && last !== '--help' && last !== '-h') return null;
  if (!names.every((n) => /^[a-z][a-z0-9-]*$/.test(n))) return null;
  try {
    const out = fs.fstatSync(1);
    if (out.isCharacterDevice() && out.rdev !== fs.statSync('/dev/null').rdev) return null;
    if (fs.readFileSync(path.join(dist, 'help', 'stamp'), 'utf8') !== fs.readFileSync(path.join(dist, 'kfk.cjs.id'), 'utf8')) return null;
    return fs.readFileSync(path.join(dist, 'help', version ? 'version' : `${['kfk', ...names].join('.')}.txt`));
  } catch {
    return null;
  }
}

/** Writes a help page to stdout, as the CLI would: a reader that stops early (`| head`) is no error. */
function writeHelp(page) {
  let off = 0;
  while (off < page.length) {
    try {
      off += fs.writeSync(1, page, off);
    } catch (err) {
      if (err.code === 'EAGAIN') {
        process.stdout.write(page.subarray(off));
        return;
      }
      if (err.code !== 'EPIPE') {
        process.stderr.write(`kfk: cannot write to stdout: ${err.code || err.message}\n`);
        process.exitCode = 1;
      }
      return;
    }
  }
}

function run(argv) {
  const dist = path.join(__dirname, '..', 'dist');
  const page = helpPage(argv, dist);
  if (page) return writeHelp(page);
  // A command's name: a top-level command has a help page (an unknown word is not one).
  const first = argv[0] ?? '';
  runCommand = /^[a-z][a-z0-9-]*$/.test(first) && fs.existsSync(path.join(dist, 'help', `kfk.${first}.txt`)) ? first : '';
  const cli = loadCached(path.join(dist, 'kfk.cjs'));
  if (cli) return cli.main(argv);
  return import('../dist/main.js').then((m) => m.main(argv));
}

module.exports = { run, loadCached, helpPage };
