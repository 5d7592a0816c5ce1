'use strict';
// Starts kfk. The CLI is bundled into one file at build time (dist/kfk.cjs, scripts/bundle.mjs)
// and compiled with V8's code cache, kept per file and Node version in ~/.cache/kfk/v8 (or
// $XDG_CACHE_HOME/kfk/v8): after the first run a command starts without resolving modules or
// compiling, which is most of what a short command like `kfk topic list` spends beyond Node's
// own start. The kafkajs bundle (dist/vendor/kafkajs.cjs) is loaded the same way, on first use.
// Without the bundle (a build that did not make it), the ES modules in dist/ are used.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
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

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kfk', 'v8');
}

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
  const cacheFile = path.join(cacheDir(), `${path.basename(file)}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so that it also holds the functions this run compiled; never fatal.
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        // Caches of earlier builds of the same file go.
        const prefix = `${path.basename(file)}-`;
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

function run(argv) {
  const cli = loadCached(path.join(__dirname, '..', 'dist', 'kfk.cjs'));
  if (cli) return cli.main(argv);
  return import('../dist/main.js').then((m) => m.main(argv));
}

module.exports = { run, loadCached };
