// Writes completions/ from the built command tree: `npm run build && node scripts/gen-completions.mjs`.
// test/unit/completions.test.ts fails when these files differ from what the tree generates.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/completion/generate.js');
if (!existsSync(built)) {
  console.error('gen-completions: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const { generateCompletion } = await import(pathToFileURL(built).href);
const { buildProgram } = await import(pathToFileURL(join(root, 'dist/cli/program.js')).href);
const program = buildProgram('0.0.0', () => async () => undefined);
mkdirSync(join(root, 'completions'), { recursive: true });
for (const [shell, file] of [['bash', 'kfk.bash'], ['zsh', '_kfk'], ['fish', 'kfk.fish']]) {
  writeFileSync(join(root, 'completions', file), generateCompletion(shell, program));
  console.log(`completions/${file}`);
}
