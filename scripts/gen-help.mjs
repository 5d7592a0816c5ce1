// Writes dist/help/: the `--help` page of every command as the bundle prints it into a pipe or a
// file (commander wraps at 80 columns when stdout is not a terminal), one file per command
// (`kfk.topic.list.txt`), `kfk --version`'s line (`version`), and `stamp`, the id of the bundle
// they were made from (dist/kfk.cjs.id, written by scripts/bundle.mjs).
// bin/launch.js prints a page itself for `kfk <command...> --help` when stdout is not a
// terminal and the stamp is the bundle's: a script that asks for help does not wait for the CLI
// to load. Run by `npm run build` after the bundle; test/e2e/help-pages.test.ts compares pages
// printed so with the CLI's own output.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bundle = join(dist, 'kfk.cjs');
const out = join(dist, 'help');

const { buildProgram } = await import(pathToFileURL(join(dist, 'cli/program.js')).href);
const paths = [];
(function walk(cmd, names) {
  paths.push(names);
  for (const sub of cmd.commands) if (!sub._hidden) walk(sub, [...names, sub.name()]);
})(buildProgram('0.0.0', () => async () => undefined), []);

// Nothing of the user's may reach a page: an empty home, no KFK_* variables, no colour. (Help
// must not depend on the environment: test/e2e/help-pages.test.ts compares pages with the CLI's
// output under other settings.)
const home = mkdtempSync(join(tmpdir(), 'kfk-help-'));
const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' };

/** The page, as the bundle writes it; fails on any output to stderr or an exit code but 0. */
function page(argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'require(process.argv[1]).main(process.argv.slice(2))', bundle, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('close', (code) => {
      const err = Buffer.concat(stderr).toString();
      if (code !== 0 || err) reject(new Error(`gen-help: kfk ${argv.join(' ')}: exit ${code} ${err}`));
      else resolve(Buffer.concat(stdout));
    });
  });
}

const id = readFileSync(join(dist, 'kfk.cjs.id'), 'utf8');
if (id.trim() !== createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16)) {
  console.error('gen-help: dist/kfk.cjs.id is not the id of dist/kfk.cjs; run scripts/bundle.mjs first');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
try {
  const queue = [...paths];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let names = queue.shift(); names; names = queue.shift()) writeFileSync(join(out, `${['kfk', ...names].join('.')}.txt`), await page([...names, '--help']));
    }),
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
writeFileSync(join(out, 'version'), await page(['--version']));
// Written last: pages without it are never used.
writeFileSync(join(out, 'stamp'), id);
console.log(`dist/help: ${paths.length} pages`);
