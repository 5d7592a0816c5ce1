// Writes docs/reference.md from the built command tree: `npm run build && node scripts/gen-docs.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { generateReference } = await import(join(root, 'dist/completion/reference.js'));
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs/reference.md'), generateReference());
