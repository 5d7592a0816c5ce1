// Writes completions/ from the built command tree: `npm run build && node scripts/gen-completions.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { generateCompletion } = await import(join(root, 'dist/completion/generate.js'));
mkdirSync(join(root, 'completions'), { recursive: true });
for (const [shell, file] of [['bash', 'kfk.bash'], ['zsh', '_kfk'], ['fish', 'kfk.fish']]) {
  writeFileSync(join(root, 'completions', file), generateCompletion(shell));
}
