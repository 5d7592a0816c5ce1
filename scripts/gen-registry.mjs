// Writes src/cli/commands.generated.ts, the command registry, from the folders of src/commands/:
//
//   node scripts/gen-registry.mjs           write it (npm run build does, before compiling)
//   node scripts/gen-registry.mjs --check   exit 1 if the file differs from what the folders give
//                                           (test/unit/command-registry.test.ts runs this)
//
// A folder with a define.ts is a command. With a run.ts beside it, the command runs: its run
// module is imported when it runs, through a literal `() => import('…/run.js')` that esbuild
// bundles and loads lazily (here, not in define.ts: run.ts imports its Flags type from define.ts,
// and imports must not go round in a circle). Without one, its subfolders that have a define.ts
// are its subcommands, in the order of the `subcommands` list its define.ts exports (help lists
// them in that order, which is chosen, not alphabetical); a subfolder missing from the list, or a
// name in the list with no such folder, stops the script. The top-level commands are those of
// TOP_LEVEL_COMMANDS in src/cli/program.ts, checked against the folders the same way.
// Two folders are handled by name:
// - complete-names is the hidden command `__complete` (a folder name does not start with `_`);
// - compat has neither run.ts nor subcommands: main.ts runs the drop-in itself, so it is
//   defined for help only.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const commandsDir = join(root, 'src/commands');
const programFile = join(root, 'src/cli/program.ts');
const outFile = join(root, 'src/cli/commands.generated.ts');

/** Folder name -> command name, where they differ. */
const COMMAND_NAMES = { 'complete-names': '__complete' };
/** Commands defined for help only: their action is set in main.ts. */
const DEFINED_ONLY = new Set(['compat']);

function fail(message) {
  console.error(`gen-registry: ${message}`);
  process.exit(1);
}

/** The quoted names of `export const <name> = [...] as const;` in a file, or undefined. */
function listIn(file, name) {
  const m = readFileSync(file, 'utf8').match(new RegExp(`export const ${name} = \\[([^\\]]*)\\] as const;`));
  return m && [...m[1].matchAll(/'([^']*)'/g)].map((q) => q[1]);
}

const hasDefine = (dir) => existsSync(join(dir, 'define.ts'));
const subfolders = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && hasDefine(join(dir, e.name)))
    .map((e) => e.name);

/** The folders of `listed`, in its order, after checking that they are exactly `found`. */
function ordered(listed, found, where) {
  const missing = found.filter((f) => !listed.includes(f));
  const unknown = listed.filter((l) => !found.includes(l));
  const twice = listed.filter((l, i) => listed.indexOf(l) !== i);
  if (missing.length) fail(`${where} does not list ${missing.join(', ')} (add each where help should show it)`);
  if (unknown.length) fail(`${where} lists ${unknown.join(', ')}, which has no folder with a define.ts`);
  if (twice.length) fail(`${where} lists ${twice.join(', ')} twice`);
  return listed;
}

/** `topic/create` -> defineTopicCreate. */
const importName = (path) => 'define' + path.split(/[/-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

const imports = [];

/** The registry expression of the command in src/commands/<path>/. */
function node(path) {
  const dir = join(commandsDir, path);
  const define = importName(path);
  imports.push(`import { define as ${define} } from '../commands/${path}/define.js';`);
  const subs = subfolders(dir);
  if (existsSync(join(dir, 'run.ts'))) {
    if (subs.length) fail(`src/commands/${path}/ has a run.ts and subcommands (${subs.join(', ')}): a command either runs or has subcommands`);
    return `runs(${define}, () => import('../commands/${path}/run.js'))`;
  }
  if (DEFINED_ONLY.has(path)) return `{ define: ${define} }`;
  if (!subs.length) fail(`src/commands/${path}/ has neither a run.ts nor subcommands`);
  const listed = listIn(join(dir, 'define.ts'), 'subcommands');
  if (!listed) fail(`src/commands/${path}/define.ts has no \`export const subcommands = [...] as const;\` naming its subcommand folders`);
  const names = ordered(listed, subs, `subcommands in src/commands/${path}/define.ts`);
  return `group(${[define, ...names.map((n) => node(`${path}/${n}`))].join(', ')})`;
}

const folderOf = Object.fromEntries(Object.entries(COMMAND_NAMES).map(([folder, name]) => [name, folder]));
const topLevel = listIn(programFile, 'TOP_LEVEL_COMMANDS');
if (!topLevel) fail('src/cli/program.ts has no `export const TOP_LEVEL_COMMANDS = [...] as const;`');
const folders = ordered(
  topLevel.map((name) => folderOf[name] ?? name),
  subfolders(commandsDir),
  'TOP_LEVEL_COMMANDS in src/cli/program.ts',
);
// One line per top-level command: the table does not repeat itself line after line.
const table = folders.map((folder) => {
  const name = COMMAND_NAMES[folder] ?? folder;
  return `  ${/^[a-z_]\w*$/i.test(name) ? name : `'${name}'`}: ${node(folder)},`;
});

const text = `// Generated by scripts/gen-registry.mjs from the folders of src/commands/: do not edit. A command
// is its folder (define.ts, and run.ts when it runs) and its name in its parent's \`subcommands\`
// (a top-level one in TOP_LEVEL_COMMANDS); \`npm run build\` writes this file again.
import { group, runs, type Node } from './command-node.js';
${imports.sort().join('\n')}

/** Every command, by top-level name: its define.ts, then its run.ts (imported when it runs) or its subcommands. */
export const COMMANDS = {
${table.join('\n')}
} satisfies Record<string, Node>;
`;

if (process.argv.includes('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== text) fail('src/cli/commands.generated.ts is out of date: run `node scripts/gen-registry.mjs` (npm run build does)');
} else if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== text) {
  writeFileSync(outFile, text);
  console.log('src/cli/commands.generated.ts');
}
