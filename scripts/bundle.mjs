// Bundles the compiled CLI (dist/**/*.js, with commander, chalk, cli-table3, ora, yaml and
// properties-file) into one file, dist/kfk.cjs, which bin/launch.js loads with V8's code cache:
// one file to read and no module resolution at start, and no compiling after the first run.
// Every module keeps its own import.meta.url (the address of its file in dist/), so the paths it
// builds from it (package.json, dist/vendor/kafkajs.cjs, native addons) stay the same.
// kafkajs is bundled separately (scripts/vendor-kafkajs.mjs) and loaded on first use.
import { build } from 'esbuild';
import { lazyBuiltins } from './lazy-builtins.mjs';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

await build({
  entryPoints: [join(dist, 'main.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: join(dist, 'kfk.cjs'),
  // Native addons and the kafkajs bundle are loaded at run time from their own files.
  // The Schema Registry formats' libraries too: required from node_modules when a schema is used.
  external: ['@node-rs/crc32', 'snappy', 'lz4-napi', '@mongodb-js/zstd', 'kafkajs', 'avsc', 'protobufjs', 'ajv', 'ajv/*'],
  legalComments: 'inline',
  // Smaller files to read at every start; names kept (errors are told apart by class name).
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // The file URL of dist/ is made once (the paths under it are plain ASCII: no escaping needed).
  banner: { js: 'let __kfkDistUrl; const __kfkFileUrl = (rel) => (__kfkDistUrl ??= require("url").pathToFileURL(__dirname).href + "/") + rel;' },
  plugins: [
    lazyBuiltins(),
    {
      name: 'kfk-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          if (!source.includes('import.meta.url')) return undefined;
          const rel = relative(dist, args.path).split('\\').join('/');
          const url = `__kfkFileUrl(${JSON.stringify(rel)})`;
          return { contents: source.split('import.meta.url').join(url), loader: 'js' };
        });
      },
    },
  ],
});

// A dynamic import() left in the bundle fails at run time: bin/launch.js compiles the bundle as a
// script, which has no dynamic-import callback. Everything must be bundled or require()d.
const out = readFileSync(join(dist, 'kfk.cjs'), 'utf8');
const left = out.match(/\bimport\((?!\s*\))[^)]{0,60}\)/g);
if (left) {
  console.error(`bundle: dynamic import() left in dist/kfk.cjs: ${left.join(', ')}`);
  process.exit(1);
}

// The bundle's id, from its content: the files made from it name it (dist/help/stamp, made by
// scripts/gen-help.mjs), and bin/launch.js uses them only while it is the same.
writeFileSync(join(dist, 'kfk.cjs.id'), `${createHash('sha256').update(out).digest('hex').slice(0, 16)}\n`);

// The token server of `kfk local start --oauth` (src/local/oauth-dev-server.ts), with jose (MIT,
// https://github.com/panva/jose), in a file of its own: it runs as its own process, and nothing
// of it weighs on kfk's start.
await build({
  entryPoints: [join(dist, 'local/oauth-dev-server.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: join(dist, 'vendor/oauth-dev-server.mjs'),
  legalComments: 'inline',
  minify: true,
  logLevel: 'warning',
});
